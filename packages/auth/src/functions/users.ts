import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { invitationRoutes } from '../invitations/routes';
import { authApp } from '../service-app';
import { userRoutes } from '../users/routes';

/** Deployed on Lambda, the function answering the catalogue's `auth.functions.users` paths. */
export const createApp = (deps: ServiceDeps) => authApp(deps, [userRoutes, invitationRoutes]);
export const handler = lambdaHandler({ name: 'auth', createApp });
