import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { offboardingRoutes } from '../offboarding/routes';
import { hrApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `hr.functions.offboarding` paths. */
export const createApp = (deps: ServiceDeps) => hrApp(deps, [offboardingRoutes]);
export const handler = lambdaHandler({ name: 'hr', createApp });
