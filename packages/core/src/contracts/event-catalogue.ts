import { authEvents } from './auth-events';
import type { EventContract } from './define-event';
import { financeEvents } from './finance-events';
import { hrEvents } from './hr-events';
import { operationEvents } from './operation-events';

/** Every declared event, for checks that span them (one declaration per type). */
export const eventCatalogue: readonly EventContract[] = [
  ...Object.values(hrEvents),
  ...Object.values(authEvents),
  ...Object.values(financeEvents),
  ...Object.values(operationEvents),
];
