import { executorFor, toMoneyJson, unprocessable } from '@konecta/core';
import { rowsOf } from '@konecta/db';
import { type SQL, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { ageing } from '../reports/ageing';
import type { Table } from '../reports/files';
import { getParty, type PartyKind } from './parties';

/**
 * A customer's or vendor's statement in one currency (the party's unless asked): the balance
 * before `from`, each invoice (bill), credit note and void from `from` to `to` with the running
 * balance, the closing balance, and what was due at `to` by ageing bucket. The balance counts a
 * credit note whole (the part beyond the document is the party's credit), the ageing only the
 * part applied to documents, so the two differ by the party's unapplied credit. Payments join
 * the movements once they exist.
 */
export async function partyStatement(
  ctx: FinanceContext,
  kind: PartyKind,
  id: string,
  query: { from?: string; to?: string; currency?: string },
) {
  const party = await getParty(ctx, kind, id);
  const to = query.to ?? ctx.calendar.today();
  const from = query.from ?? `${to.slice(0, 8)}01`;
  if (from > to)
    throw unprocessable('The range ends before it starts.', [{ path: 'to', message: 'Use a date on or after from.' }]);
  const currency = query.currency ?? party.currency;
  const voidDate = (t: string) =>
    sql.raw(`(select v.date from finance.journal_entries v where v.id = ${t}.void_entry_id)`);
  const movements: SQL =
    kind === 'customer'
      ? sql`select i.issue_date as date, 1 as ord, 'invoice' as type, i.id, i.number, i.due_date, i.total as amount
              from finance.invoices i where i.customer_id = ${id} and i.currency = ${currency} and i.status <> 'draft'
            union all
            select n.date, 2, 'credit-note', n.id, n.number, null, -n.total
              from finance.credit_notes n where n.customer_id = ${id} and n.currency = ${currency}
            union all
            select ${voidDate('i')}, 3, 'void', i.id, i.number, null, -i.total
              from finance.invoices i where i.customer_id = ${id} and i.currency = ${currency} and i.void_entry_id is not null`
      : sql`select b.bill_date as date, 1 as ord, 'bill' as type, b.id, b.number, b.due_date, b.total as amount
              from finance.bills b where b.vendor_id = ${id} and b.currency = ${currency} and b.status <> 'draft'
            union all
            select n.date, 2, 'credit-note', n.id, n.number, null, -n.total
              from finance.credit_notes n where n.vendor_id = ${id} and n.currency = ${currency}
            union all
            select ${voidDate('b')}, 3, 'void', b.id, b.number, null, -b.total
              from finance.bills b where b.vendor_id = ${id} and b.currency = ${currency} and b.void_entry_id is not null`;
  const rows = rowsOf<{
    date: string;
    type: string;
    id: string;
    number: string | null;
    due_date: string | null;
    amount: string;
    balance: string;
    opening: string;
  }>(
    await executorFor(ctx.db).execute(
      sql`with m as (${movements}),
              o as (select coalesce(sum(amount), 0) as opening from m where date < ${from})
         select to_char(m.date, 'YYYY-MM-DD') as date, m.type, m.id, m.number, to_char(m.due_date, 'YYYY-MM-DD') as due_date,
                m.amount::text as amount, o.opening::text as opening,
                (o.opening + sum(m.amount) over (order by m.date, m.ord, m.number, m.id rows unbounded preceding))::text as balance
           from o left join m on m.date >= ${from} and m.date <= ${to}
          order by m.date, m.ord, m.number, m.id`,
    ),
  );
  const money = (minor: bigint | string) => toMoneyJson({ minor: BigInt(minor), currency }).amount;
  const opening = BigInt(rows[0]?.opening ?? 0);
  const lines = rows
    .filter((r) => r.id !== null)
    .map((r) => ({
      date: r.date,
      type: r.type as 'invoice' | 'bill' | 'credit-note' | 'void',
      documentId: r.id,
      number: r.number,
      dueDate: r.due_date,
      debit: BigInt(r.amount) > 0n ? money(r.amount) : money(0n),
      credit: BigInt(r.amount) < 0n ? money(-BigInt(r.amount)) : money(0n),
      balance: money(r.balance),
    }));
  const closing = lines.length ? (lines[lines.length - 1]?.balance as string) : money(opening);
  const aged = await ageing(ctx, kind === 'customer' ? 'receivables' : 'payables', { asOf: to, partyId: id });
  const dueRow = aged.rows.find((r) => r.currency === currency);
  return {
    partyId: party.id,
    partyName: party.name,
    kind,
    from,
    to,
    currency,
    opening: money(opening),
    lines,
    closing,
    due: aged.buckets.map((b, i) => ({ label: b.label, amount: dueRow?.amounts[i] ?? money(0n) })),
    dueTotal: dueRow?.total ?? money(0n),
  };
}

export type PartyStatement = Awaited<ReturnType<typeof partyStatement>>;

export function partyStatementTable(s: PartyStatement): Table {
  const label: Record<string, string> = {
    invoice: 'Invoice',
    bill: 'Bill',
    'credit-note': 'Credit note',
    void: 'Void',
  };
  return {
    title: `Statement: ${s.partyName}`,
    subtitle: `${s.from} to ${s.to}, ${s.currency}. Due at ${s.to}: ${s.due.map((d) => `${d.label} ${d.amount}`).join(', ')}; total ${s.dueTotal}`,
    columns: [
      { key: 'date', header: 'Date', width: 10 },
      { key: 'type', header: 'Type', width: 12 },
      { key: 'number', header: 'Number', width: 18 },
      { key: 'dueDate', header: 'Due', width: 10 },
      { key: 'debit', header: 'Debit', amount: true },
      { key: 'credit', header: 'Credit', amount: true },
      { key: 'balance', header: 'Balance', amount: true },
    ],
    rows: [
      { date: s.from, type: 'Opening balance', balance: s.opening },
      ...s.lines.map((l) => ({ ...l, type: label[l.type] ?? l.type })),
      { date: s.to, type: 'Closing balance', balance: s.closing },
    ],
  };
}
