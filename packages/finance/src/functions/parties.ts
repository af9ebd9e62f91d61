import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { partyRoutes } from '../parties/routes';
import { purchaseConstraints, salesConstraints } from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions.parties` paths:
 * customers and vendors, and their statements.
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [partyRoutes], { ...salesConstraints, ...purchaseConstraints });
export const handler = lambdaHandler({ name: 'finance', createApp });
