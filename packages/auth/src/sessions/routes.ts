import {
  bearerSecurity,
  createRoute,
  createRouter,
  inTransaction,
  jsonContent,
  problemResponses,
  recordAudit,
  requireAuth,
  unauthorized,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { AuthContext } from '../context';
import {
  clearRefreshCookie,
  currentSession,
  presentedRefreshToken,
  sessionResponse,
  sessionSchema,
  userCaller,
} from '../http';
import { sessionHintCookie } from './hint-cookie';
import { endAllSessions, login, logout, refreshSession } from './sessions';

const loginBody = z.openapi(
  z
    .object({
      email: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(254))),
      username: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
      password: z.string().check(z.minLength(1), z.maxLength(256)),
      refreshTokenIn: z._default(z.enum(['cookie', 'body']), 'cookie'),
    })
    .check(z.refine((b) => b.email || b.username, { message: 'Give your email or your username.', path: ['email'] })),
  'LoginRequest',
);
const refreshBody = z.object({
  refreshToken: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  refreshTokenIn: z.optional(z.enum(['cookie', 'body'])),
});

export function sessionRoutes(ctx: AuthContext) {
  const r = createRouter();
  // Mounted first in the app, so it wraps every auth route that sets or clears the refresh cookie.
  r.use('*', sessionHintCookie(ctx));
  r.openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['sessions'],
      summary: 'Sign in with email or username and password',
      description:
        'Returns a 15-minute access token. The refresh token is set as an httpOnly SameSite=Strict cookie on /api/auth; non-browser clients send `"refreshTokenIn": "body"` to get it in the response instead, and present it to /refresh and /logout as `{ "refreshToken": "…" }`.',
      request: { body: { required: true, ...jsonContent(loginBody) } },
      responses: {
        200: { description: 'Signed in', ...jsonContent(sessionSchema) },
        ...problemResponses(400, 401, 403, 422, 429),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const session = await login(ctx, {
        identifier: (body.email ?? body.username) as string,
        password: body.password,
        ip: c.get('clientAddress'), // X-Forwarded-For only as far as TRUSTED_PROXIES allows
        userAgent: c.req.header('user-agent'),
      });
      return c.json(sessionResponse(c, ctx, session, body.refreshTokenIn === 'body'), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/refresh',
      tags: ['sessions'],
      summary: 'Trade the refresh token for a new access token (the refresh token rotates)',
      request: { body: { required: false, ...jsonContent(refreshBody) } },
      responses: { 200: { description: 'New tokens', ...jsonContent(sessionSchema) }, ...problemResponses(401) },
    }),
    async (c) => {
      const body = c.req.valid('json') as z.infer<typeof refreshBody>;
      const token = presentedRefreshToken(c, body);
      if (!token) throw unauthorized('There is no session to refresh. Sign in.');
      const session = await refreshSession(ctx, token, c.req.header('user-agent')).catch((err) => {
        clearRefreshCookie(c);
        throw err;
      });
      const inBody = body.refreshTokenIn === 'body' || (!!body.refreshToken && body.refreshTokenIn !== 'cookie');
      return c.json(sessionResponse(c, ctx, session, inBody), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      tags: ['sessions'],
      summary: 'End this sign-in (its refresh token family)',
      request: { body: { required: false, ...jsonContent(refreshBody) } },
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      const token = presentedRefreshToken(c, c.req.valid('json') as z.infer<typeof refreshBody>);
      if (token) await logout(ctx, token);
      clearRefreshCookie(c);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/logout-all',
      tags: ['sessions'],
      summary: 'End every sign-in of the caller, on every device',
      security: bearerSecurity,
      middleware: [requireAuth(), currentSession(ctx)],
      responses: { 204: { description: 'Signed out everywhere' }, ...problemResponses(401) },
    }),
    async (c) => {
      const caller = userCaller(c);
      await inTransaction(ctx.db, async (tx) => {
        await endAllSessions(ctx, caller.id);
        await recordAudit(tx, { action: 'session.ended-everywhere', entityType: 'user', entityId: caller.id });
      });
      clearRefreshCookie(c);
      return c.body(null, 204);
    },
  );
  return r;
}
