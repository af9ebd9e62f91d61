import { isIsoDate, unprocessable } from '@konecta/core';
import type { HrContext } from './context';

/** A year from the company's today (28 February when today is the 29th). */
export function aYearAhead(ctx: HrContext): string {
  const today = ctx.calendar.today();
  const next = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  return isIsoDate(next) ? next : `${next.slice(0, 7)}-28`;
}

/**
 * Refuses a date of a plan (a hire, an exit, a last working day) further ahead than a year: that is
 * a typo such as 9999-12-31, and left in it would sit in every list and calculation. The kernel's
 * date type already refuses anything before 1900.
 */
export function assertAtMostAYearAhead(ctx: HrContext, date: string | undefined, path: string): void {
  if (date === undefined) return;
  const latest = aYearAhead(ctx);
  if (date > latest) {
    throw unprocessable('A date is too far ahead.', [{ path, message: `Choose ${latest} or earlier.` }]);
  }
}
