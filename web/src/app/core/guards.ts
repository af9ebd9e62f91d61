import { inject } from '@angular/core';
import { type CanActivateFn, RedirectCommand, Router } from '@angular/router';
import { Auth } from './auth';
import { CompanyCalendar } from './company-calendar';

/**
 * Signed-in users only: restores the session from the refresh cookie, else goes to sign-in. Once
 * signed in, the company calendar is loaded before the pages that ask it for today; if it cannot
 * load, the pages still open (their dates stay empty) and the calendar tries again.
 */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(Auth);
  const router = inject(Router);
  const calendar = inject(CompanyCalendar);
  if (auth.signedIn() || (await auth.restore())) {
    await calendar.load();
    return true;
  }
  return router.createUrlTree(['/sign-in'], { queryParams: state.url !== '/' ? { returnUrl: state.url } : {} });
};

/**
 * A route's `data.permissions`: any one of them lets the user in. Otherwise the "no access" page
 * is shown at the address they asked for, rather than bouncing them elsewhere without a word.
 */
export const permissionGuard: CanActivateFn = (route, state) => {
  const auth = inject(Auth);
  const needed = (route.data.permissions as string[] | undefined) ?? [];
  if (!needed.length || auth.can(...needed)) return true;
  const router = inject(Router);
  return new RedirectCommand(router.parseUrl('/no-access'), { browserUrl: state.url });
};

/** Pages for signed-out visitors (sign-in): a signed-in user goes home instead. */
export const guestGuard: CanActivateFn = async () => {
  // inject() only works before the first await.
  const auth = inject(Auth);
  const router = inject(Router);
  if (auth.signedIn() || (await auth.restore())) return router.createUrlTree(['/']);
  return true;
};
