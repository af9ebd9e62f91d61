import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { passwordResetRoutes } from '../password-reset/routes';
import { authApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `auth.functions.password` paths. */
export const createApp = (deps: ServiceDeps) => authApp(deps, [passwordResetRoutes]);
export const handler = lambdaHandler({ name: 'auth', createApp });
