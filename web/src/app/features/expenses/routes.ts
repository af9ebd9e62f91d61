import type { Routes } from '@angular/router';
import { permissionGuard } from '../../core/guards';

/** Expense claims: every employee's own, and the approvals inbox of managers and finance. One lazy chunk. */
const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.expenses.submit'] },
    title: 'My expense claims · Konecta ERP',
    loadComponent: () => import('./my-claims.page').then((m) => m.MyClaimsPage),
  },
  {
    path: 'approvals',
    canActivate: [permissionGuard],
    data: { permissions: ['finance.expenses.approve', 'finance.expenses.read-all'] },
    title: 'Expense approvals · Konecta ERP',
    loadComponent: () => import('./approvals.page').then((m) => m.ApprovalsPage),
  },
];

export default routes;
