import { inTransaction, type ServiceContext } from '@konecta/core';
import { allocateYear, closeYear, runMonthlyAccrual } from './ledger';

/**
 * The scheduled leave job (daily is plenty): this year's up-front allocations, this month's
 * accrual, and — from January on — last year's carry-forward and expiry, all by the company's
 * calendar. Every step writes entries keyed by their period, so running it twice, or daily,
 * changes nothing after the first.
 */
export async function runLeaveAccrual(ctx: ServiceContext) {
  const year = ctx.calendar.thisYear();
  const month = ctx.calendar.thisMonth();
  return inTransaction(ctx.db, async (tx) => ({
    closed: await closeYear(tx, year - 1),
    allocated: await allocateYear(tx, year),
    accrued: await runMonthlyAccrual(tx, month),
  }));
}
