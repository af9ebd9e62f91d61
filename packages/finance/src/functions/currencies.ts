import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { currencyRoutes } from '../currencies/routes';
import { financeApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `finance.functions.currencies` paths. */
export const createApp = (deps: ServiceDeps) => financeApp(deps, [currencyRoutes]);
export const handler = lambdaHandler({ name: 'finance', createApp });
