import { bearerSecurity, createRoute, createRouter, jsonContent, problemResponses, requireAuth } from '@konecta/core';
import * as z from '@konecta/core/z';
import type { AuthContext } from '../context';
import { currentSession, meSchema, presentedRefreshToken, userCaller } from '../http';
import { changeMyPassword, getMe, updateMe } from './me';

const guard = (ctx: AuthContext) => [requireAuth(), currentSession(ctx)];

export function meRoutes(ctx: AuthContext) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['me'],
      summary: 'The signed-in user, with roles and permissions',
      security: bearerSecurity,
      middleware: guard(ctx),
      responses: { 200: { description: 'Me', ...jsonContent(meSchema) }, ...problemResponses(401) },
    }),
    async (c) => c.json(await getMe(ctx, userCaller(c).id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/me',
      tags: ['me'],
      summary: 'Edit my profile',
      security: bearerSecurity,
      middleware: guard(ctx),
      request: {
        body: {
          required: true,
          ...jsonContent(
            z.catchall(
              z.partial(
                z.object({
                  fullName: z.string().check(z.trim(), z.minLength(1, 'Enter your name.'), z.maxLength(200)),
                  phone: z.nullable(z.string().check(z.trim(), z.maxLength(40))),
                  username: z
                    .string()
                    .check(
                      z.trim(),
                      z.regex(/^[A-Za-z0-9._-]{3,40}$/, '3 to 40 letters, digits, dots, dashes or underscores.'),
                    ),
                }),
              ),
              z.never(),
            ),
          ),
        },
      },
      responses: { 200: { description: 'Updated', ...jsonContent(meSchema) }, ...problemResponses(401, 422) },
    }),
    async (c) => c.json(await updateMe(ctx, userCaller(c).id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/me/password',
      tags: ['me'],
      summary: 'Change my password (other sessions end)',
      security: bearerSecurity,
      middleware: guard(ctx),
      request: {
        body: {
          required: true,
          ...jsonContent(
            z.object({
              currentPassword: z.string().check(z.minLength(1), z.maxLength(256)),
              newPassword: z.string().check(z.minLength(1), z.maxLength(256)),
            }),
          ),
        },
      },
      responses: { 204: { description: 'Changed' }, ...problemResponses(401, 422) },
    }),
    async (c) => {
      await changeMyPassword(ctx, userCaller(c).id, c.req.valid('json'), presentedRefreshToken(c));
      return c.body(null, 204);
    },
  );
  return r;
}
