import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { bankRoutes } from '../bank/routes';
import { bankConstraints, bankRules, journalConstraints, journalRules } from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions.bank` paths: bank
 * accounts, statements and reconciliation (a payment from a statement line is `bank-payments`).
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [bankRoutes], { ...journalConstraints, ...journalRules, ...bankConstraints, ...bankRules });
export const handler = lambdaHandler({ name: 'finance', createApp });
