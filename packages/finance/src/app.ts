import { createServiceApp, type ServiceDeps, serviceAppOptions } from '@konecta/core';
import { financeConstraints, financeRules } from './constraints';
import { type FinanceContext, financeContext } from './context';

/** Chart of accounts, general ledger, invoices and bills, payments, expenses, budgets and payroll. */
export function createApp(deps: ServiceDeps, ctx: FinanceContext = financeContext(deps)) {
  void ctx;
  return createServiceApp(
    {
      ...serviceAppOptions('finance', deps),
      constraints: { ...financeConstraints, ...financeRules },
      description:
        'Chart of accounts, fiscal years and periods, journal entries, exchange rates and the financial statements.',
    },
    () => {},
  );
}
