import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { organisationRoutes } from '../organisation/routes';
import { hrApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `hr.functions.organisation` paths. */
export const createApp = (deps: ServiceDeps) => hrApp(deps, [organisationRoutes]);
export const handler = lambdaHandler({ name: 'hr', createApp });
