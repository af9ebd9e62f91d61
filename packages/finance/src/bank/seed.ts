import { addDays, addMonths, monthRange, systemActor } from '@konecta/core';
import { accounts, bankAccounts, journalLines } from '@konecta/db';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { createBankAccount } from './bank-accounts';
import { confirmMatch } from './reconcile';
import { minorOf, signed } from './statement-file';
import { bookBalance, importStatement } from './statements';

const seeder = systemActor('finance');

/**
 * The demo bank: the operating account (the ledger's `bank` account) at the National Bank of Egypt,
 * with last month's statement: every movement of the books, a day later at the bank, plus two bank
 * charges not yet booked; the first half of the lines reconciled. Runs once.
 */
export async function seedBank(ctx: FinanceContext): Promise<number> {
  const [existing] = await ctx.db.select({ n: count() }).from(bankAccounts);
  if (existing?.n) return 0;
  const [ledger] = await ctx.db.select().from(accounts).where(eq(accounts.role, 'bank'));
  if (!ledger) return 0;
  const month = monthRange(addMonths(ctx.calendar.thisMonth(), -1));
  const movements = await ctx.db
    .select({
      id: journalLines.id,
      date: journalLines.date,
      memo: journalLines.memo,
      debit: journalLines.debit,
      credit: journalLines.credit,
    })
    .from(journalLines)
    .where(
      and(
        eq(journalLines.accountId, ledger.id),
        eq(journalLines.posted, true),
        sql`${journalLines.date} between ${month.from} and ${month.to}`,
      ),
    )
    .orderBy(asc(journalLines.date), asc(journalLines.id));
  if (!movements.length) return 0;
  const bank = await createBankAccount(ctx, seeder, {
    name: 'NBE operating account',
    accountId: ledger.id,
    bankName: 'National Bank of Egypt',
    iban: 'EG380019000500000000263180002',
  });
  const currency = bank.currency;
  const lines = movements.map((m, i) => {
    const bankDate = addDays(m.date, 1) > month.to ? m.date : addDays(m.date, 1);
    return { date: bankDate, description: m.memo, reference: `NBE${String(1000 + i)}`, amount: m.debit - m.credit };
  });
  lines.push(
    { date: addDays(month.from, 9), description: 'Account maintenance fee', reference: 'FEE-01', amount: -7500n },
    { date: month.to, description: 'Transfer charges', reference: 'FEE-02', amount: -2_850n },
  );
  lines.sort((a, b) => a.date.localeCompare(b.date));
  const opening = await bookBalance(ctx, ledger.id, currency, addDays(month.from, -1));
  const closing = lines.reduce((sum, l) => sum + l.amount, opening);
  const content = [
    'Booking date,Narrative,Bank reference,Amount',
    ...lines.map(
      (l) => `${l.date},"${l.description.replace(/"/g, '""')}",${l.reference},${signed(l.amount, currency)}`,
    ),
  ].join('\n');
  const statement = await importStatement(ctx, seeder, {
    bankAccountId: bank.id,
    format: 'csv',
    content,
    mapping: {
      date: 'Booking date',
      description: 'Narrative',
      reference: 'Bank reference',
      amount: 'Amount',
      dateFormat: 'yyyy-mm-dd',
      decimalSeparator: '.',
    },
    openingBalance: signed(opening, currency),
    closingBalance: signed(closing, currency),
  });
  // Reconcile half the lines, from the first: each to the movement it came from (same amount, the day before).
  const used = new Set<bigint>();
  let matched = 0;
  const half = Math.floor(statement.lines.length / 2);
  for (const line of statement.lines) {
    if (matched >= half) break;
    const amount = minorOf(line.amount, currency);
    const source = movements.find(
      (m) => !used.has(m.id) && m.debit - m.credit === amount && m.memo === line.description,
    );
    if (!source) continue;
    used.add(source.id);
    await confirmMatch(ctx, seeder, statement.id, line.id, source.id.toString());
    matched += 1;
  }
  return matched;
}
