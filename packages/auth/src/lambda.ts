import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { keyRoutes } from './keys/routes';
import { meRoutes } from './me/routes';
import { authApp } from './service-app';
import { sessionRoutes } from './sessions/routes';

/**
 * Deployed on Lambda, the auth paths of no group in the catalogue's `auth.functions` (each group is
 * a function of its own, `functions/`): health, readiness, the OpenAPI document, sign-in and
 * refresh, `/me` and the key set. (The local mailbox is never deployed.)
 */
export const createApp = (deps: ServiceDeps) => authApp(deps, [sessionRoutes, meRoutes, keyRoutes]);
export const handler = lambdaHandler({ name: 'auth', createApp });
