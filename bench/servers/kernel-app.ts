/**
 * The benchmark endpoint written as a service writes it: `createServiceApp`, a zod-declared
 * route behind `requirePermission`, and a prepared Drizzle query. Named `hr` so it lives under
 * `/api/hr` and the gateway routes to it.
 */
import {
  createLogger,
  createRoute,
  createServiceApp,
  problemResponses,
  requirePermission,
  type TokenVerifier,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { Database } from '@konecta/db';
import { eq, sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { BENCH_PERMISSION } from './shared';

export const benchItems = pgTable(
  'bench_items',
  {
    id: serial('id').primaryKey(),
    ownerId: integer('owner_id').notNull(),
    name: text('name').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('bench_items_owner_id_idx').on(t.ownerId)],
);

const item = z.object({ id: z.int(), name: z.string(), amount: z.int() });

const listItems = createRoute({
  method: 'get',
  path: '/bench/items',
  summary: 'Benchmark: one page of an owner’s items',
  security: [{ bearerAuth: [] }],
  middleware: [requirePermission(BENCH_PERMISSION)] as const,
  request: { query: z.object({ owner: z.coerce.number().check(z.int(), z.gte(1)) }) },
  responses: {
    200: { description: 'Items', content: { 'application/json': { schema: z.object({ items: z.array(item) }) } } },
    ...problemResponses(400, 401, 403),
  },
});

export function createBenchApp(db: Database, verifier: TokenVerifier) {
  const byOwner = db
    .select({ id: benchItems.id, name: benchItems.name, amount: benchItems.amount })
    .from(benchItems)
    .where(eq(benchItems.ownerId, sql.placeholder('owner')))
    .orderBy(benchItems.id)
    .limit(20)
    .prepare('bench_items_by_owner');
  return createServiceApp(
    {
      service: 'hr',
      logger: createLogger({ level: 'silent', service: 'hr' }),
      verifier,
      corsOrigins: [],
      bodyLimitBytes: 1024 * 1024,
    },
    (api) => {
      api.openapi(listItems, async (c) => {
        const { owner } = c.req.valid('query');
        return c.json({ items: await byOwner.execute({ owner }) }, 200);
      });
    },
  );
}
