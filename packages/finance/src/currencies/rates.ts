import {
  type Caller,
  countUpTo,
  type Decimal,
  executorFor,
  type FieldError,
  formatDecimal,
  inTransaction,
  isIsoDate,
  isSupportedCurrency,
  type ListPage,
  pageOf,
  parseDecimal,
  recordAudits,
  roundDecimal,
  unprocessable,
} from '@konecta/core';
import { exchangeRates, rowsOf } from '@konecta/db';
import { and, asc, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';

type Actor = Pick<Caller, 'kind' | 'id'>;
type Rate = typeof exchangeRates.$inferSelect;

export interface RateInput {
  currency: string;
  date: string;
  /** Base-currency units per unit of `currency`, at most 6 decimals. */
  rate: string;
}

export function rateJson(r: Rate) {
  return {
    id: r.id,
    currency: r.currency,
    date: r.date,
    rate: r.rate,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The ledger's settings the screens need: base currency, fiscal-year start, and the currencies in use. */
export async function ledgerSettings(ctx: FinanceContext) {
  const base = ctx.config.baseCurrency;
  const found = rowsOf<{ currency: string }>(
    await executorFor(ctx.db).execute(sql`
      select distinct currency from finance.exchange_rates
      union select currency from finance.accounts where currency is not null
      order by currency`),
  );
  return {
    baseCurrency: base,
    fiscalYearStartMonth: ctx.config.fiscalYearStartMonth,
    currencies: [base, ...found.map((r) => r.currency).filter((c) => c !== base)],
  };
}

/** The rate of the latest day on or before `date`; 422 naming `rate` when there is none. */
export async function rateOn(ctx: FinanceContext, currency: string, date: string): Promise<Decimal> {
  const [row] = await executorFor(ctx.db)
    .select({ rate: exchangeRates.rate })
    .from(exchangeRates)
    .where(and(eq(exchangeRates.currency, currency), lte(exchangeRates.date, date)))
    .orderBy(desc(exchangeRates.date))
    .limit(1);
  if (!row)
    throw unprocessable(`There is no ${currency} rate on or before ${date}; enter one or give the rate.`, [
      { path: 'rate', message: `No ${currency} rate on or before ${date}.` },
    ]);
  return parseDecimal(row.rate);
}

/** Sets the rate of a currency on a day (a second entry for the same day replaces the first). */
export async function setRate(ctx: FinanceContext, caller: Actor, input: RateInput) {
  const [rate] = await setRates(ctx, caller, [input]);
  if (!rate) throw new Error('upsert returned nothing');
  return rate;
}

/** Sets many rates in one upsert and one audit insert (imports, the demo ledger). */
export async function setRates(ctx: FinanceContext, caller: Actor, inputs: RateInput[]) {
  if (!inputs.length) return [];
  return inTransaction(ctx.db, async (tx) => {
    // One row per currency and day (the last given wins), as one upsert cannot touch a row twice.
    const unique = [...new Map(inputs.map((r) => [`${r.currency} ${r.date}`, r])).values()];
    const rows = await tx
      .insert(exchangeRates)
      .values(unique.map((r) => ({ ...r, createdBy: caller.id ?? null })))
      .onConflictDoUpdate({
        target: [exchangeRates.currency, exchangeRates.date],
        set: { rate: sql`excluded.rate`, createdBy: sql`excluded.created_by`, updatedAt: ctx.now() },
      })
      .returning();
    await recordAudits(
      tx,
      rows.map((row) => ({
        action: 'exchange-rate.set',
        entityType: 'exchange_rate',
        entityId: row.id,
        after: { currency: row.currency, date: row.date, rate: row.rate },
        actor: caller,
        service: 'finance',
      })),
    );
    return rows.map(rateJson);
  });
}

export async function listRates(
  ctx: FinanceContext,
  filter: ListPage & { currency?: string; from?: string; to?: string },
) {
  const db = executorFor(ctx.db);
  const where: SQL[] = [];
  if (filter.currency) where.push(eq(exchangeRates.currency, filter.currency));
  if (filter.from) where.push(gte(exchangeRates.date, filter.from));
  if (filter.to) where.push(lte(exchangeRates.date, filter.to));
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(exchangeRates)
    .where(condition)
    .orderBy(desc(exchangeRates.date), asc(exchangeRates.currency))
    .limit(filter.limit)
    .offset(filter.offset);
  const total = await countUpTo(db, db.select({ id: exchangeRates.id }).from(exchangeRates).where(condition));
  return pageOf(rows.map(rateJson), total, filter);
}

/** One CSV row as a rate, or the problems with it (paths `rows.<n>.<field>`, n counting data rows from 1). */
export function parseRateRow(cells: string[], n: number, base: string): RateInput | FieldError[] {
  const [currency = '', date = '', rate = ''] = cells.map((c) => c.trim());
  const errors: FieldError[] = [];
  if (!isSupportedCurrency(currency) || currency === base)
    errors.push({
      path: `rows.${n}.currency`,
      message: currency === base ? 'The base currency has no rate.' : 'Not a supported ISO 4217 code.',
    });
  if (!isIsoDate(date)) errors.push({ path: `rows.${n}.date`, message: 'Use a date like 2026-01-31.' });
  let value: Decimal | undefined;
  try {
    value = parseDecimal(rate, 6);
  } catch (err) {
    errors.push({ path: `rows.${n}.rate`, message: (err as Error).message });
  }
  if (value && value.units <= 0n) errors.push({ path: `rows.${n}.rate`, message: 'Must be greater than zero.' });
  if (errors.length || !value) return errors;
  return { currency, date, rate: formatDecimal(roundDecimal(value, 6)) };
}

/**
 * Imports rates from CSV (`currency,date,rate`, a header row optional): all or nothing, every bad
 * cell named (`rows.3.rate`).
 */
export async function importRates(ctx: FinanceContext, caller: Actor, csv: string) {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim());
  if (lines[0] && /^\s*currency\s*,/i.test(lines[0])) lines.shift();
  if (!lines.length) throw unprocessable('The file has no rates.', [{ path: 'rows', message: 'No rows.' }]);
  if (lines.length > 10_000)
    throw unprocessable('At most 10,000 rates at once.', [{ path: 'rows', message: 'Too many rows.' }]);
  const rates: RateInput[] = [];
  const errors: FieldError[] = [];
  lines.forEach((line, i) => {
    const row = parseRateRow(line.split(','), i + 1, ctx.config.baseCurrency);
    if (Array.isArray(row)) errors.push(...row);
    else rates.push(row);
  });
  if (errors.length)
    throw unprocessable(
      `${errors.length} problem${errors.length === 1 ? '' : 's'} in the file; nothing was imported.`,
      errors.slice(0, 100),
    );
  await setRates(ctx, caller, rates);
  return { imported: rates.length };
}
