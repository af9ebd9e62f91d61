/**
 * On the real PostgreSQL (TEST_DATABASE_URL): postings racing a period's close. Posting takes the
 * period row FOR SHARE and closing takes it FOR UPDATE, so every posting either commits before the
 * close or is refused after it; and no posted entry is ever unbalanced, however many arrive at once.
 */
import { inTransaction, toProblemError } from '@konecta/core';
import { type Executor, rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financeConstraints, financeRules } from '../src/constraints';
import { closePeriod, listPeriods } from '../src/periods/periods';
import { cr, createHarness, dr, type Harness, openYear, post, system } from './helpers';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
let h: Harness;
beforeAll(async () => {
  if (!onServer) return;
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  await openYear(h, 2026);
});
afterAll(() => h?.close());

/** Posted entries of a month, read by `db` (the open transaction's own connection, when given). */
const count = async (month: string, db: Executor = h.db.db) => {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from finance.journal_entries
      where status = 'posted' and to_char(date, 'YYYY-MM') = ${month}`),
  );
  return row?.n ?? 0;
};

describe.skipIf(!onServer)('50 concurrent postings against a period close (PostgreSQL)', () => {
  it.each(['2026-01', '2026-02', '2026-03'])('%s: nothing commits into the period after its close', async (month) => {
    const period = (await listPeriods(h.ctx, {})).items.find((p) => p.name === month);
    if (!period) throw new Error(`no ${month}`);
    let closedWith = -1;
    const posting = (i: number) =>
      post(
        h,
        `${month}-${String(1 + (i % 28)).padStart(2, '0')}`,
        [dr(h, '5500', 10 + i), cr(h, '1120', 10 + i)],
        `race ${i}`,
      ).then(
        () => 'posted' as const,
        (err: unknown) => toProblemError(err, { ...financeConstraints, ...financeRules })?.detail ?? String(err),
      );
    // Half the postings ask for a connection before the close and half after it, all at once.
    const first = Array.from({ length: 25 }, (_, i) => posting(i));
    // Unbalanced postings with raw SQL, racing too: every one is refused at commit.
    const unbalanced = Array.from({ length: 10 }, (_, i) =>
      h.db.db
        .transaction(async (tx) => {
          const [entry] = rowsOf<{ id: string }>(
            await tx.execute(sql`insert into finance.journal_entries (date, memo, currency)
              values (${`${month}-10`}, 'unbalanced', 'EGP') returning id`),
          );
          await tx.execute(sql`insert into finance.journal_lines (entry_id, line_no, account_id, debit, credit, currency, rate, date)
            values (${entry?.id}, 1, ${h.account('5500')}, ${100 + i}, 0, 'EGP', 1, ${`${month}-10`}),
                   (${entry?.id}, 2, ${h.account('1120')}, 0, 99, 'EGP', 1, ${`${month}-10`})`);
          await tx.execute(sql`update finance.journal_entries set status = 'posted' where id = ${entry?.id}`);
        })
        .then(
          () => 'committed',
          () => 'refused',
        ),
    );
    // The close, in the middle of the postings; what was posted at its commit is counted inside it.
    const close = inTransaction(h.ctx.db, async (tx) => {
      await closePeriod(h.ctx, system, period.id);
      closedWith = await count(month, tx);
    });
    const second = Array.from({ length: 25 }, (_, i) => posting(25 + i));
    const outcomes = await Promise.all([...first, ...second]);
    await close;
    expect(await Promise.all(unbalanced)).toEqual(Array(10).fill('refused'));
    const refused = outcomes.filter((o) => o !== 'posted');
    expect(new Set(refused)).toEqual(new Set(refused.length ? ['The period of this date is closed.'] : []));
    // Every posting that succeeded committed before the close; none after it.
    expect(await count(month)).toBe(closedWith);
    expect(outcomes.filter((o) => o === 'posted')).toHaveLength(closedWith);
    const unbalancedPosted = rowsOf(
      await h.db.db.execute(sql`select entry_id from finance.journal_lines where posted
        group by entry_id having sum(debit) <> sum(credit) or count(*) < 2`),
    );
    expect(unbalancedPosted).toEqual([]);
  });
});

/** Resolves once some session waits on a lock (pg_stat_activity), so a test can act while it waits. */
async function someoneWaitsOnALock() {
  for (let i = 0; i < 500; i++) {
    const rows = rowsOf(
      await h.db.db.execute(sql`select pid from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`),
    );
    if (rows.length) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('nobody ever waited on a lock');
}

describe.skipIf(!onServer)('posting and closing take turns on the period row (PostgreSQL)', () => {
  it('a close waits for a posting in progress, which commits first', async () => {
    const period = (await listPeriods(h.ctx, {})).items.find((p) => p.name === '2026-04');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = false;
    let posted = false;
    const posting = inTransaction(h.ctx.db, async () => {
      await post(h, '2026-04-10', [dr(h, '5500', 7), cr(h, '1120', 7)], 'held open');
      holding = true;
      await gate;
      posted = true;
    });
    // The posting holds the period row (its status is 'posted', not yet committed): now the close.
    while (!holding) await new Promise((r) => setTimeout(r, 10));
    const close = closePeriod(h.ctx, system, period?.id as string);
    await someoneWaitsOnALock();
    release();
    await posting;
    expect((await close).status).toBe('closed');
    expect(posted).toBe(true);
    expect(await count('2026-04')).toBe(1);
  });

  it('a posting that comes during a close waits for it, then is refused', async () => {
    const period = (await listPeriods(h.ctx, {})).items.find((p) => p.name === '2026-05');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let closing = false;
    const close = inTransaction(h.ctx.db, async () => {
      await closePeriod(h.ctx, system, period?.id as string);
      closing = true;
      await gate;
    });
    while (!closing) await new Promise((r) => setTimeout(r, 10));
    const posting = post(h, '2026-05-10', [dr(h, '5500', 7), cr(h, '1120', 7)], 'too late').then(
      () => 'posted',
      (err: unknown) => toProblemError(err, financeRules)?.detail,
    );
    await someoneWaitsOnALock();
    release();
    await close;
    expect(await posting).toBe('The period of this date is closed.');
    expect(await count('2026-05')).toBe(0);
  });
});
