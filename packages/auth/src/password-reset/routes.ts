import { createRoute, createRouter, jsonContent, problemResponses } from '@konecta/core';
import * as z from '@konecta/core/z';
import type { AuthContext } from '../context';
import { requestPasswordReset, resetPassword } from './password-reset';

export function passwordResetRoutes(ctx: AuthContext) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/password/forgot',
      tags: ['password'],
      summary: 'Ask for a reset link (the answer is the same whether or not the address exists)',
      request: {
        body: {
          required: true,
          ...jsonContent(
            z.object({ email: z.string().check(z.trim(), z.email('Enter a valid email address.'), z.maxLength(254)) }),
          ),
        },
      },
      responses: {
        202: {
          description: 'If the address has an account, a link is on its way',
          ...jsonContent(z.object({ message: z.string() })),
        },
        ...problemResponses(422),
      },
    }),
    async (c) => {
      await requestPasswordReset(ctx, c.req.valid('json').email);
      return c.json({ message: 'If this address has an account, a reset link is on its way.' }, 202);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/password/reset',
      tags: ['password'],
      summary: 'Set a new password from a reset link; every session ends',
      request: {
        body: {
          required: true,
          ...jsonContent(
            z.object({
              token: z.string().check(z.minLength(20), z.maxLength(100)),
              password: z.string().check(z.minLength(1), z.maxLength(256)),
            }),
          ),
        },
      },
      responses: { 204: { description: 'Password changed' }, ...problemResponses(422) },
    }),
    async (c) => {
      const { token, password } = c.req.valid('json');
      await resetPassword(ctx, token, password);
      return c.body(null, 204);
    },
  );
  return r;
}
