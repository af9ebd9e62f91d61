import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { billRoutes } from '../bills/routes';
import {
  creditNoteConstraints,
  creditNoteRules,
  journalConstraints,
  journalRules,
  numberingConstraints,
  purchaseConstraints,
  purchaseRules,
} from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions.bills` paths:
 * vendors' bills.
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [billRoutes], {
    ...journalConstraints,
    ...journalRules,
    ...purchaseConstraints,
    ...purchaseRules,
    ...creditNoteConstraints,
    ...creditNoteRules,
    ...numberingConstraints,
  });
export const handler = lambdaHandler({ name: 'finance', createApp });
