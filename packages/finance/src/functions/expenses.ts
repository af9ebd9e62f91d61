import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { expenseRoutes } from '../expenses/routes';
import { budgetConstraints, expenseConstraints, expenseRules, journalConstraints, journalRules } from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions.expenses` paths:
 * expense categories and claims, and their receipts.
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [expenseRoutes], {
    ...journalConstraints,
    ...journalRules,
    ...expenseConstraints,
    ...expenseRules,
    ...budgetConstraints,
  });
export const handler = lambdaHandler({ name: 'finance', createApp });
