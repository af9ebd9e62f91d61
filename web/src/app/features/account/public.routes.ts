import type { Routes } from '@angular/router';

/**
 * Public account pages (forgot/reset password, invitation, code confirmation). Every path here
 * must be non-empty: this file is mounted at the root beside the shell.
 */
const routes: Routes = [
  {
    path: 'forgot-password',
    title: 'Forgot password · Konecta ERP',
    loadComponent: () => import('./forgot-password').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'Set a new password · Konecta ERP',
    loadComponent: () => import('./reset-password').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'invitations/:token',
    title: 'Accept invitation · Konecta ERP',
    loadComponent: () => import('./invitation').then((m) => m.InvitationPage),
  },
  {
    path: 'verify',
    title: 'Confirm your address · Konecta ERP',
    loadComponent: () => import('./verify').then((m) => m.VerifyPage),
  },
];
export default routes;
