import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { calendarRoutes } from '../leave/calendar-routes';
import { leaveRoutes } from '../leave/routes';
import { hrApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `hr.functions.leave` paths. */
export const createApp = (deps: ServiceDeps) => hrApp(deps, [leaveRoutes, calendarRoutes]);
export const handler = lambdaHandler({ name: 'hr', createApp });
