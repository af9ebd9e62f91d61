import type { Routes, UrlMatchResult, UrlSegment } from '@angular/router';
import { authGuard, guestGuard } from './core/guards';
import { Shell } from './shell/shell';

/** The first path segments of the public account pages (their routes live in `public.routes`). */
export const PUBLIC_ACCOUNT_PAGES = ['forgot-password', 'reset-password', 'invitations', 'verify'];

export function publicAccountPages(segments: UrlSegment[]): UrlMatchResult | null {
  const first = segments[0]?.path;
  return first && PUBLIC_ACCOUNT_PAGES.includes(first) ? { consumed: [] } : null;
}

/**
 * Public pages first; everything else inside the shell, signed in. Every feature area is its own
 * lazily loaded chunk (its `routes.ts`), guarded by the permissions its pages need.
 */
export const routes: Routes = [
  {
    path: 'sign-in',
    canActivate: [guestGuard],
    title: 'Sign in · Konecta ERP',
    loadComponent: () => import('./pages/sign-in').then((m) => m.SignInPage),
  },
  // Account pages reached from emails and the sign-in page, outside the shell.
  { matcher: publicAccountPages, loadChildren: () => import('./features/account/public.routes') },
  {
    path: '',
    component: Shell,
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', loadChildren: () => import('./features/dashboard/routes') },
      { path: 'profile', loadChildren: () => import('./features/account/profile.routes') },
      { path: 'notifications', loadChildren: () => import('./features/notifications/routes') },
      { path: 'admin', loadChildren: () => import('./features/admin/routes') },
      { path: 'hr', loadChildren: () => import('./features/hr/people/routes') },
      { path: 'hr', loadChildren: () => import('./features/hr/time/routes') },
      { path: 'hr', loadChildren: () => import('./features/hr/talent/routes') },
      { path: 'expenses', loadChildren: () => import('./features/expenses/routes') },
      { path: 'finance', loadChildren: () => import('./features/finance/routes') },
      { path: 'no-access', loadComponent: () => import('./pages/no-access').then((m) => m.NoAccessPage) },
      { path: '**', loadComponent: () => import('./pages/not-found').then((m) => m.NotFoundPage) },
    ],
  },
];
