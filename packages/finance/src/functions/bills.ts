import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { billRoutes } from '../bills/routes';
import {
  journalConstraints,
  journalRules,
  numberingConstraints,
  purchaseConstraints,
  purchaseRules,
} from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions.bills` paths:
 * vendors' bills; vendor credit notes are the `credit-notes` function.
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [billRoutes], {
    ...journalConstraints,
    ...journalRules,
    ...purchaseConstraints,
    ...purchaseRules,
    ...numberingConstraints,
  });
export const handler = lambdaHandler({ name: 'finance', createApp });
