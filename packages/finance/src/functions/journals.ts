import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { journalRoutes } from '../journals/routes';
import { financeApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `finance.functions.journals` paths. */
export const createApp = (deps: ServiceDeps) => financeApp(deps, [journalRoutes]);
export const handler = lambdaHandler({ name: 'finance', createApp });
