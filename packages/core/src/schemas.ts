import { z } from '@hono/zod-openapi';

/** Shared request schemas, so every service validates ids and dates the same way. */

/** `{id}` path parameter: a UUID. */
export const idParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-01.')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'Not a real date.',
  );

/** Bearer-token security requirement for route declarations. */
export const bearerSecurity = [{ bearerAuth: [] }];
