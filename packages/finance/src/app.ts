import { createServiceApp, type ServiceDeps, serviceAppOptions } from '@konecta/core';
import { accountRoutes } from './accounts/routes';
import { bankRoutes } from './bank/routes';
import { financeConstraints, financeRules } from './constraints';
import { type FinanceContext, financeContext } from './context';
import { currencyRoutes } from './currencies/routes';
import { journalRoutes } from './journals/routes';
import { periodRoutes } from './periods/routes';
import { reportRoutes } from './reports/routes';

/** The general ledger: chart of accounts, fiscal years and periods, journal entries, currencies and statements. */
export function createApp(deps: ServiceDeps, ctx: FinanceContext = financeContext(deps)) {
  return createServiceApp(
    {
      ...serviceAppOptions('finance', deps),
      constraints: { ...financeConstraints, ...financeRules },
      description:
        'Chart of accounts, fiscal years and periods, journal entries, exchange rates and revaluation, and the financial statements.',
    },
    (api) => {
      api.route('/', accountRoutes(ctx));
      api.route('/', periodRoutes(ctx));
      api.route('/', journalRoutes(ctx));
      api.route('/', currencyRoutes(ctx));
      api.route('/', reportRoutes(ctx));
      api.route('/', bankRoutes(ctx));
    },
  );
}
