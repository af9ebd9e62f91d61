import { createServiceApp, type ServiceDeps, serviceAppOptions } from '@konecta/core';

/** Chart of accounts, general ledger, invoices and bills, payments, expenses, budgets and payroll. */
export function createApp(deps: ServiceDeps) {
  return createServiceApp({
    ...serviceAppOptions('finance', deps),
    description: 'Chart of accounts, general ledger, invoices and bills, payments, expenses, budgets and payroll.',
  });
}
