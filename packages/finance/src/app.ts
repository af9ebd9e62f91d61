import type { ServiceDeps } from '@konecta/core';
import { accountRoutes } from './accounts/routes';
import { bankPaymentRoutes } from './bank/payment-routes';
import { bankRoutes } from './bank/routes';
import { billCreditNoteRoutes } from './bills/credit-note-routes';
import { billRoutes } from './bills/routes';
import { budgetRoutes } from './budgets/routes';
import { financeConstraints, financeRules } from './constraints';
import { type FinanceContext, financeContext } from './context';
import { currencyRoutes } from './currencies/routes';
import { dashboardRoutes } from './dashboard/routes';
import { expenseImportRoutes } from './expenses/import-routes';
import { receiptUploadRoutes } from './expenses/receipt-upload-routes';
import { expenseRoutes } from './expenses/routes';
import { invoiceCreditNoteRoutes } from './invoices/credit-note-routes';
import { invoiceRoutes } from './invoices/routes';
import { journalRoutes } from './journals/routes';
import { partyRoutes } from './parties/routes';
import { paymentRoutes } from './payments/routes';
import { periodRoutes } from './periods/routes';
import { reportRoutes } from './reports/routes';
import { financeApp } from './service-app';

/**
 * The general ledger (chart of accounts, fiscal years and periods, journal entries, currencies and
 * statements), customers and invoices, vendors and bills, bank accounts and reconciliation,
 * expense claims and budgets.
 */
export function createApp(deps: ServiceDeps, ctx: FinanceContext = financeContext(deps)) {
  return financeApp(
    deps,
    [
      accountRoutes,
      periodRoutes,
      journalRoutes,
      currencyRoutes,
      dashboardRoutes,
      reportRoutes,
      partyRoutes,
      invoiceRoutes,
      invoiceCreditNoteRoutes,
      billRoutes,
      billCreditNoteRoutes,
      paymentRoutes,
      bankRoutes,
      bankPaymentRoutes,
      expenseRoutes,
      receiptUploadRoutes,
      expenseImportRoutes,
      budgetRoutes,
    ],
    { ...financeConstraints, ...financeRules },
    ctx,
  );
}
