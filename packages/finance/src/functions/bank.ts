import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { bankRoutes } from '../bank/routes';
import {
  bankConstraints,
  bankRules,
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
 * Deployed on Lambda, the function answering the catalogue's `finance.functions.bank` paths: bank
 * accounts, statements and reconciliation, and payments made from a statement line (which
 * allocate to invoices and bills, so their refusals too).
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [bankRoutes], {
    ...journalConstraints,
    ...journalRules,
    ...bankConstraints,
    ...bankRules,
    ...salesConstraints,
    ...salesRules,
    ...purchaseConstraints,
    ...purchaseRules,
    ...paymentConstraints,
    ...paymentRules,
  });
export const handler = lambdaHandler({ name: 'finance', createApp });
