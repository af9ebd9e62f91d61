import type { Routes } from '@angular/router';
import { permissionGuard } from '../../core/guards';

/**
 * Finance: the chart of accounts, journal entries, periods and fiscal years, exchange rates and the
 * statements. One lazily loaded chunk; each page asks for the permission its API checks.
 */
const routes: Routes = [
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
