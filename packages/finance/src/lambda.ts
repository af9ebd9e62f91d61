import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { accountRoutes } from './accounts/routes';
import { bankRoutes } from './bank/routes';
import { billRoutes } from './bills/routes';
import { currencyRoutes } from './currencies/routes';
import { dashboardRoutes } from './dashboard/routes';
import { expenseImportRoutes } from './expenses/import-routes';
import { expenseRoutes } from './expenses/routes';
import { invoiceRoutes } from './invoices/routes';
import { journalRoutes } from './journals/routes';
import { partyRoutes } from './parties/routes';
import { paymentRoutes } from './payments/routes';
import { periodRoutes } from './periods/routes';
import { financeApp } from './service-app';

/**
 * Deployed on Lambda, the finance paths of no group in the catalogue's `finance.functions` (the
 * statements and budgets are functions of their own, `functions/`): health, readiness, the OpenAPI
 * document, and every other finance route. Finance's routes are not split further until its
 * shared code is small enough for each group to fit the bundle budget, and because every route
 * of a group function is three API Gateway resources in a stack limited to 500 (docs/decisions.md).
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [
    accountRoutes,
    periodRoutes,
    journalRoutes,
    currencyRoutes,
    dashboardRoutes,
    partyRoutes,
    invoiceRoutes,
    billRoutes,
    paymentRoutes,
    bankRoutes,
    expenseRoutes,
    expenseImportRoutes,
  ]);
export const handler = lambdaHandler({ name: 'finance', createApp });
