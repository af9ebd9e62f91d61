import { createServiceApp, type ServiceDeps, type ServiceRouter, serviceAppOptions } from '@konecta/core';
import { financeConstraints, financeRules } from './constraints';
import { type FinanceContext, financeContext } from './context';

/** A group of finance routes (`journalRoutes`, `reportRoutes`…), mounted under `/api/finance`. */
export type FinanceRoutes = (ctx: FinanceContext) => ServiceRouter;

/**
 * The finance app with the given route groups: all of them locally and in containers (`app.ts`),
 * one group per Lambda function (`functions/`, the catalogue's `functions`). Imports no routes
 * itself, so a function's bundle holds only its own groups.
 */
export function financeApp(
  deps: ServiceDeps,
  routes: readonly FinanceRoutes[],
  ctx: FinanceContext = financeContext(deps),
) {
  return createServiceApp(
    {
      ...serviceAppOptions('finance', deps),
      constraints: { ...financeConstraints, ...financeRules },
      description:
        'Chart of accounts, fiscal years and periods, journal entries, exchange rates and revaluation, the financial statements, expense claims and budgets.',
    },
    (api) => {
      for (const group of routes) api.route('/', group(ctx));
    },
  );
}
