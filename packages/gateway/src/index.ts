export { createGatewayApp, type GatewayOptions } from './app';
export { aggregateHealth, type ServiceHealth } from './health';
export { forward, type ServiceTarget } from './proxy';
