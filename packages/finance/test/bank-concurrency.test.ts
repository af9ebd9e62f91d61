/**
 * On the real PostgreSQL (TEST_DATABASE_URL): clerks confirming matches at once. Two statement lines
 * racing for one ledger line, or one statement line racing for two ledger lines: exactly one
 * confirmation wins, the others are told 409, and nothing is matched twice.
 */
import { toProblemError } from '@konecta/core';
import { rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBankAccount } from '../src/bank/bank-accounts';
import { confirmMatch } from '../src/bank/reconcile';
import { importStatement } from '../src/bank/statements';
import { financeConstraints, financeRules } from '../src/constraints';
import { cr, createHarness, dr, type Harness, openYear, post, system } from './helpers';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
let h: Harness;
let statementId: string;
let lineIds: string[];
let glIds: string[];

beforeAll(async () => {
  if (!onServer) return;
  h = await createHarness({ now: '2026-04-05T10:00:00Z' });
  await openYear(h, 2026);
  const bank = await createBankAccount(h.ctx, system, {
    name: 'Race bank',
    accountId: h.account('1120'),
    bankName: 'NBE',
  });
  for (const i of [1, 2, 3]) await post(h, '2026-03-10', [dr(h, '1120', 100), cr(h, '4100', 100)], `Receipt ${i}`);
  glIds = rowsOf<{ id: string }>(
    await h.db.db.execute(
      sql`select id::text from finance.journal_lines where account_id = ${h.account('1120')} order by id`,
    ),
  ).map((r) => r.id);
  const content = [
    'Date,Details,Amount',
    ...Array.from({ length: 10 }, (_, i) => `2026-03-10,Receipt ${i},100.00`),
  ].join('\n');
  const statement = await importStatement(h.ctx, system, {
    bankAccountId: bank.id,
    format: 'csv',
    content,
    mapping: {
      date: 'Date',
      description: 'Details',
      amount: 'Amount',
      dateFormat: 'yyyy-mm-dd',
      decimalSeparator: '.',
    },
    openingBalance: '0',
    closingBalance: '1000.00',
  });
  statementId = statement.id;
  lineIds = statement.lines.map((l) => l.id);
});
afterAll(() => h?.close());

const attempt = (lineId: string, glId: string) =>
  confirmMatch(h.ctx, system, statementId, lineId, glId).then(
    () => 'matched',
    (err: unknown) => {
      const p = toProblemError(err, { ...financeConstraints, ...financeRules });
      return p ? `${p.status}` : String(err);
    },
  );

describe.skipIf(!onServer)('concurrent confirmations (PostgreSQL)', () => {
  it('ten statement lines confirmed against one ledger line at once: exactly one wins', async () => {
    const outcomes = await Promise.all(lineIds.map((id) => attempt(id, glIds[0] as string)));
    expect(outcomes.filter((o) => o === 'matched')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'matched')).toEqual(Array(9).fill('409'));
    const [row] = rowsOf<{ n: number }>(
      await h.db.db.execute(
        sql`select count(*)::int as n from finance.bank_statement_lines where journal_line_id = ${glIds[0]}`,
      ),
    );
    expect(row?.n).toBe(1);
  });

  it('one statement line confirmed against two ledger lines at once: exactly one wins', async () => {
    const free = rowsOf<{ id: string }>(
      await h.db.db.execute(sql`select id from finance.bank_statement_lines where statement_id = ${statementId}
        and journal_line_id is null order by line_no limit 1`),
    )[0]?.id as string;
    const outcomes = await Promise.all([attempt(free, glIds[1] as string), attempt(free, glIds[2] as string)]);
    expect(outcomes.sort()).toEqual(['409', 'matched']);
  });
});
