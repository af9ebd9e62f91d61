import { type AppEnv, type Caller, callerOf, unauthorized } from '@konecta/core';
import * as z from '@konecta/core/z';
import { users } from '@konecta/db';
import { eq } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AuthContext } from './context';
import type { IssuedSession } from './sessions/sessions';

export const REFRESH_COOKIE = 'konecta_refresh';
export const COOKIE_PATH = '/api/auth';

export const roleRefSchema = z.object({ id: z.uuid(), name: z.string() });
export const userSchema = z.openapi(
  z.object({
    id: z.uuid(),
    email: z.string(),
    username: z.string(),
    fullName: z.string(),
    phone: z.nullable(z.string()),
    status: z.enum(['invited', 'active', 'disabled', 'locked']),
    roles: z.array(roleRefSchema),
    employeeId: z.nullable(z.uuid()),
    lastLoginAt: z.nullable(z.string()),
    lockedUntil: z.nullable(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'User',
);
export const meSchema = z.openapi(z.extend(userSchema, { permissions: z.array(z.string()) }), 'Me');
export const sessionSchema = z.openapi(
  z.object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.int(),
    refreshToken: z.openapi(z.optional(z.string()), { description: 'Only when refreshTokenIn is "body".' }),
    user: meSchema,
  }),
  'Session',
);

export { idParam } from '@konecta/core';

/**
 * The refresh token travels as an httpOnly, SameSite=Strict cookie scoped to `/api/auth` (browsers),
 * or in the body for clients that ask for it with `refreshTokenIn: "body"`.
 */
export function sessionResponse(c: Context<AppEnv>, ctx: AuthContext, session: IssuedSession, inBody: boolean) {
  if (!inBody) {
    setCookie(c, REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: !ctx.config.local,
      path: COOKIE_PATH,
      expires: session.refreshExpiresAt,
    });
  }
  c.header('Cache-Control', 'no-store');
  return {
    accessToken: session.accessToken,
    tokenType: 'Bearer' as const,
    expiresIn: session.expiresIn,
    ...(inBody ? { refreshToken: session.refreshToken } : {}),
    user: session.user,
  };
}

export function presentedRefreshToken(c: Context<AppEnv>, body?: { refreshToken?: string }): string | undefined {
  return body?.refreshToken ?? getCookie(c, REFRESH_COOKIE);
}

export function clearRefreshCookie(c: Context<AppEnv>) {
  deleteCookie(c, REFRESH_COOKIE, { path: COOKIE_PATH });
}

/**
 * For the auth service's own user routes: the token's user must still be active and the token
 * newer than the last disable, reset or sign-out-everywhere. Other services accept a valid token
 * until it expires (ACCESS_TOKEN_TTL_SECONDS, 15 minutes by default).
 */
export function currentSession(ctx: AuthContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = callerOf(c);
    if (caller.kind === 'user') {
      const [user] = await ctx.db
        .select({ status: users.status, sessionVersion: users.sessionVersion })
        .from(users)
        .where(eq(users.id, caller.id))
        .limit(1);
      if (user?.status !== 'active' || (caller.sessionVersion ?? 0) < user.sessionVersion) {
        throw unauthorized('This session has ended. Sign in again.');
      }
    }
    await next();
  };
}

export function userCaller(c: Context<AppEnv>): Caller & { kind: 'user' } {
  const caller = callerOf(c);
  if (caller.kind !== 'user') throw unauthorized('This needs a signed-in user, not a service token.');
  return caller;
}
