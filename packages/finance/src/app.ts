import { createServiceApp, type ServiceDeps, serviceAppOptions } from '@konecta/core';
import { accountRoutes } from './accounts/routes';
import { budgetRoutes } from './budgets/routes';
import { financeConstraints, financeRules } from './constraints';
import { type FinanceContext, financeContext } from './context';
import { currencyRoutes } from './currencies/routes';
import { expenseRoutes } from './expenses/routes';
import { journalRoutes } from './journals/routes';
import { periodRoutes } from './periods/routes';
import { reportRoutes } from './reports/routes';

/**
 * The general ledger (chart of accounts, fiscal years and periods, journal entries, currencies and
 * statements), expense claims and budgets.
 */
export function createApp(deps: ServiceDeps, ctx: FinanceContext = financeContext(deps)) {
  return createServiceApp(
    {
      ...serviceAppOptions('finance', deps),
      constraints: { ...financeConstraints, ...financeRules },
      description:
        'Chart of accounts, fiscal years and periods, journal entries, exchange rates and revaluation, the financial statements, expense claims and budgets.',
    },
    (api) => {
      api.route('/', accountRoutes(ctx));
      api.route('/', periodRoutes(ctx));
      api.route('/', journalRoutes(ctx));
      api.route('/', currencyRoutes(ctx));
      api.route('/', reportRoutes(ctx));
      api.route('/', expenseRoutes(ctx));
      api.route('/', budgetRoutes(ctx));
    },
  );
}
