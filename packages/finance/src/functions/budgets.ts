import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { budgetRoutes } from '../budgets/routes';
import { budgetConstraints } from '../refusals';
import { financeApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `finance.functions.budgets` paths. */
export const createApp = (deps: ServiceDeps) => financeApp(deps, [budgetRoutes], { ...budgetConstraints });
export const handler = lambdaHandler({ name: 'finance', createApp });
