import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { Auth } from './auth';

/** Session endpoints that must not carry (or retry with) the access token. */
const SESSION_PATHS = /\/api\/auth\/(login|refresh|logout)$/;

/**
 * Adds the access token to API calls; on a 401 renews it once through the refresh cookie and
 * retries, and when that fails sends the user to sign in, back to where they were afterwards.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(Auth);
  const router = inject(Router);
  const isApi = req.url.includes('/api/');
  const isSession = SESSION_PATHS.test(req.url.split('?')[0] ?? '');
  const withToken = (token: string | null) =>
    token && isApi && !isSession
      ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` }, withCredentials: true })
      : req.clone({ withCredentials: isApi });

  return next(withToken(auth.accessToken)).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse) || err.status !== 401 || !isApi || isSession || !auth.accessToken) {
        return throwError(() => err);
      }
      return from(auth.refresh()).pipe(
        switchMap((renewed) => {
          if (renewed) return next(withToken(auth.accessToken));
          void router.navigate(['/sign-in'], { queryParams: { returnUrl: router.url } });
          return throwError(() => err);
        }),
      );
    }),
  );
};
