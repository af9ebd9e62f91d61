import { inTransaction } from '@konecta/core';
import { expenseUploadGrants } from '@konecta/db';
import { asc, inArray, lt } from 'drizzle-orm';
import type { FinanceContext } from '../context';

/**
 * How long an upload may wait for its confirmation: after that the `expireUploads` job deletes
 * what was sent (the grant itself is good for five minutes; this leaves a slow network room).
 */
export const UNCONFIRMED_UPLOAD_MS = 60 * 60_000;

/** Grants handled in one transaction. */
const BATCH = 100;

/**
 * The `expireUploads` job (hourly): deletes the files of direct uploads granted more than
 * `UNCONFIRMED_UPLOAD_MS` ago and never confirmed, with their grants. Grants being confirmed right
 * now are locked and skipped. Safe to run twice, or on two instances at once.
 */
export async function expireUploads(ctx: FinanceContext): Promise<{ expired: number }> {
  const cutoff = new Date(ctx.now().getTime() - UNCONFIRMED_UPLOAD_MS);
  let expired = 0;
  for (;;) {
    const batch = await inTransaction(ctx.db, async (tx) => {
      const grants = await tx
        .select({ fileKey: expenseUploadGrants.fileKey })
        .from(expenseUploadGrants)
        .where(lt(expenseUploadGrants.grantedAt, cutoff))
        .orderBy(asc(expenseUploadGrants.grantedAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      // The files go first, the grants after: a failure leaves the grant for the next run.
      for (const { fileKey } of grants) await ctx.files.delete(fileKey);
      const keys = grants.map((g) => g.fileKey);
      if (keys.length) await tx.delete(expenseUploadGrants).where(inArray(expenseUploadGrants.fileKey, keys));
      return keys.length;
    });
    expired += batch;
    if (batch < BATCH) return { expired };
  }
}
