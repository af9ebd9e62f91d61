import type { Routes } from '@angular/router';

/**
 * Public account pages (forgot/reset password, invitation, code confirmation). Every path here
 * must be non-empty: this file is mounted at the root beside the shell.
 */
const routes: Routes = [
  { path: 'forgot-password', loadComponent: () => import('../../pages/not-found').then((m) => m.NotFoundPage) },
];
export default routes;
