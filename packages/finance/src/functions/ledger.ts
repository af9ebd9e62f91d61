import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { accountRoutes } from '../accounts/routes';
import { currencyRoutes } from '../currencies/routes';
import { journalRoutes } from '../journals/routes';
import { periodRoutes } from '../periods/routes';
import { chartConstraints, chartRules, journalConstraints, journalRules } from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions.ledger` paths: the
 * chart of accounts, fiscal years and periods, journal entries, exchange rates and revaluation.
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [accountRoutes, periodRoutes, journalRoutes, currencyRoutes], {
    ...chartConstraints,
    ...chartRules,
    ...journalConstraints,
    ...journalRules,
  });
export const handler = lambdaHandler({ name: 'finance', createApp });
