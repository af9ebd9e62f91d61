import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { Auth } from './auth';

/** Signed-in users only: restores the session from the refresh cookie, else goes to sign-in. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(Auth);
  const router = inject(Router);
  if (auth.signedIn() || (await auth.restore())) return true;
  return router.createUrlTree(['/sign-in'], { queryParams: state.url !== '/' ? { returnUrl: state.url } : {} });
};

/** A route's `data.permissions`: any one of them lets the user in; otherwise the dashboard. */
export const permissionGuard: CanActivateFn = (route) => {
  const auth = inject(Auth);
  const needed = (route.data.permissions as string[] | undefined) ?? [];
  if (!needed.length || auth.can(...needed)) return true;
  return inject(Router).createUrlTree(['/'], { queryParams: { denied: route.routeConfig?.path ?? '' } });
};

/** Pages for signed-out visitors (sign-in): a signed-in user goes home instead. */
export const guestGuard: CanActivateFn = async () => {
  // inject() only works before the first await.
  const auth = inject(Auth);
  const router = inject(Router);
  if (auth.signedIn() || (await auth.restore())) return router.createUrlTree(['/']);
  return true;
};
