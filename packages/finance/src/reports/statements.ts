import { addDays, executorFor, toMoneyJson, unprocessable } from '@konecta/core';
import { rowsOf } from '@konecta/db';
import { type SQL, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';

/**
 * The financial statements, each one SQL statement over the posted lines (the ledger is append-only,
 * so any past date reproduces exactly). Amounts are decimal strings in the base currency, named once
 * per statement (`currency`). Group accounts carry the totals of the accounts under them; totals
 * add up the posting accounts only. A deactivated account appears wherever it has history.
 */

/** Every account with itself and each of its ancestors: the pairs a roll-up groups by. */
const closure = sql`closure(account_id, ancestor_id) as (
    select id, id from finance.accounts
    union all
    select c.account_id, a.parent_id from closure c join finance.accounts a on a.id = c.ancestor_id
     where a.parent_id is not null)`;

export const EARLIEST = '0001-01-01';

export function amount(ctx: FinanceContext, minor: bigint | string | null | undefined): string {
  return toMoneyJson({ minor: BigInt(minor ?? 0), currency: ctx.config.baseCurrency }).amount;
}

export async function rows<T>(ctx: FinanceContext, query: SQL): Promise<T[]> {
  return rowsOf<T>(await executorFor(ctx.db).execute(query));
}

export function checkRange(from: string | undefined, to: string) {
  if (from && from > to)
    throw unprocessable('The range ends before it starts.', [{ path: 'to', message: 'Use a date on or after from.' }]);
}

export interface AccountRow {
  id: string;
  code: string;
  name: string;
  type: 'asset' | 'liability' | 'equity' | 'income' | 'expense';
  parent_id: string | null;
  is_group: boolean;
  active: boolean;
  depth: number;
}

const accountFields = (r: AccountRow) => ({
  accountId: r.id,
  code: r.code,
  name: r.name,
  type: r.type,
  parentId: r.parent_id,
  isGroup: r.is_group,
  active: r.active,
  depth: Number(r.depth),
});

export const monthStart = (date: string) => `${date.slice(0, 8)}01`;
const nextMonthStart = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12
    ? `${String(y + 1).padStart(4, '0')}-01-01`
    : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * How a range of days splits over the posted totals per account and month
 * (finance.account_month_totals, kept by the database as lines are posted): the whole months before
 * `from`'s month (`month < openingBefore`), the whole months inside the range
 * (`wholeFrom <= month < wholeTo`), and the days left at its edges, read from the lines
 * (`openingBefore <= date < wholeFrom` and `wholeTo <= date <= to`). A range inside one month
 * reads that month's lines up to `to`.
 */
export function monthSplit(from: string, to: string) {
  const openingBefore = monthStart(from);
  let wholeFrom = from === openingBefore ? from : nextMonthStart(from);
  let wholeTo = monthStart(addDays(to, 1));
  if (wholeFrom >= wholeTo) {
    wholeFrom = openingBefore;
    wholeTo = openingBefore;
  }
  return { openingBefore, wholeFrom, wholeTo };
}

/**
 * Trial balance: per account, the balance before `from` (opening, debit positive), the debits and
 * credits from `from` to `to`, and the closing balance, also as `debit` or `credit` on its side.
 * Whole months come from the posted totals per account and month, the days at the range's edges
 * from the lines (a test holds the totals equal to a recomputation from the lines).
 */
export async function trialBalance(ctx: FinanceContext, range: { from?: string; to?: string }) {
  const to = range.to ?? ctx.calendar.today();
  const from = range.from ?? EARLIEST;
  checkRange(from, to);
  const split = monthSplit(from, to);
  const result = await rows<
    AccountRow & { opening: string | null; debit: string | null; credit: string | null; used: boolean }
  >(
    ctx,
    sql`with recursive ${closure},
      sums as (
        select account_id, sum(opening) as opening, sum(debit) as debit, sum(credit) as credit
          from (select account_id, debit - credit as opening, 0 as debit, 0 as credit
                  from finance.account_month_totals where month < ${split.openingBefore}
                union all
                select account_id, 0, debit, credit
                  from finance.account_month_totals where month >= ${split.wholeFrom} and month < ${split.wholeTo}
                union all
                select account_id, case when date < ${from} then debit - credit else 0 end,
                       case when date >= ${from} then debit else 0 end, case when date >= ${from} then credit else 0 end
                  from finance.journal_lines
                 where posted and ((date >= ${split.openingBefore} and date < ${split.wholeFrom})
                                   or (date >= ${split.wholeTo} and date <= ${to}))) x
         group by account_id),
      rolled as (
        select c.ancestor_id as id, sum(s.opening) as opening, sum(s.debit) as debit, sum(s.credit) as credit
          from sums s join closure c on c.account_id = s.account_id
         group by c.ancestor_id)
    select v.id, v.code, v.name, v.type, v.parent_id, v.is_group, v.active, v.depth,
           r.opening::text as opening, r.debit::text as debit, r.credit::text as credit, r.id is not null as used
      from finance.chart_of_accounts v left join rolled r on r.id = v.id
     where v.active or r.id is not null
     order by v.code`,
  );
  let totalDebit = 0n;
  let totalCredit = 0n;
  let periodDebit = 0n;
  let periodCredit = 0n;
  const items = result.map((r) => {
    const opening = BigInt(r.opening ?? 0);
    const debit = BigInt(r.debit ?? 0);
    const credit = BigInt(r.credit ?? 0);
    const closing = opening + debit - credit;
    if (!r.is_group) {
      if (closing > 0n) totalDebit += closing;
      else totalCredit -= closing;
      periodDebit += debit;
      periodCredit += credit;
    }
    return {
      ...accountFields(r),
      opening: amount(ctx, opening),
      periodDebit: amount(ctx, debit),
      periodCredit: amount(ctx, credit),
      closing: amount(ctx, closing),
      debit: amount(ctx, closing > 0n ? closing : 0n),
      credit: amount(ctx, closing < 0n ? -closing : 0n),
    };
  });
  return {
    from: range.from ?? null,
    to,
    currency: ctx.config.baseCurrency,
    rows: items,
    totals: {
      periodDebit: amount(ctx, periodDebit),
      periodCredit: amount(ctx, periodCredit),
      debit: amount(ctx, totalDebit),
      credit: amount(ctx, totalCredit),
    },
  };
}

/** The same span of days ending the day before `from`, or the same dates a year earlier. */
export function comparisonRange(from: string, to: string, compare: 'previous-period' | 'previous-year') {
  if (compare === 'previous-year') {
    const back = (d: string) => {
      const y = String(Number(d.slice(0, 4)) - 1).padStart(4, '0');
      const md = d.slice(5) === '02-29' ? '02-28' : d.slice(5);
      return `${y}-${md}`;
    };
    return { from: back(from), to: back(to) };
  }
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  const end = addDays(from, -1);
  return { from: addDays(end, -days), to: end };
}

/**
 * Profit and loss from `from` to `to`, by month, with the comparison range's total beside each
 * account. Income is shown credit positive and expenses debit positive. Closing entries are left
 * out (they move the year's result, they are not part of it).
 */
export async function profitAndLoss(
  ctx: FinanceContext,
  range: { from: string; to: string; compare?: 'previous-period' | 'previous-year' },
) {
  checkRange(range.from, range.to);
  const cmp = range.compare ? comparisonRange(range.from, range.to, range.compare) : undefined;
  const cFrom = cmp?.from ?? range.from;
  const cTo = cmp?.to ?? range.from;
  const result = await rows<
    AccountRow & {
      months: Record<string, string> | null;
      total: string | null;
      comparison: string | null;
      used: boolean;
    }
  >(
    ctx,
    sql`with recursive ${closure},
      moves as (
        select l.account_id, to_char(l.date, 'YYYY-MM') as month,
               sum(l.credit - l.debit) filter (where l.date >= ${range.from} and l.date <= ${range.to}) as net,
               sum(l.credit - l.debit) filter (where ${cmp ? sql`l.date >= ${cFrom} and l.date <= ${cTo}` : sql`false`}) as cmp
          from finance.journal_lines l
          join finance.journal_entries e on e.id = l.entry_id
         where l.posted and e.source <> 'closing'
           and ((l.date >= ${range.from} and l.date <= ${range.to}) or (l.date >= ${cFrom} and l.date <= ${cTo}))
         group by l.account_id, to_char(l.date, 'YYYY-MM')),
      rolled as (
        select c.ancestor_id as id, m.month, sum(m.net) as net, sum(m.cmp) as cmp
          from moves m join closure c on c.account_id = m.account_id
         group by c.ancestor_id, m.month),
      per_account as (
        select id, jsonb_object_agg(month, net::text) filter (where net is not null) as months,
               sum(net) as total, sum(cmp) as comparison
          from rolled group by id)
    select v.id, v.code, v.name, v.type, v.parent_id, v.is_group, v.active, v.depth,
           p.months, p.total::text as total, p.comparison::text as comparison, p.id is not null as used
      from finance.chart_of_accounts v left join per_account p on p.id = v.id
     where v.type in ('income', 'expense') and (v.active or p.id is not null)
     order by v.code`,
  );
  const sign = (type: string) => (type === 'expense' ? -1n : 1n);
  const totals = { income: 0n, expenses: 0n, comparisonIncome: 0n, comparisonExpenses: 0n };
  const items = result.map((r) => {
    const s = sign(r.type);
    const total = BigInt(r.total ?? 0) * s;
    const comparison = BigInt(r.comparison ?? 0) * s;
    if (!r.is_group) {
      if (r.type === 'income') {
        totals.income += total;
        totals.comparisonIncome += comparison;
      } else {
        totals.expenses += total;
        totals.comparisonExpenses += comparison;
      }
    }
    const months = Object.fromEntries(
      Object.entries(r.months ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([m, v]) => [m, amount(ctx, BigInt(v) * s)]),
    );
    return { ...accountFields(r), months, total: amount(ctx, total), comparison: cmp ? amount(ctx, comparison) : null };
  });
  const months: string[] = [];
  for (let m = range.from.slice(0, 7); m <= range.to.slice(0, 7); ) {
    months.push(m);
    const [y, mm] = m.split('-').map(Number) as [number, number];
    m =
      mm === 12
        ? `${String(y + 1).padStart(4, '0')}-01`
        : `${String(y).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
  }
  return {
    from: range.from,
    to: range.to,
    currency: ctx.config.baseCurrency,
    months,
    comparison: cmp ?? null,
    rows: items,
    totals: {
      income: amount(ctx, totals.income),
      expenses: amount(ctx, totals.expenses),
      netIncome: amount(ctx, totals.income - totals.expenses),
      comparison: cmp
        ? {
            income: amount(ctx, totals.comparisonIncome),
            expenses: amount(ctx, totals.comparisonExpenses),
            netIncome: amount(ctx, totals.comparisonIncome - totals.comparisonExpenses),
          }
        : null,
    },
  };
}

/** The first day of the fiscal year `date` falls in: the fiscal year's, else from the settings' start month. */
async function fiscalYearStart(ctx: FinanceContext, date: string): Promise<string> {
  const [row] = await rows<{ start: string }>(
    ctx,
    sql`select to_char(start_date, 'YYYY-MM-DD') as start from finance.fiscal_years where start_date <= ${date} and end_date >= ${date}`,
  );
  if (row) return row.start;
  const month = ctx.config.fiscalYearStartMonth;
  const year = Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < month ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/**
 * Balance sheet as of a date: assets (debit positive), liabilities and equity (credit positive).
 * Income and expense not yet closed into retained earnings are inside equity — the current
 * fiscal year's on the current-year earnings account, earlier unclosed years' on retained earnings —
 * so it balances on every day.
 */
export async function balanceSheet(ctx: FinanceContext, query: { asOf?: string }) {
  const asOf = query.asOf ?? ctx.calendar.today();
  const yearStart = await fiscalYearStart(ctx, asOf);
  const result = await rows<AccountRow & { role: string | null; net: string | null; used: boolean }>(
    ctx,
    sql`with recursive ${closure},
      sums as (
        select l.account_id, sum(l.debit - l.credit) as net
          from finance.journal_lines l where l.posted and l.date <= ${asOf} group by l.account_id),
      unclosed as (
        select sum(l.debit - l.credit) filter (where l.date >= ${yearStart}) as current_year,
               sum(l.debit - l.credit) filter (where l.date < ${yearStart}) as prior_years
          from finance.journal_lines l join finance.accounts a on a.id = l.account_id
         where l.posted and l.date <= ${asOf} and a.type in ('income', 'expense')),
      adjusted as (
        select account_id, net from sums
        union all
        select a.id, coalesce(u.current_year, 0) from finance.accounts a, unclosed u where a.role = 'current_year_earnings'
        union all
        select a.id, coalesce(u.prior_years, 0) from finance.accounts a, unclosed u where a.role = 'retained_earnings'),
      rolled as (
        select c.ancestor_id as id, sum(x.net) as net
          from adjusted x join closure c on c.account_id = x.account_id
         group by c.ancestor_id)
    select v.id, v.code, v.name, v.type, v.parent_id, v.is_group, v.active, v.depth, v.role,
           r.net::text as net, r.id is not null as used
      from finance.chart_of_accounts v left join rolled r on r.id = v.id
     where v.type in ('asset', 'liability', 'equity') and (v.active or r.id is not null)
     order by v.code`,
  );
  const totals = { asset: 0n, liability: 0n, equity: 0n };
  const items = result.map((r) => {
    const net = BigInt(r.net ?? 0);
    const shown = r.type === 'asset' ? net : -net;
    if (!r.is_group) totals[r.type as keyof typeof totals] += shown;
    return { ...accountFields(r), role: r.role, balance: amount(ctx, shown) };
  });
  return {
    asOf,
    fiscalYearStart: yearStart,
    currency: ctx.config.baseCurrency,
    rows: items,
    totals: {
      assets: amount(ctx, totals.asset),
      liabilities: amount(ctx, totals.liability),
      equity: amount(ctx, totals.equity),
      liabilitiesAndEquity: amount(ctx, totals.liability + totals.equity),
      balanced: totals.asset === totals.liability + totals.equity,
    },
  };
}

/**
 * Cash flow from `from` to `to`: the movements of cash and bank accounts, each entry's cash
 * attributed to the other accounts of that entry (its counterparts), grouped by their type. Money
 * moved between two cash accounts nets out. Opening plus the flows is the closing cash.
 */
export async function cashFlow(ctx: FinanceContext, range: { from: string; to: string }) {
  checkRange(range.from, range.to);
  const result = await rows<{ id: string; code: string; name: string; type: string; amount: string }>(
    ctx,
    sql`with cash_entries as (
        select distinct l.entry_id from finance.journal_lines l join finance.accounts a on a.id = l.account_id
         where a.cash and l.posted and l.date >= ${range.from} and l.date <= ${range.to})
      select a.id, a.code, a.name, a.type::text as type, sum(l.credit - l.debit)::text as amount
        from finance.journal_lines l
        join cash_entries ce on ce.entry_id = l.entry_id
        join finance.accounts a on a.id = l.account_id
       where not a.cash
       group by a.id, a.code, a.name, a.type
      having sum(l.credit - l.debit) <> 0
       order by a.type, a.code`,
  );
  const [cash] = await rows<{ opening: string; closing: string }>(
    ctx,
    sql`select coalesce(sum(l.debit - l.credit) filter (where l.date < ${range.from}), 0)::text as opening,
               coalesce(sum(l.debit - l.credit), 0)::text as closing
          from finance.journal_lines l join finance.accounts a on a.id = l.account_id
         where a.cash and l.posted and l.date <= ${range.to}`,
  );
  const types = ['income', 'expense', 'asset', 'liability', 'equity'] as const;
  const sections = types
    .map((type) => {
      const accounts = result.filter((r) => r.type === type);
      const total = accounts.reduce((s, r) => s + BigInt(r.amount), 0n);
      return {
        type,
        total: amount(ctx, total),
        accounts: accounts.map((r) => ({ accountId: r.id, code: r.code, name: r.name, amount: amount(ctx, r.amount) })),
      };
    })
    .filter((s) => s.accounts.length);
  const opening = BigInt(cash?.opening ?? 0);
  const closing = BigInt(cash?.closing ?? 0);
  return {
    from: range.from,
    to: range.to,
    currency: ctx.config.baseCurrency,
    opening: amount(ctx, opening),
    inflows: amount(
      ctx,
      result.reduce((s, r) => (BigInt(r.amount) > 0n ? s + BigInt(r.amount) : s), 0n),
    ),
    outflows: amount(
      ctx,
      result.reduce((s, r) => (BigInt(r.amount) < 0n ? s - BigInt(r.amount) : s), 0n),
    ),
    netChange: amount(ctx, closing - opening),
    closing: amount(ctx, closing),
    sections,
  };
}
