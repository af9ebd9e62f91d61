import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { authApp } from '../service-app';
import { serviceTokenRoutes } from '../service-tokens/routes';
import { serviceOnlyRoutes } from '../users/service-routes';

/** Deployed on Lambda, the function answering the catalogue's `auth.functions.services` paths. */
export const createApp = (deps: ServiceDeps) => authApp(deps, [serviceTokenRoutes, serviceOnlyRoutes]);
export const handler = lambdaHandler({ name: 'auth', createApp });
