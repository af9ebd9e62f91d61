import { createRoute, createRouter, problemResponses, unauthorized } from '@konecta/core';
import * as z from '@konecta/core/z';
import type { AuthContext } from '../context';
import { issueServiceToken } from './service-tokens';

const grantBody = z.object({
  grantType: z._default(z.literal('client_credentials'), 'client_credentials'),
  clientId: z.optional(z.string().check(z.minLength(1), z.maxLength(60))),
  clientSecret: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

/** `Authorization: Basic base64(clientId:clientSecret)`, or the two in the body. */
function credentials(header: string | undefined, body: z.infer<typeof grantBody>) {
  if (header?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0) return { id: decoded.slice(0, i), secret: decoded.slice(i + 1) };
  }
  if (body.clientId && body.clientSecret) return { id: body.clientId, secret: body.clientSecret };
  throw unauthorized('Give the client id and secret (HTTP Basic or in the body).');
}

export function serviceTokenRoutes(ctx: AuthContext) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/service-token',
      tags: ['service tokens'],
      summary: 'Client-credentials grant: a 5-minute token for service-to-service calls',
      request: { body: { required: false, content: { 'application/json': { schema: grantBody } } } },
      responses: {
        200: {
          description: 'Service token',
          content: {
            'application/json': {
              schema: z.object({ accessToken: z.string(), expiresIn: z.number(), tokenType: z.literal('Bearer') }),
            },
          },
        },
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const { id, secret } = credentials(
        c.req.header('authorization'),
        c.req.valid('json') as z.infer<typeof grantBody>,
      );
      c.header('Cache-Control', 'no-store');
      return c.json(await issueServiceToken(ctx, id, secret), 200);
    },
  );
  return r;
}
