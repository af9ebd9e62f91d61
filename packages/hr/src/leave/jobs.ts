import { inTransaction } from '@konecta/core';
import type { HrContext } from '../context';
import { allocateYear, closeYear, runMonthlyAccrual } from './ledger';

/**
 * The scheduled leave job (daily is plenty): this year's up-front allocations, this month's
 * accrual, and — from January on — last year's carry-forward and expiry, all by the company's
 * calendar. Every step writes entries keyed by their period, so running it twice, or daily,
 * changes nothing after the first.
 */
export async function runLeaveAccrual(ctx: HrContext) {
  const year = ctx.calendar.thisYear();
  const month = ctx.calendar.thisMonth();
  return inTransaction(ctx.db, async () => ({
    closed: await closeYear(ctx, year - 1),
    allocated: await allocateYear(ctx, year),
    accrued: await runMonthlyAccrual(ctx, month),
  }));
}
