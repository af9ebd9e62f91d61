import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { expenseImportRoutes } from '../expenses/import-routes';
import { financeApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `finance.functions.expense-imports` paths. */
export const createApp = (deps: ServiceDeps) => financeApp(deps, [expenseImportRoutes]);
export const handler = lambdaHandler({ name: 'finance', createApp });
