import { inTransaction } from '@konecta/core';
import { type Executor, loginAttempts } from '@konecta/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AuthContext } from '../context';

export const MAX_FAILURES = 5;
const FAILURE_WINDOW = sql`interval '1 hour'`;
/** What an attempt is recorded as between its reservation and its outcome. */
const PENDING = 'pending';

/** Lock-out back-off: 1 minute after the 5th failure, doubling with each further one, at most an hour. */
export function lockSeconds(failures: number): number {
  return failures < MAX_FAILURES ? 0 : Math.min(3600, 60 * 2 ** (failures - MAX_FAILURES));
}

/**
 * Consecutive failures since the last success (or admin unlock), within the hour, over all the
 * identifiers of one account (its email and its username, lower-cased) or one unknown identifier.
 * Attempts still being checked count as failures.
 */
async function failuresSinceSuccess(
  db: Executor,
  identifiers: string[],
): Promise<{ failures: number; lastFailure?: Date }> {
  const list = sql.join(
    identifiers.map((i) => sql`${i}`),
    sql`, `,
  );
  const [row] = await db
    .select({
      failures: sql<number>`count(*)::int`,
      lastFailure: sql<Date | null>`max(${loginAttempts.at})`.mapWith((v) => (v ? new Date(v) : null)),
    })
    .from(loginAttempts)
    .where(
      and(
        inArray(loginAttempts.identifier, identifiers),
        eq(loginAttempts.succeeded, false),
        sql`${loginAttempts.at} > now() - ${FAILURE_WINDOW}`,
        sql`${loginAttempts.at} > coalesce((select max(s.at) from ${loginAttempts} s where s.identifier in (${list}) and s.succeeded), '-infinity'::timestamptz)`,
      ),
    );
  return { failures: row?.failures ?? 0, lastFailure: row?.lastFailure ?? undefined };
}

export type Reservation =
  | { kind: 'locked'; retryAfterSeconds: number }
  | { kind: 'reserved'; attemptId: string; failuresBefore: number };

/**
 * Counts a sign-in attempt before its password is checked. In a short transaction holding the
 * account's advisory lock (or the unknown identifier's), the failures so far are counted — the
 * attempts still being checked included — and, unless they lock the account, this attempt is
 * written as pending. Parallel guesses therefore queue on the lock and each sees the ones before
 * it: at most MAX_FAILURES passwords are ever verified in a streak, however they arrive. (Checking
 * first and recording after the hash let 50 parallel guesses all be verified.)
 */
export async function reserveSignInAttempt(
  ctx: AuthContext,
  attempt: { identifier: string; identifiers: string[]; userId?: string; ip?: string },
): Promise<Reservation> {
  const account = attempt.userId ? `user:${attempt.userId}` : `identifier:${attempt.identifier}`;
  return inTransaction(ctx.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`auth.sign-in:${account}`}))`);
    const { failures, lastFailure } = await failuresSinceSuccess(tx, attempt.identifiers);
    const seconds = lockSeconds(failures);
    const until = seconds && lastFailure ? lastFailure.getTime() + seconds * 1000 : 0;
    if (until > ctx.now().getTime()) {
      return { kind: 'locked', retryAfterSeconds: Math.max(1, Math.ceil((until - ctx.now().getTime()) / 1000)) };
    }
    const [row] = await tx
      .insert(loginAttempts)
      .values({
        identifier: attempt.identifier,
        userId: attempt.userId ?? null,
        ip: attempt.ip ?? null,
        succeeded: false,
        reason: PENDING,
        // The wall clock, not the transaction's start: attempts queued on the lock stay in order.
        at: sql`clock_timestamp()`,
      })
      .returning({ id: loginAttempts.id });
    if (!row) throw new Error('login attempt insert returned nothing');
    return { kind: 'reserved', attemptId: row.id, failuresBefore: failures };
  });
}

/** Records how a reserved attempt ended: a success ends the streak, a failure keeps counting. */
export async function settleSignInAttempt(
  ctx: AuthContext,
  attemptId: string,
  outcome: { succeeded: true } | { succeeded: false; reason: string },
): Promise<void> {
  await inTransaction(ctx.db, (tx) =>
    tx
      .update(loginAttempts)
      .set(outcome.succeeded ? { succeeded: true, reason: null } : { reason: outcome.reason })
      .where(eq(loginAttempts.id, attemptId)),
  );
}
