import { executorFor, unprocessable } from '@konecta/core';
import { fiscalYears, numberSeries } from '@konecta/db';
import { and, gte, lte, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';

/** The series documents are numbered in: `INV-2026-00042`. */
export type Series = 'INV' | 'CN' | 'BILL' | 'VCN';

/**
 * The next number of `series` in the fiscal year of `date`, gap-free. Call it inside the
 * transaction that issues the document: the upsert takes the series row's lock and holds it until
 * commit, so concurrent issuers take turns and a rolled-back issue hands its number back (a
 * sequence would leave a gap). Refused (422 naming `field`) when no fiscal year covers the date.
 */
export async function nextNumber(ctx: FinanceContext, series: Series, date: string, field = 'date'): Promise<string> {
  const db = executorFor(ctx.db);
  const [year] = await db
    .select({ start: fiscalYears.startDate })
    .from(fiscalYears)
    .where(and(lte(fiscalYears.startDate, date), gte(fiscalYears.endDate, date)));
  if (!year)
    throw unprocessable(`No fiscal year covers ${date}; create the fiscal year first.`, [
      { path: field, message: `No fiscal year covers ${date}.` },
    ]);
  const fiscalYear = Number(year.start.slice(0, 4));
  const [row] = await db
    .insert(numberSeries)
    .values({ series, fiscalYear, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [numberSeries.series, numberSeries.fiscalYear],
      set: { lastNumber: sql`${numberSeries.lastNumber} + 1` },
    })
    .returning({ lastNumber: numberSeries.lastNumber });
  if (!row) throw new Error('upsert returned nothing');
  return `${series}-${fiscalYear}-${String(row.lastNumber).padStart(5, '0')}`;
}
