import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { invoiceRoutes } from '../invoices/routes';
import { journalConstraints, journalRules, numberingConstraints, salesConstraints, salesRules } from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions.invoices` paths:
 * sales invoices (and their PDF); credit notes are the `credit-notes` function.
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [invoiceRoutes], {
    ...journalConstraints,
    ...journalRules,
    ...salesConstraints,
    ...salesRules,
    ...numberingConstraints,
  });
export const handler = lambdaHandler({ name: 'finance', createApp });
