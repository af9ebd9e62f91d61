import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { roleRoutes } from '../roles/routes';
import { authApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `auth.functions.roles` paths. */
export const createApp = (deps: ServiceDeps) => authApp(deps, [roleRoutes]);
export const handler = lambdaHandler({ name: 'auth', createApp });
