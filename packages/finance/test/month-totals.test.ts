/**
 * The posted totals per account and month (finance.account_month_totals) that the trial balance
 * and the general ledger's opening balance read instead of every line: after any mix of postings —
 * drafts left unposted, drafts edited then posted, many entries posted in one transaction, reversals,
 * the year's close, postings racing each other on PostgreSQL — they equal a full recomputation from
 * the posted lines, row for row; and the statements built on them equal the same sums taken from the
 * lines alone, for ranges that start and end on any day.
 */
import { rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft, postEntry, postNewEntries, reverseEntry, updateDraft } from '../src/journals/entries';
import { closeFiscalYear, listFiscalYears } from '../src/periods/periods';
import { generalLedger } from '../src/reports/general-ledger';
import { monthSplit, trialBalance } from '../src/reports/statements';
import { cr, createHarness, dr, type Harness, openYear, post, system } from './helpers';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
let h: Harness;
const codes = ['1120', '1130', '1140', '2110', '4100', '5100', '5200', '5300'];

/** A small deterministic pseudo-random sequence (no test depends on chance). */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-12-31T10:00:00Z' });
  await openYear(h, 2025);
  await openYear(h, 2026);
  const next = sequence(7);
  const day = () => {
    const month = 1 + Math.floor(next() * 12);
    const d = 1 + Math.floor(next() * 28);
    return `${next() < 0.5 ? 2025 : 2026}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  const entry = () => {
    const a = codes[Math.floor(next() * codes.length)] as string;
    const b =
      codes.find((c, i) => c !== a && i >= Math.floor(next() * codes.length)) ?? (a === '1120' ? '4100' : '1120');
    const amount = 1 + Math.floor(next() * 100_000) / 100;
    return { date: day(), memo: 'random', lines: [dr(h, a, amount), cr(h, b, amount)] };
  };
  // One at a time, and forty in one transaction (one statement posts them all).
  for (let i = 0; i < 40; i++) {
    const e = entry();
    await post(h, e.date, e.lines);
  }
  await postNewEntries(h.ctx, system, Array.from({ length: 40 }, entry));
  // Month ends and month starts, where a range splits.
  await post(h, '2025-01-31', [dr(h, '1120', 10), cr(h, '4100', 10)]);
  await post(h, '2025-02-01', [dr(h, '1120', 20), cr(h, '4100', 20)]);
  await post(h, '2026-12-31', [dr(h, '1130', 30), cr(h, '4100', 30)]);
  // A draft never posted counts nowhere; one edited (new date and account) counts as posted.
  await createDraft(h.ctx, system, {
    date: '2025-03-03',
    memo: 'draft',
    lines: [dr(h, '1120', 999), cr(h, '4100', 999)],
  });
  const edited = await createDraft(h.ctx, system, {
    date: '2025-03-03',
    memo: 'draft',
    lines: [dr(h, '1120', 50), cr(h, '4100', 50)],
  });
  await updateDraft(h.ctx, system, edited.id, {
    date: '2025-04-30',
    memo: 'edited',
    lines: [dr(h, '1140', 55), cr(h, '2110', 55)],
  });
  await postEntry(h.ctx, system, edited.id);
  // A reversal in a later month.
  const reversed = await post(h, '2025-05-15', [dr(h, '5300', 70), cr(h, '1120', 70)]);
  await reverseEntry(h.ctx, system, reversed.id, { date: '2025-06-02' });
});
afterAll(() => h?.close());

/** The totals the database keeps, and those recomputed from the posted lines, in one order. */
async function bothTotals() {
  const kept = rowsOf<Record<string, string>>(
    await h.db.db.execute(sql`select account_id, month::text, debit::text, credit::text, lines::text
      from finance.account_month_totals order by 1, 2`),
  );
  const recomputed = rowsOf<Record<string, string>>(
    await h.db.db.execute(sql`select account_id, month::text, debit::text, credit::text, lines::text
      from finance.account_month_totals_recomputed() order by 1, 2`),
  );
  return { kept, recomputed };
}

/** Opening, period debits and credits per account from the posted lines alone. */
async function fromLines(from: string, to: string) {
  const result = rowsOf<{ id: string; opening: string; debit: string; credit: string }>(
    await h.db.db.execute(sql`select account_id as id,
        coalesce(sum(debit - credit) filter (where date < ${from}), 0)::text as opening,
        coalesce(sum(debit) filter (where date >= ${from}), 0)::text as debit,
        coalesce(sum(credit) filter (where date >= ${from}), 0)::text as credit
      from finance.journal_lines where posted and date <= ${to} group by account_id`),
  );
  return new Map(result.map((r) => [r.id, r]));
}

const minor = (amount: string) => BigInt(amount.replace('.', ''));

describe('posted totals per account and month', () => {
  it('equal a full recomputation from the posted lines after every kind of posting', async () => {
    const { kept, recomputed } = await bothTotals();
    expect(kept.length).toBeGreaterThan(40);
    expect(kept).toEqual(recomputed);
  });

  it('still equal it after the year is closed', async () => {
    const fy = (await listFiscalYears(h.ctx)).items.find((y) => y.name === 'FY2025');
    if (!fy) throw new Error('no FY2025');
    await closeFiscalYear(h.ctx, system, fy.id);
    const { kept, recomputed } = await bothTotals();
    expect(kept).toEqual(recomputed);
  });

  it('are refreshed from the lines after a bulk load with the triggers off', async () => {
    const before = await bothTotals();
    await h.db.db.execute(sql`delete from finance.account_month_totals`);
    await h.db.db.execute(sql`select finance.refresh_account_month_totals()`);
    expect((await bothTotals()).kept).toEqual(before.kept);
  });

  it.each([
    ['0001-01-01', '2026-12-31'],
    ['2025-01-01', '2025-12-31'],
    ['2025-01-31', '2025-02-01'],
    ['2025-02-01', '2025-02-28'],
    ['2025-02-14', '2025-02-20'],
    ['2025-03-17', '2026-02-11'],
    ['2025-12-31', '2026-01-01'],
    ['2026-01-02', '2026-12-30'],
  ])('the trial balance from %s to %s equals the sums over the lines', async (from, to) => {
    const expected = await fromLines(from, to);
    const tb = await trialBalance(h.ctx, { from, to });
    const posting = tb.rows.filter((r) => !r.isGroup);
    for (const r of posting) {
      const e = expected.get(r.accountId);
      expect([minor(r.opening), minor(r.periodDebit), minor(r.periodCredit)], r.code).toEqual([
        BigInt(e?.opening ?? 0),
        BigInt(e?.debit ?? 0),
        BigInt(e?.credit ?? 0),
      ]);
    }
    expect(posting.filter((r) => expected.has(r.accountId))).toHaveLength(expected.size);
  });

  it('the general ledger opening from any day equals the lines before it', async () => {
    for (const from of ['2025-01-01', '2025-02-01', '2025-02-02', '2025-06-15', '2026-12-31']) {
      const expected = await fromLines(from, '2026-12-31');
      const gl = await generalLedger(h.ctx, { accountId: h.account('1120'), from, limit: 1 });
      expect(minor(gl.opening), from).toBe(BigInt(expected.get(h.account('1120'))?.opening ?? 0));
    }
  });

  it('split a range into whole months and the days at its edges', () => {
    expect(monthSplit('2025-01-01', '2025-12-31')).toEqual({
      openingBefore: '2025-01-01',
      wholeFrom: '2025-01-01',
      wholeTo: '2026-01-01',
    });
    expect(monthSplit('2025-01-15', '2025-03-10')).toEqual({
      openingBefore: '2025-01-01',
      wholeFrom: '2025-02-01',
      wholeTo: '2025-03-01',
    });
    // Inside one month: no whole month, the lines from the month's start.
    expect(monthSplit('2025-02-14', '2025-02-20')).toEqual({
      openingBefore: '2025-02-01',
      wholeFrom: '2025-02-01',
      wholeTo: '2025-02-01',
    });
  });
});

describe.skipIf(!onServer)('postings racing each other (PostgreSQL)', () => {
  it('30 concurrent postings to the same accounts and months leave the totals equal to the lines', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        post(h, `2026-0${1 + (i % 3)}-1${i % 10}`, [
          i % 2 ? dr(h, '1120', 1 + i) : cr(h, '1120', 1 + i),
          i % 2 ? cr(h, '4100', 1 + i) : dr(h, '4100', 1 + i),
          dr(h, '5100', 2),
          cr(h, '1140', 2),
        ]),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const { kept, recomputed } = await bothTotals();
    expect(kept).toEqual(recomputed);
  });
});
