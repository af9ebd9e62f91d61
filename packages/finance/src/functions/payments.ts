import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { paymentRoutes } from '../payments/routes';
import {
  journalConstraints,
  journalRules,
  paymentConstraints,
  paymentRules,
  purchaseConstraints,
  purchaseRules,
  salesConstraints,
  salesRules,
} from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions.payments` paths:
 * payments received and made, and their allocations.
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [paymentRoutes], {
    ...journalConstraints,
    ...journalRules,
    ...salesConstraints,
    ...salesRules,
    ...purchaseConstraints,
    ...purchaseRules,
    ...paymentConstraints,
    ...paymentRules,
  });
export const handler = lambdaHandler({ name: 'finance', createApp });
