import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { hrApp } from '../service-app';
import { trainingRoutes } from '../training/routes';

/** Deployed on Lambda, the function answering the catalogue's `hr.functions.training` paths. */
export const createApp = (deps: ServiceDeps) => hrApp(deps, [trainingRoutes]);
export const handler = lambdaHandler({ name: 'hr', createApp });
