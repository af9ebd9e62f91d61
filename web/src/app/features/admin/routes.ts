import type { Routes } from '@angular/router';
import { permissionGuard } from '../../core/guards';

/** Administration: users, roles and permissions, system status and the local mailbox. */
const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'users' },
  {
    path: 'users',
    title: 'Users · Konecta ERP',
    canActivate: [permissionGuard],
    data: { permissions: ['auth.users.read'] },
    loadComponent: () => import('./users').then((m) => m.UsersPage),
  },
  {
    path: 'roles',
    title: 'Roles & permissions · Konecta ERP',
    canActivate: [permissionGuard],
    data: { permissions: ['auth.roles.read'] },
    loadComponent: () => import('./roles').then((m) => m.RolesPage),
  },
  {
    path: 'status',
    title: 'System status · Konecta ERP',
    canActivate: [permissionGuard],
    data: { permissions: ['auth.users.read', 'platform.system.read'] },
    loadComponent: () => import('./status').then((m) => m.StatusPage),
  },
  {
    path: 'mailbox',
    title: 'Mailbox · Konecta ERP',
    canActivate: [permissionGuard],
    data: { permissions: ['auth.users.invite'] },
    loadComponent: () => import('./mailbox').then((m) => m.MailboxPage),
  },
];
export default routes;
