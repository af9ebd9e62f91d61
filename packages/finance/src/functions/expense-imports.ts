import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { expenseImportRoutes } from '../expenses/import-routes';
import { expenseConstraints, journalConstraints, journalRules } from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions.expense-imports`
 * paths: department expenses imported from a spreadsheet, each row posted to the ledger.
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [expenseImportRoutes], { ...journalConstraints, ...journalRules, ...expenseConstraints });
export const handler = lambdaHandler({ name: 'finance', createApp });
