import {
  addDays,
  addMonths,
  type Caller,
  conflict,
  executorFor,
  financeEvents,
  inTransaction,
  monthRange,
  notFound,
  publishEvent,
  recordAudit,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import { fiscalYears, periods, rowsOf } from '@konecta/db';
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { accountByRole } from '../accounts/accounts';
import type { FinanceContext } from '../context';
import { type EntryLineInput, postNewEntry } from '../journals/entries';

type Actor = Pick<Caller, 'kind' | 'id'>;
export type FiscalYear = typeof fiscalYears.$inferSelect;
export type Period = typeof periods.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function periodJson(p: Period) {
  return {
    id: p.id,
    fiscalYearId: p.fiscalYearId,
    name: p.name,
    startDate: p.startDate,
    endDate: p.endDate,
    status: p.status,
    closedBy: p.closedBy,
    closedAt: iso(p.closedAt),
    reopenedBy: p.reopenedBy,
    reopenedAt: iso(p.reopenedAt),
    reopenReason: p.reopenReason,
  };
}

export function fiscalYearJson(y: FiscalYear) {
  return {
    id: y.id,
    name: y.name,
    startDate: y.startDate,
    endDate: y.endDate,
    status: y.status,
    closedBy: y.closedBy,
    closedAt: iso(y.closedAt),
    closingEntryId: y.closingEntryId,
  };
}

/** The fiscal year that starts in `year` (in the month the settings name), with its twelve periods. */
export async function createFiscalYear(ctx: FinanceContext, caller: Actor, input: { year: number }) {
  const startMonth = `${String(input.year).padStart(4, '0')}-${String(ctx.config.fiscalYearStartMonth).padStart(2, '0')}`;
  const months = Array.from({ length: 12 }, (_, i) => monthRange(addMonths(startMonth, i)));
  const first = months[0] as ReturnType<typeof monthRange>;
  const last = months[11] as ReturnType<typeof monthRange>;
  const name =
    first.from.slice(0, 4) === last.to.slice(0, 4) ? `FY${input.year}` : `FY${input.year}/${last.to.slice(2, 4)}`;
  return inTransaction(ctx.db, async (tx) => {
    const [year] = await tx.insert(fiscalYears).values({ name, startDate: first.from, endDate: last.to }).returning();
    if (!year) throw new Error('insert returned nothing');
    const rows = await tx
      .insert(periods)
      .values(months.map((m) => ({ fiscalYearId: year.id, name: m.month, startDate: m.from, endDate: m.to })))
      .returning();
    await recordAudit(tx, {
      action: 'fiscal-year.created',
      entityType: 'fiscal_year',
      entityId: year.id,
      after: fiscalYearJson(year),
      actor: caller,
      service: 'finance',
    });
    return {
      ...fiscalYearJson(year),
      periods: rows.sort((a, b) => a.startDate.localeCompare(b.startDate)).map(periodJson),
    };
  });
}

export async function listFiscalYears(ctx: FinanceContext) {
  const rows = await executorFor(ctx.db).select().from(fiscalYears).orderBy(desc(fiscalYears.startDate));
  return { items: rows.map(fiscalYearJson) };
}

export async function listPeriods(ctx: FinanceContext, filter: { fiscalYearId?: string; status?: 'open' | 'closed' }) {
  const rows = await executorFor(ctx.db)
    .select()
    .from(periods)
    .where(
      and(
        filter.fiscalYearId ? eq(periods.fiscalYearId, filter.fiscalYearId) : undefined,
        filter.status ? eq(periods.status, filter.status) : undefined,
      ),
    )
    .orderBy(asc(periods.startDate));
  return { items: rows.map(periodJson) };
}

/**
 * Closes a period. Its row is taken FOR UPDATE: a posting into it holds the row FOR SHARE until it
 * commits, so the close waits for postings under way, and a posting that comes after waits for the
 * close and is then refused by the database (journal_entries_guard).
 */
export async function closePeriod(ctx: FinanceContext, caller: Actor, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const [period] = await tx.select().from(periods).where(eq(periods.id, id)).for('update');
    if (!period) throw notFound('No such period.');
    if (period.status === 'closed') throw conflict('The period is already closed.');
    const [row] = await tx
      .update(periods)
      .set({ status: 'closed', closedBy: caller.id ?? null, closedAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(periods.id, id))
      .returning();
    if (!row) throw notFound('No such period.');
    await recordAudit(tx, {
      action: 'period.closed',
      entityType: 'period',
      entityId: id,
      before: { status: period.status },
      after: { status: row.status },
      actor: caller,
      service: 'finance',
    });
    await publishEvent(tx, financeEvents.periodClosed, {
      subject: id,
      ...(caller.id ? { actorId: caller.id } : {}),
      data: { periodId: id, name: row.name, startDate: row.startDate, endDate: row.endDate },
    });
    return periodJson(row);
  });
}

