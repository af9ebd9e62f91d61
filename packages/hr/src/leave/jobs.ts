import { inTransaction } from '@konecta/core';
import type { Database } from '@konecta/db';
import { allocateYear, closeYear, runMonthlyAccrual } from './ledger';

/**
 * The scheduled leave job (daily is plenty): this year's up-front allocations, this month's
 * accrual, and — from January on — last year's carry-forward and expiry. Every step writes
 * entries keyed by their period, so running it twice, or daily, changes nothing after the first.
 */
export async function runLeaveAccrual(db: Database, now = new Date()) {
  const year = now.getUTCFullYear();
  const month = now.toISOString().slice(0, 7);
  return inTransaction(db, async (tx) => ({
    closed: await closeYear(tx, year - 1),
    allocated: await allocateYear(tx, year),
    accrued: await runMonthlyAccrual(tx, month),
  }));
}
