import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { paymentRoutes } from '../payments/routes';
import { paymentRefusals } from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions.payments` paths:
 * payments received and made, and their allocations.
 */
export const createApp = (deps: ServiceDeps) => financeApp(deps, [paymentRoutes], paymentRefusals());
export const handler = lambdaHandler({ name: 'finance', createApp });
