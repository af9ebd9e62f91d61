import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { companyCalendarRoutes } from './dashboard/calendar-routes';
import { dashboardRoutes } from './dashboard/routes';
import { hrApp } from './service-app';

/**
 * Deployed on Lambda, the HR paths of no group in the catalogue's `hr.functions` (each group is a
 * function of its own, `functions/`): health, readiness, the OpenAPI document, the dashboard and
 * the company calendar.
 */
export const createApp = (deps: ServiceDeps) => hrApp(deps, [dashboardRoutes, companyCalendarRoutes]);
export const handler = lambdaHandler({ name: 'hr', createApp });
