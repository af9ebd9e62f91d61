import {
  addMonths,
  type Caller,
  currencyScale,
  executorFor,
  formatDecimal,
  inTransaction,
  monthRange,
  multiplyMoney,
} from '@konecta/core';
import { rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { accountByRole } from '../accounts/accounts';
import type { FinanceContext } from '../context';
import { type EntryLineInput, getEntry, postNewEntry, reverseEntry } from '../journals/entries';
import { rateOn } from './rates';

type Actor = Pick<Caller, 'kind' | 'id'>;

/**
 * Month-end revaluation: every foreign-currency account's balance (in its currency, from the
 * lines in that currency) is converted at the month's last rate, and the difference from its
 * base-currency balance is posted against exchange gains and losses, dated the month's last day;
 * the entry is reversed on the first day of the next month, so the gain or loss is unrealised.
 * Once per month (the database's journal_entries_once_idx).
 */
export async function revalueMonth(ctx: FinanceContext, caller: Actor, month: string) {
  return inTransaction(ctx.db, () => revalue(ctx, caller, month));
}

async function revalue(ctx: FinanceContext, caller: Actor, month: string) {
  const { to: end } = monthRange(month);
  const nextFirst = monthRange(addMonths(month, 1)).from;
  const base = ctx.config.baseCurrency;
  const balances = rowsOf<{ account_id: string; code: string; currency: string; txn: string; base: string }>(
    await executorFor(ctx.db).execute(sql`
      select a.id as account_id, a.code, a.currency,
             coalesce(sum(l.txn_debit - l.txn_credit) filter (where l.currency = a.currency), 0)::text as txn,
             coalesce(sum(l.debit - l.credit), 0)::text as base
        from finance.accounts a
        left join finance.journal_lines l on l.account_id = a.id and l.posted and l.date <= ${end}
       where a.currency is not null and a.currency <> ${base} and not a.is_group
       group by a.id, a.code, a.currency
       order by a.code`),
  );
  const gainLoss = await accountByRole(ctx, 'exchange_gain_loss');
  const lines: EntryLineInput[] = [];
  let net = 0n;
  for (const b of balances) {
    const rate = await rateOn(ctx, b.currency, end);
    const target = multiplyMoney(
      { minor: BigInt(b.txn), currency: base },
      { units: rate.units, scale: rate.scale + currencyScale(b.currency) - currencyScale(base) },
    ).minor;
    const difference = target - BigInt(b.base);
    if (difference === 0n) continue;
    net += difference;
    lines.push({
      accountId: b.account_id,
      debit: difference > 0n ? difference : 0n,
      credit: difference < 0n ? -difference : 0n,
      description: `Revaluation of ${b.code} at ${formatDecimal(rate)} ${base}/${b.currency}`,
    });
  }
  if (!lines.length) return { month, entry: null, reversal: null };
  lines.push({
    accountId: gainLoss.id,
    debit: net < 0n ? -net : 0n,
    credit: net > 0n ? net : 0n,
    description: net > 0n ? 'Unrealised exchange gain' : 'Unrealised exchange loss',
  });
  if (net === 0n) lines.pop();
  const entry = await postNewEntry(ctx, caller, {
    date: end,
    memo: `Revaluation of foreign-currency balances, ${month}`,
    source: 'revaluation',
    sourceRef: month,
    lines,
  });
  const reversal = await reverseEntry(ctx, caller, entry.id, {
    date: nextFirst,
    memo: `Reversal of the ${month} revaluation`,
  });
  return { month, entry: await getEntry(ctx, entry.id), reversal: await getEntry(ctx, reversal.id) };
}
