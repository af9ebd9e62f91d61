import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { notificationRoutes } from '../notifications/routes';
import { authApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `auth.functions.notifications` paths. */
export const createApp = (deps: ServiceDeps) => authApp(deps, [notificationRoutes]);
export const handler = lambdaHandler({ name: 'auth', createApp });
