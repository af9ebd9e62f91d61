import type { Executor } from '@konecta/db';
import { type AnyColumn, asc, count, desc, type SQL, type Subquery } from 'drizzle-orm';
import * as z from './z';

/**
 * Lists: one query shape and one envelope for every service (docs/decisions.md, "Lists").
 *
 * - `limit` defaults to 50 and is at most 200; a larger value is refused (400 naming `query.limit`)
 *   rather than clamped, so a client never believes it got everything when it did not.
 * - `offset` starts at 0.
 * - `sort` names one whitelisted field, `-field` for descending; anything else is refused (400
 *   naming `query.sort`).
 * - The answer is `{ items, total, limit, offset }`. `total` is counted only up to 10,000 matching
 *   rows and is `null` beyond that, so a large table is never counted in full for a page.
 */
export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;
export const LIST_OFFSET_MAX = 1_000_000;
export const LIST_TOTAL_CAP = 10_000;

/** A sort field, ascending, or with a leading `-`, descending. */
export type SortKey<F extends string> = F | `-${F}`;

/** The page a list function is asked for. */
export interface ListPage {
  limit: number;
  offset: number;
}

/** What a list function answers; the route returns it as is. */
export interface Page<T> extends ListPage {
  items: T[];
  total: number | null;
}

const limit = z.openapi(
  z._default(
    z.coerce
      .number()
      .check(
        z.int(),
        z.gte(1, 'At least 1.'),
        z.lte(LIST_LIMIT_MAX, `At most ${LIST_LIMIT_MAX}; page on with offset.`),
      ),
    LIST_LIMIT_DEFAULT,
  ),
  { description: `Rows per page, ${LIST_LIMIT_DEFAULT} unless given, at most ${LIST_LIMIT_MAX}.` },
);
const offset = z.openapi(
  z._default(z.coerce.number().check(z.int(), z.gte(0, 'At least 0.'), z.lte(LIST_OFFSET_MAX)), 0),
  { description: 'Rows to skip.' },
);

function sortParam<F extends string>(fields: readonly [F, ...F[]]) {
  const keys = fields.flatMap((f) => [f, `-${f}` as const]) as [SortKey<F>, ...SortKey<F>[]];
  const hint = `Sort by ${fields.join(', ')}; a leading - sorts descending.`;
  return z.openapi(z.optional(z.enum(keys, { error: hint })), { description: hint });
}

/**
 * The query schema of a list: `limit`, `offset` and, when `sort` fields are given, `sort`.
 * Extend it with the list's filters: `listQuery({ sort: ['name', 'email'] }).extend({ status })`.
 */
export function listQuery(): z.ZodMiniObject<{ limit: typeof limit; offset: typeof offset }>;
export function listQuery<F extends string>(options: {
  sort: readonly [F, ...F[]];
}): z.ZodMiniObject<{ limit: typeof limit; offset: typeof offset; sort: ReturnType<typeof sortParam<F>> }>;
export function listQuery<F extends string>(options?: { sort: readonly [F, ...F[]] }) {
  return options ? z.object({ limit, offset, sort: sortParam(options.sort) }) : z.object({ limit, offset });
}

/** The response schema of a list: `{ items, total, limit, offset }`, named in OpenAPI when `name` is given. */
export function pageSchema<T extends z.core.$ZodType>(item: T, name?: string) {
  const schema = z.object({
    items: z.array(item),
    total: z.openapi(z.nullable(z.int()), {
      description: `Rows matching the filters; null when more than ${LIST_TOTAL_CAP} match.`,
    }),
    limit: z.int(),
    offset: z.int(),
  });
  return name ? z.openapi(schema, name) : schema;
}

/** Builds the answer from the page's rows and the capped count. */
export function pageOf<T>(items: T[], total: number | null, page: ListPage): Page<T> {
  return { items, total, limit: page.limit, offset: page.offset };
}

/** A sortable expression, or several for ties (last name, then first name). */
type Sortable = AnyColumn | SQL | readonly (AnyColumn | SQL)[];

/**
 * ORDER BY for a whitelisted sort key: `columns` maps each field to what it sorts by; `fallback`
 * applies when the client gave no sort. Add a unique column after it so pages are stable.
 */
export function sortOrder<F extends string>(
  sort: SortKey<F> | undefined,
  columns: Record<F, Sortable>,
  fallback: SortKey<F>,
): SQL[] {
  const key = sort ?? fallback;
  const descending = key.startsWith('-');
  const by = columns[(descending ? key.slice(1) : key) as F];
  const list = Array.isArray(by) ? by : [by];
  return list.map((c) => (descending ? desc(c) : asc(c)));
}

/** A select without its page (`db.select({ id: t.id }).from(t).where(where)`), for counting. */
interface Countable {
  limit(n: number): { as(alias: string): Subquery };
}

/**
 * How many rows `matching` selects, counting no further than `cap`: `null` when more match.
 * Reading at most cap + 1 rows keeps the count of a page cheap however large the table grows.
 */
export async function countUpTo(db: Executor, matching: Countable, cap = LIST_TOTAL_CAP): Promise<number | null> {
  const [row] = await db.select({ n: count() }).from(matching.limit(cap + 1).as('matching'));
  const n = row?.n ?? 0;
  return n > cap ? null : n;
}
