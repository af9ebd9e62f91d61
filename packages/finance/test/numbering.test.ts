/**
 * On the real PostgreSQL (TEST_DATABASE_URL): 50 invoices issued at once take 50 consecutive
 * numbers, no gap and no duplicate, while 5 more racing with them fail after taking a number and
 * give it back.
 */
import { toProblemError } from '@konecta/core';
import { rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financeConstraints, financeRules } from '../src/constraints';
import { createInvoice, issueInvoice } from '../src/invoices/invoices';
import { createParty } from '../src/parties/parties';
import { closePeriod, listPeriods } from '../src/periods/periods';
import { createHarness, type Harness, openYear, system } from './helpers';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
let h: Harness;
beforeAll(async () => {
  if (!onServer) return;
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  await openYear(h, 2026);
});
afterAll(() => h?.close());

const numbersOf = async () =>
  rowsOf<{ number: string }>(
    await h.db.db.execute(sql`select number from finance.invoices where number is not null order by number`),
  ).map((r) => r.number);

describe.skipIf(!onServer)('gap-free invoice numbers under concurrency (PostgreSQL)', () => {
  it('gives 50 concurrent issues 50 consecutive numbers; a failed issue leaves no gap', async () => {
    const customer = await createParty(h.ctx, system, 'customer', { name: 'Concurrent Co', currency: 'EGP' });
    const line = {
      description: 'Work',
      quantity: '1',
      unitPrice: '10',
      taxPercent: '14',
      accountId: h.account('4200'),
    };
    const drafts = await Promise.all(
      Array.from({ length: 55 }, (_, i) =>
        createInvoice(h.ctx, system, {
          customerId: customer.id,
          // Five are dated in January, closed below.
          issueDate: i % 11 === 10 ? '2026-01-20' : `2026-03-${String(1 + (i % 14)).padStart(2, '0')}`,
          lines: [{ ...line, unitPrice: String(10 + i) }],
        }),
      ),
    );
    // Five of them are refused at posting, after taking their number (January is closed): they
    // must hand their numbers back, leaving no hole.
    const january = (await listPeriods(h.ctx, {})).items.find((p) => p.name === '2026-01');
    await closePeriod(h.ctx, system, january?.id as string);
    const outcomes = await Promise.all(
      drafts.map((d) =>
        issueInvoice(h.ctx, system, d.id).then(
          (i) => i.number as string,
          (err: unknown) => {
            const detail = toProblemError(err, { ...financeConstraints, ...financeRules })?.detail;
            return detail === 'The period of this date is closed.' ? 'refused' : String(err);
          },
        ),
      ),
    );
    const issued = outcomes.filter((o) => o !== 'refused');
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(5);
    expect(issued).toHaveLength(50);
    expect(new Set(issued).size).toBe(50);
    const expected = Array.from({ length: 50 }, (_, i) => `INV-2026-${String(i + 1).padStart(5, '0')}`);
    expect([...issued].sort()).toEqual(expected);
    expect(await numbersOf()).toEqual(expected);
    const [series] = rowsOf<{ last: number }>(
      await h.db.db.execute(
        sql`select last_number as last from finance.number_series where series = 'INV' and fiscal_year = 2026`,
      ),
    );
    expect(series?.last).toBe(50);
    // Every issued invoice posted exactly one entry, and the ledger balances.
    const [entries] = rowsOf<{ n: number }>(
      await h.db.db.execute(
        sql`select count(*)::int as n from finance.journal_entries where source = 'invoice' and status = 'posted'`,
      ),
    );
    expect(entries?.n).toBe(50);
    const [tb] = rowsOf<{ d: string; c: string }>(
      await h.db.db.execute(
        sql`select sum(debit)::text as d, sum(credit)::text as c from finance.journal_lines where posted`,
      ),
    );
    expect(tb?.d).toBe(tb?.c);
  }, 120_000);
});
