import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { performanceRoutes } from '../performance/routes';
import { hrApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `hr.functions.performance` paths. */
export const createApp = (deps: ServiceDeps) => hrApp(deps, [performanceRoutes]);
export const handler = lambdaHandler({ name: 'hr', createApp });
