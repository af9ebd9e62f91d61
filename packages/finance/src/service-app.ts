import {
  type ConstraintFields,
  createServiceApp,
  type ServiceDeps,
  type ServiceRouter,
  serviceAppOptions,
} from '@konecta/core';
import { type FinanceContext, financeContext } from './context';

/** A group of finance routes (`journalRoutes`, `reportRoutes`…), mounted under `/api/finance`. */
export type FinanceRoutes = (ctx: FinanceContext) => ServiceRouter;

/**
 * The finance app with the given route groups: all of them locally and in containers (`app.ts`),
 * one group per Lambda function (`functions/`, the catalogue's `functions`). Imports no routes
 * and no constraint messages itself, so a function's bundle holds only its own groups' and the
 * messages of the tables they write (`refusals.ts`).
 */
export function financeApp(
  deps: ServiceDeps,
  routes: readonly FinanceRoutes[],
  constraints: ConstraintFields,
  ctx: FinanceContext = financeContext(deps),
) {
  return createServiceApp(
    {
      ...serviceAppOptions('finance', deps),
      constraints,
      description:
        'Chart of accounts, fiscal years and periods, journal entries, exchange rates and revaluation, the financial statements, expense claims and budgets.',
    },
    (api) => {
      for (const group of routes) api.route('/', group(ctx));
    },
  );
}
