import type { Routes } from '@angular/router';
import { permissionGuard } from '../../core/guards';
import { BILLS, INVOICES } from './documents';

/**
 * Finance: the chart of accounts, journal entries, periods and fiscal years, exchange rates, the
 * statements, customers and vendors, invoices and bills. One lazily loaded chunk; each page asks for the permission its API checks.
 */
const routes: Routes = [
  {
    // The section's landing page.
    path: '',
    pathMatch: 'full',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.statements.read'] },
    title: 'Finance dashboard · Konecta ERP',
    loadComponent: () => import('./dashboard.page').then((m) => m.FinanceDashboardPage),
  },
  {
    path: 'ageing',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.statements.read'] },
    title: 'Ageing · Konecta ERP',
    loadComponent: () => import('./ageing.page').then((m) => m.AgeingPage),
  },
  {
    path: 'accounts',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.accounts.read'] },
    title: 'Chart of accounts · Konecta ERP',
    loadComponent: () => import('./accounts.page').then((m) => m.AccountsPage),
  },
  {
    path: 'journal-entries',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.journals.read'] },
    title: 'Journal entries · Konecta ERP',
    loadComponent: () => import('./journal-list.page').then((m) => m.JournalListPage),
  },
  // Static paths before `journal-entries/:id`.
  {
    path: 'journal-entries/new',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.journals.post'] },
    title: 'New journal entry · Konecta ERP',
    loadComponent: () => import('./journal-form.page').then((m) => m.JournalFormPage),
  },
  {
    path: 'journal-entries/:id/edit',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.journals.post'] },
    title: 'Edit journal entry · Konecta ERP',
    loadComponent: () => import('./journal-form.page').then((m) => m.JournalFormPage),
  },
  {
    path: 'journal-entries/:id',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.journals.read'] },
    title: 'Journal entry · Konecta ERP',
    loadComponent: () => import('./journal-detail.page').then((m) => m.JournalDetailPage),
  },
  {
    path: 'periods',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.accounts.read'] },
    title: 'Periods & fiscal years · Konecta ERP',
    loadComponent: () => import('./periods.page').then((m) => m.PeriodsPage),
  },
  {
    path: 'exchange-rates',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.accounts.read'] },
    title: 'Exchange rates · Konecta ERP',
    loadComponent: () => import('./rates.page').then((m) => m.RatesPage),
  },
  {
    path: 'trial-balance',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.statements.read'] },
    title: 'Trial balance · Konecta ERP',
    loadComponent: () => import('./trial-balance.page').then((m) => m.TrialBalancePage),
  },
  {
    path: 'general-ledger',
    canActivate: [permissionGuard],
    // The permission GET /api/finance/reports/general-ledger checks.
    data: { permissions: ['finance.journals.read'] },
    title: 'General ledger · Konecta ERP',
    loadComponent: () => import('./general-ledger.page').then((m) => m.GeneralLedgerPage),
  },
  {
    path: 'profit-and-loss',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.statements.read'] },
    title: 'Profit and loss · Konecta ERP',
    loadComponent: () => import('./profit-and-loss.page').then((m) => m.ProfitAndLossPage),
  },
  {
    path: 'balance-sheet',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.statements.read'] },
    title: 'Balance sheet · Konecta ERP',
    loadComponent: () => import('./balance-sheet.page').then((m) => m.BalanceSheetPage),
  },
  {
    path: 'cash-flow',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.statements.read'] },
    title: 'Cash flow · Konecta ERP',
    loadComponent: () => import('./cash-flow.page').then((m) => m.CashFlowPage),
  },
  {
    path: 'customers',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.parties.read'], kind: 'customer' },
    title: 'Customers · Konecta ERP',
    loadComponent: () => import('./parties.page').then((m) => m.PartiesPage),
  },
  {
    path: 'vendors',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.parties.read'], kind: 'vendor' },
    title: 'Vendors · Konecta ERP',
    loadComponent: () => import('./parties.page').then((m) => m.PartiesPage),
  },
  // Static paths (`new`) before `:id`.
  {
    path: 'invoices',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.invoices.read'], document: INVOICES },
    title: 'Invoices · Konecta ERP',
    loadComponent: () => import('./document-list.page').then((m) => m.DocumentListPage),
  },
  {
    path: 'invoices/new',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.invoices.manage'], document: INVOICES },
    title: 'New invoice · Konecta ERP',
    loadComponent: () => import('./document-form.page').then((m) => m.DocumentFormPage),
  },
  {
    path: 'invoices/:id/edit',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.invoices.manage'], document: INVOICES },
    title: 'Edit invoice · Konecta ERP',
    loadComponent: () => import('./document-form.page').then((m) => m.DocumentFormPage),
  },
  {
    path: 'invoices/:id',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.invoices.read'], document: INVOICES },
    title: 'Invoice · Konecta ERP',
    loadComponent: () => import('./document-detail.page').then((m) => m.DocumentDetailPage),
  },
  {
    path: 'bills',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.invoices.read'], document: BILLS },
    title: 'Bills · Konecta ERP',
    loadComponent: () => import('./document-list.page').then((m) => m.DocumentListPage),
  },
  {
    path: 'bills/new',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.invoices.manage'], document: BILLS },
    title: 'New bill · Konecta ERP',
    loadComponent: () => import('./document-form.page').then((m) => m.DocumentFormPage),
  },
  {
    path: 'bills/:id/edit',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.invoices.manage'], document: BILLS },
    title: 'Edit bill · Konecta ERP',
    loadComponent: () => import('./document-form.page').then((m) => m.DocumentFormPage),
  },
  {
    path: 'bills/:id',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.invoices.read'], document: BILLS },
    title: 'Bill · Konecta ERP',
    loadComponent: () => import('./document-detail.page').then((m) => m.DocumentDetailPage),
  },
  {
    path: 'payments',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.payments.read'] },
    title: 'Payments · Konecta ERP',
    loadComponent: () => import('./payments.page').then((m) => m.PaymentsPage),
  },
  {
    path: 'payments/:id',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.payments.read'] },
    title: 'Payment · Konecta ERP',
    loadComponent: () => import('./payment-detail.page').then((m) => m.PaymentDetailPage),
  },
  {
    path: 'budgets',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.budgets.read'] },
    title: 'Budgets · Konecta ERP',
    loadComponent: () => import('./budgets.page').then((m) => m.BudgetsPage),
  },
  {
    path: 'bank-accounts',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.bank.read'] },
    title: 'Bank accounts · Konecta ERP',
    loadComponent: () => import('./bank-accounts.page').then((m) => m.BankAccountsPage),
  },
  {
    path: 'bank-statements',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.bank.read'] },
    title: 'Bank statements · Konecta ERP',
    loadComponent: () => import('./bank-statements.page').then((m) => m.BankStatementsPage),
  },
  {
    path: 'bank-statements/:id',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.bank.read'] },
    title: 'Reconciliation · Konecta ERP',
    loadComponent: () => import('./bank-reconcile.page').then((m) => m.BankReconcilePage),
  },
];
export default routes;
