import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { employeeFileRoutes } from '../employees/file-routes';
import { hrApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `hr.functions['employee-files']` paths. */
export const createApp = (deps: ServiceDeps) => hrApp(deps, [employeeFileRoutes]);
export const handler = lambdaHandler({ name: 'hr', createApp });
