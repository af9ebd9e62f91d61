import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { dashboardRoutes } from './dashboard/routes';
import { financeApp } from './service-app';

/**
 * Deployed on Lambda, the finance paths of no group in the catalogue's `finance.functions`:
 * health, readiness, the OpenAPI document and the dashboard. Every other route group is a function
 * of its own (`functions/`), so that each bundle holds only its group's code (docs/decisions.md).
 */
export const createApp = (deps: ServiceDeps) => financeApp(deps, [dashboardRoutes], {});
export const handler = lambdaHandler({ name: 'finance', createApp });