/** Reopens a closed period of an open fiscal year, with the reason (audited). */
export async function reopenPeriod(ctx: FinanceContext, caller: Actor, id: string, reason: string) {
  return inTransaction(ctx.db, async (tx) => {
    const [period] = await tx.select().from(periods).where(eq(periods.id, id)).for('update');
    if (!period) throw notFound('No such period.');
    if (period.status === 'open') throw conflict('The period is open.');
    const [row] = await tx
      .update(periods)
      .set({
        status: 'open',
        reopenedBy: caller.id ?? null,
        reopenedAt: ctx.now(),
        reopenReason: reason,
        updatedAt: ctx.now(),
      })
      .where(eq(periods.id, id))
      .returning();
    if (!row) throw notFound('No such period.');
    await recordAudit(tx, {
      action: 'period.reopened',
      entityType: 'period',
      entityId: id,
      before: { status: period.status },
      after: { status: row.status },
      reason,
      actor: caller,
      service: 'finance',
    });
    return periodJson(row);
  });
}

/**
 * Closes a fiscal year: posts the closing entry (dated its last day) that brings every income and
 * expense account to zero against retained earnings, then closes its periods and the year. The
 * year's last period must still be open, since the closing entry posts into it.
 */
export async function closeFiscalYear(ctx: FinanceContext, caller: Actor, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const [year] = await tx.select().from(fiscalYears).where(eq(fiscalYears.id, id)).for('update');
    if (!year) throw notFound('No such fiscal year.');
    if (year.status === 'closed') throw conflict('The fiscal year is already closed.');
    const yearPeriods = await tx
      .select()
      .from(periods)
      .where(eq(periods.fiscalYearId, id))
      .orderBy(asc(periods.startDate))
      .for('update');
    const last = yearPeriods.at(-1);
    if (last?.status !== 'open')
      throw unprocessable('Reopen the year’s last period: the closing entry is posted into it.');
    const [earlierOpen] = await tx
      .select({ name: fiscalYears.name })
      .from(fiscalYears)
      .where(and(lte(fiscalYears.endDate, addDays(year.startDate, -1)), eq(fiscalYears.status, 'open')))
      .limit(1);
    if (earlierOpen) throw unprocessable(`Close ${earlierOpen.name} first.`);

    const retained = await accountByRole(ctx, 'retained_earnings');
    // Every income and expense account's balance up to the year's end, in SQL.
    const balances = rowsOf<{ account_id: string; net: string }>(
      await tx.execute(sql`
        select l.account_id, sum(l.debit - l.credit)::text as net
          from finance.journal_lines l join finance.accounts a on a.id = l.account_id
         where l.posted and l.date <= ${year.endDate} and a.type in ('income', 'expense')
         group by l.account_id
        having sum(l.debit - l.credit) <> 0
         order by l.account_id`),
    );
    const lines: EntryLineInput[] = balances.map((b) => {
      const net = BigInt(b.net);
      return {
        accountId: b.account_id,
        debit: net < 0n ? -net : 0n,
        credit: net > 0n ? net : 0n,
        description: 'Closing the year',
      };
    });
    const profit = -balances.reduce((sum, b) => sum + BigInt(b.net), 0n);
    let closingEntryId: string | null = null;
    if (lines.length) {
      if (profit !== 0n)
        lines.push({
          accountId: retained.id,
          debit: profit < 0n ? -profit : 0n,
          credit: profit > 0n ? profit : 0n,
          description: 'Net income of the year',
        });
      const entry = await postNewEntry(ctx, caller, {
        date: year.endDate,
        memo: `Closing ${year.name}`,
        source: 'closing',
        sourceRef: year.name,
        lines,
      });
      closingEntryId = entry.id;
    }
    await tx
      .update(periods)
      .set({ status: 'closed', closedBy: caller.id ?? null, closedAt: ctx.now(), updatedAt: ctx.now() })
      .where(and(eq(periods.fiscalYearId, id), eq(periods.status, 'open')));
    const [row] = await tx
      .update(fiscalYears)
      .set({ status: 'closed', closedBy: caller.id ?? null, closedAt: ctx.now(), closingEntryId, updatedAt: ctx.now() })
      .where(eq(fiscalYears.id, id))
      .returning();
    if (!row) throw notFound('No such fiscal year.');
    const netIncome = toMoneyJson({ minor: profit, currency: ctx.config.baseCurrency });
    await recordAudit(tx, {
      action: 'fiscal-year.closed',
      entityType: 'fiscal_year',
      entityId: id,
      before: { status: year.status },
      after: { status: row.status, closingEntryId, netIncome: netIncome.amount },
      actor: caller,
      service: 'finance',
    });
    await publishEvent(tx, financeEvents.yearClosed, {
      subject: id,
      ...(caller.id ? { actorId: caller.id } : {}),
      data: {
        fiscalYearId: id,
        name: row.name,
        startDate: row.startDate,
        endDate: row.endDate,
        closingEntryId,
        netIncome,
      },
    });
    return fiscalYearJson(row);
  });
}

/** The period a date falls in, if any fiscal year covers it. */
export async function periodOf(ctx: FinanceContext, date: string): Promise<Period | undefined> {
  const [row] = await executorFor(ctx.db)
    .select()
    .from(periods)
    .where(and(lte(periods.startDate, date), gte(periods.endDate, date)));
  return row;
}
