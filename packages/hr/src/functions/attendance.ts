import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { attendanceRoutes } from '../attendance/routes';
import { hrApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `hr.functions.attendance` paths. */
export const createApp = (deps: ServiceDeps) => hrApp(deps, [attendanceRoutes]);
export const handler = lambdaHandler({ name: 'hr', createApp });
