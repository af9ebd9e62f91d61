/**
 * Every domain event the services publish, each declared once with its payload. Publishers pass
 * the declaration to `publishEvent` and consumers to `bus.subscribe`, so both sides are typed from
 * here and a payload that does not fit is refused (at publish in local stages and tests, and
 * always at delivery). Each publisher's events are a module of their own, and this one only names
 * them, so a function bundles the events it publishes or consumes, not every service's (the list
 * of them all is `eventCatalogue`, in a module of its own for the same reason).
 */
export { authEvents } from './auth-events';
export { eventCatalogue } from './event-catalogue';
export { financeEvents } from './finance-events';
export { hrEvents } from './hr-events';
export { operationEvents } from './operation-events';
