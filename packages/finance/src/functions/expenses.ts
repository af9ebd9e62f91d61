import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { expenseRoutes } from '../expenses/routes';
import { financeApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `finance.functions.expenses` paths. */
export const createApp = (deps: ServiceDeps) => financeApp(deps, [expenseRoutes]);
export const handler = lambdaHandler({ name: 'finance', createApp });
