import { executorFor, toMoneyJson } from '@konecta/core';
import { rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { ageing } from '../reports/ageing';
import { profitAndLoss } from '../reports/statements';

/**
 * The finance dashboard as of today by the company calendar: the balance of each cash and bank
 * account, receivables and payables outstanding with what is overdue (amount and count) and the
 * ageing buckets, and this month's profit from the profit-and-loss statement. Amounts are in the
 * base currency; each figure comes from the same SQL as its report.
 */
export async function financeDashboard(ctx: FinanceContext) {
  const today = ctx.calendar.today();
  const base = ctx.config.baseCurrency;
  const money = (minor: bigint | string) => toMoneyJson({ minor: BigInt(minor), currency: base }).amount;
  const cash = rowsOf<{ id: string; code: string; name: string; balance: string }>(
    await executorFor(ctx.db).execute(
      sql`select a.id, a.code, a.name,
                 coalesce((select sum(l.debit - l.credit) from finance.journal_lines l
                            where l.account_id = a.id and l.posted and l.date <= ${today}), 0)::text as balance
            from finance.accounts a
           where a.cash and not a.is_group and a.active
           order by a.code`,
    ),
  );
  const [receivables, payables, profit] = await Promise.all([
    ageing(ctx, 'receivables', { asOf: today }),
    ageing(ctx, 'payables', { asOf: today }),
    profitAndLoss(ctx, { from: `${today.slice(0, 8)}01`, to: today }),
  ]);
  const side = (a: typeof receivables) => ({
    outstanding: a.totals.baseTotal,
    documents: a.totals.documents,
    overdue: a.totals.baseOverdue,
    overdueDocuments: a.totals.overdueDocuments,
    buckets: a.buckets.map((b, i) => ({
      label: b.label,
      amount: a.totals.baseAmounts[i] ?? money(0n),
      documents: a.totals.documentsByBucket[i] ?? 0,
    })),
  });
  return {
    asOf: today,
    currency: base,
    cash: {
      total: money(cash.reduce((s, a) => s + BigInt(a.balance), 0n)),
      accounts: cash.map((a) => ({ accountId: a.id, code: a.code, name: a.name, balance: money(a.balance) })),
    },
    receivables: side(receivables),
    payables: side(payables),
    profit: {
      from: profit.from,
      to: profit.to,
      income: profit.totals.income,
      expenses: profit.totals.expenses,
      netIncome: profit.totals.netIncome,
    },
  };
}
