import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { employeeRoutes } from '../employees/routes';
import { hrApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `hr.functions.employees` paths. */
export const createApp = (deps: ServiceDeps) => hrApp(deps, [employeeRoutes]);
export const handler = lambdaHandler({ name: 'hr', createApp });
