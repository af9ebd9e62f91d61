import {
  bearerSecurity,
  createRoute,
  createRouter,
  jsonContent,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { AuthContext } from '../context';
import { currentSession, sessionResponse, sessionSchema, userCaller, userSchema } from '../http';
import { inviteUser } from '../users/users';
import { acceptInvitation, getInvitation, resendVerificationCode, verifyEmailCode } from './invitations';

export const inviteBody = z.openapi(
  z.object({
    email: z.string().check(z.trim(), z.email('Enter a valid email address.'), z.maxLength(254)),
    fullName: z.string().check(z.trim(), z.minLength(1, 'Enter the full name.'), z.maxLength(200)),
    roleIds: z._default(z.array(z.uuid()).check(z.maxLength(20)), []),
    phone: z.optional(z.string().check(z.trim(), z.maxLength(40))),
  }),
  'Invitation',
);
const tokenParam = z.object({
  token: z.openapi(z.string().check(z.minLength(20), z.maxLength(100)), { param: { name: 'token', in: 'path' } }),
});
const acceptBody = z.object({
  password: z.string().check(z.minLength(1), z.maxLength(256)),
  fullName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  username: z.optional(
    z
      .string()
      .check(z.trim(), z.regex(/^[A-Za-z0-9._-]{3,40}$/, '3 to 40 letters, digits, dots, dashes or underscores.')),
  ),
  phone: z.optional(z.string().check(z.trim(), z.maxLength(40))),
});
const verifyBody = z.object({
  email: z.string().check(z.trim(), z.email(), z.maxLength(254)),
  code: z.string().check(z.regex(/^\d{6}$/, 'The code has 6 digits.')),
  refreshTokenIn: z._default(z.enum(['cookie', 'body']), 'cookie'),
});

export function invitationRoutes(ctx: AuthContext) {
  const r = createRouter();
  // Creating a user is inviting them: both paths are the same operation.
  for (const [path, tags] of [
    ['/invitations', ['invitations']],
    ['/users', ['users']],
  ] as const) {
    r.openapi(
      createRoute({
        method: 'post',
        path,
        tags: [...tags],
        summary: 'Invite a person by email with roles; they join with their own password',
        security: bearerSecurity,
        middleware: [requirePermission('auth.users.invite'), currentSession(ctx)],
        request: { body: { required: true, ...jsonContent(inviteBody) } },
        responses: {
          201: { description: 'Invited', ...jsonContent(userSchema) },
          ...problemResponses(401, 403, 404, 409, 422),
        },
      }),
      async (c) => c.json(await inviteUser(ctx, userCaller(c), c.req.valid('json')), 201),
    );
  }
  r.openapi(
    createRoute({
      method: 'get',
      path: '/invitations/{token}',
      tags: ['invitations'],
      summary: 'Who an invitation link is for (public)',
      request: { params: tokenParam },
      responses: {
        200: {
          description: 'Open invitation',
          ...jsonContent(
            z.object({ email: z.string(), fullName: z.string(), username: z.string(), expiresAt: z.string() }),
          ),
        },
        ...problemResponses(404, 409),
      },
    }),
    async (c) => c.json(await getInvitation(ctx, c.req.valid('param').token), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/invitations/{token}/accept',
      tags: ['invitations'],
      summary: 'Set profile and password; a 6-digit code is mailed to confirm the address',
      request: { params: tokenParam, body: { required: true, ...jsonContent(acceptBody) } },
      responses: {
        202: {
          description: 'Code sent',
          ...jsonContent(z.object({ email: z.string(), codeExpiresInSeconds: z.number() })),
        },
        ...problemResponses(404, 409, 422),
      },
    }),
    async (c) => c.json(await acceptInvitation(ctx, c.req.valid('param').token, c.req.valid('json')), 202),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/verify',
      tags: ['invitations'],
      summary: 'Confirm the emailed 6-digit code: the account becomes active and is signed in',
      request: { body: { required: true, ...jsonContent(verifyBody) } },
      responses: {
        200: { description: 'Active and signed in', ...jsonContent(sessionSchema) },
        ...problemResponses(422, 429),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const session = await verifyEmailCode(ctx, body, c.req.header('user-agent'));
      return c.json(sessionResponse(c, ctx, session, body.refreshTokenIn === 'body'), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/verify/resend',
      tags: ['invitations'],
      summary: 'Mail a new code (answers the same for any address)',
      request: {
        body: {
          required: true,
          ...jsonContent(z.object({ email: z.string().check(z.trim(), z.email(), z.maxLength(254)) })),
        },
      },
      responses: { 202: { description: 'If the address is waiting for a code, one is on its way' } },
    }),
    async (c) => {
      await resendVerificationCode(ctx, c.req.valid('json').email);
      return c.body(null, 202);
    },
  );
  return r;
}
