/**
 * Claims a batch of due rows of an outbox table for one sender: the rows are locked with
 * `FOR UPDATE SKIP LOCKED`, so concurrent senders never take the same row, and leased (their
 * `available_at` moved `leaseMs` ahead, the attempt counted), so a sender that dies before marking
 * them done leaves them to be tried again once the lease runs out. The event outbox
 * (`events.ts`) and auth's mail outbox both send this way.
 */
import type { Database } from '@konecta/db';
import { and, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/** A table with the lease columns: `available_at` (timestamptz) and `attempts` (integer). */
export type LeasedTable = PgTable & { availableAt: PgColumn; attempts: PgColumn };

export interface ClaimOptions {
  /** The column that names a row (its primary or unique key). */
  key: PgColumn;
  /** Further conditions on a due row (not sent yet, attempts left); `available_at <= now()` is implied. */
  where?: SQL;
  orderBy: PgColumn | SQL;
  limit: number;
  leaseMs: number;
}

export async function claimWithLease<T extends LeasedTable>(
  db: Database,
  table: T,
  options: ClaimOptions,
): Promise<T['$inferSelect'][]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ key: options.key })
      .from(table as PgTable)
      .where(and(options.where, lte(table.availableAt, sql`now()`)))
      .orderBy(options.orderBy)
      .limit(options.limit)
      .for('update', { skipLocked: true });
    if (!due.length) return [];
    const rows = await tx
      .update(table as PgTable)
      .set({
        availableAt: sql`now() + ${`${options.leaseMs} milliseconds`}::interval`,
        attempts: sql`${table.attempts} + 1`,
      } as never)
      .where(
        inArray(
          options.key,
          due.map((d) => d.key),
        ),
      )
      .returning();
    return rows as T['$inferSelect'][];
  });
}
