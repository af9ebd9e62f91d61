import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { accountRoutes } from './accounts/routes';
import { periodRoutes } from './periods/routes';
import { financeApp } from './service-app';

/**
 * Deployed on Lambda, the finance paths of no group in the catalogue's `finance.functions` (each
 * group is a function of its own, `functions/`): health, readiness, the OpenAPI document, the chart
 * of accounts, fiscal years and periods.
 */
export const createApp = (deps: ServiceDeps) => financeApp(deps, [accountRoutes, periodRoutes]);
export const handler = lambdaHandler({ name: 'finance', createApp });
