import type { AppEnv } from '@konecta/core';
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AuthContext } from '../context';
import { REFRESH_COOKIE } from '../http';

/**
 * A readable hint that a refresh cookie exists: the web app checks it before calling `/refresh`
 * on first load, so a visitor without a session gets no 401 (a console error in browsers). It
 * carries no secret (always "1"), lives exactly as long as the refresh cookie and goes with it.
 * Path `/` (not `/api/auth`), so pages can see it in `document.cookie`; not httpOnly on purpose.
 */
export const SESSION_HINT_COOKIE = 'konecta_session';

/** What a response did to the refresh cookie: set until a date, cleared, or nothing. */
export type RefreshCookieChange = { kind: 'set'; expires?: Date } | { kind: 'cleared' } | undefined;

export function refreshCookieChange(setCookieHeaders: readonly string[]): RefreshCookieChange {
  let change: RefreshCookieChange;
  for (const line of setCookieHeaders) {
    const [pair = '', ...attributes] = line.split(';');
    const i = pair.indexOf('=');
    if (i < 0 || pair.slice(0, i).trim() !== REFRESH_COOKIE) continue;
    const value = pair.slice(i + 1).trim();
    const attr = (name: string) =>
      attributes
        .map((a) => a.trim())
        .find((a) => a.toLowerCase().startsWith(`${name.toLowerCase()}=`))
        ?.slice(name.length + 1);
    const maxAge = attr('Max-Age');
    const expires = attr('Expires');
    const expiresAt = expires ? new Date(expires) : undefined;
    if (!value || (maxAge !== undefined && Number(maxAge) <= 0) || (expiresAt && expiresAt.getTime() <= Date.now())) {
      change = { kind: 'cleared' };
    } else {
      change = { kind: 'set', expires: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : undefined };
    }
  }
  return change;
}

/**
 * Mirrors the refresh cookie into the hint cookie on every auth route that sets or clears it
 * (sign-in, refresh, code confirmation, sign-out, failed refresh), whichever router answers.
 */
export function sessionHintCookie(ctx: AuthContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const change = refreshCookieChange(c.res.headers.getSetCookie());
    if (change?.kind === 'set') {
      setCookie(c, SESSION_HINT_COOKIE, '1', {
        httpOnly: false,
        sameSite: 'Strict',
        secure: !ctx.config.local,
        path: '/',
        ...(change.expires ? { expires: change.expires } : {}),
      });
    } else if (change?.kind === 'cleared') {
      deleteCookie(c, SESSION_HINT_COOKIE, { path: '/', secure: !ctx.config.local, sameSite: 'Strict' });
    }
  };
}
