import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { reportRoutes } from '../reports/routes';
import { financeApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `finance.functions.reports` paths. */
export const createApp = (deps: ServiceDeps) => financeApp(deps, [reportRoutes], {});
export const handler = lambdaHandler({ name: 'finance', createApp });
