import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { billRoutes } from '../bills/routes';
import { invoiceRoutes } from '../invoices/routes';
import { partyRoutes } from '../parties/routes';
import { financeApp } from '../service-app';

/** Deployed on Lambda, the function answering the catalogue's `finance.functions.documents` paths. */
export const createApp = (deps: ServiceDeps) => financeApp(deps, [partyRoutes, invoiceRoutes, billRoutes]);
export const handler = lambdaHandler({ name: 'finance', createApp });
