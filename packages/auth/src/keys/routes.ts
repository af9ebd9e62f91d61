import { createRoute, createRouter } from '@konecta/core';
import * as z from '@konecta/core/z';
import type { AuthContext } from '../context';

const jwkSchema = z.catchall(
  z.partial(
    z.object({
      kty: z.string(),
      kid: z.string(),
      crv: z.string(),
      x: z.string(),
      y: z.string(),
      alg: z.string(),
      use: z.string(),
    }),
  ),
  z.unknown(),
);

export function keyRoutes(ctx: AuthContext) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/.well-known/jwks.json',
      tags: ['keys'],
      summary: 'The public keys every service verifies access tokens with',
      responses: {
        200: {
          description: 'JSON Web Key Set',
          content: { 'application/json': { schema: z.object({ keys: z.array(jwkSchema) }) } },
        },
      },
    }),
    async (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(await ctx.keys.jwks(), 200);
    },
  );
  return r;
}
