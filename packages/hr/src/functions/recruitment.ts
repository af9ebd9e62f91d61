import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { recruitmentRoutes } from '../recruitment/routes';
import { hrApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `hr.functions.recruitment` paths. */
export const createApp = (deps: ServiceDeps) => hrApp(deps, [recruitmentRoutes]);
export const handler = lambdaHandler({ name: 'hr', createApp });
