/**
 * The ledger's rules are the database's: these tests break them through the domain and with raw
 * SQL, and expect the database to refuse.
 */
import { toProblemError } from '@konecta/core';
import { journalEntries, journalLines, rowsOf } from '@konecta/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateAccount } from '../src/accounts/accounts';
import { financeConstraints, financeRules } from '../src/constraints';
import { createDraft, getEntry, postEntry, postNewEntry, reverseEntry, updateDraft } from '../src/journals/entries';
import { closePeriod, listPeriods, reopenPeriod } from '../src/periods/periods';
import { cr, createHarness, dr, egp, type Harness, openYear, post, rejection, system } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  await openYear(h, 2026);
});
afterAll(() => h?.close());

/** The rule (constraint name) a database error names, from anywhere in its cause chain. */
function ruleOf(err: unknown): string | undefined {
  let e = err as { constraint?: string; constraint_name?: string; cause?: unknown } | undefined;
  for (let i = 0; e && i < 6; i++) {
    if (e.constraint || e.constraint_name) return e.constraint ?? e.constraint_name;
    e = e.cause as typeof e;
  }
  return undefined;
}

const problemOf = (err: unknown) => toProblemError(err, { ...financeConstraints, ...financeRules });

/** A raw transaction that writes a draft entry with these (base = transaction) lines and posts it. */
async function rawPosting(
  date: string,
  lines: [string, bigint, bigint][],
  extra: { source?: string; rounding?: number } = {},
) {
  return h.db.db.transaction(async (tx) => {
    const [entry] = rowsOf<{ id: string }>(
      await tx.execute(sql`insert into finance.journal_entries (date, memo, currency, source)
        values (${date}, 'raw', 'EGP', ${extra.source ?? 'manual'}) returning id`),
    );
    let n = 0;
    for (const [code, debit, credit] of lines) {
      n += 1;
      await tx.execute(sql`insert into finance.journal_lines
          (entry_id, line_no, account_id, debit, credit, txn_debit, txn_credit, currency, rate, date, is_rounding)
        values (${entry?.id}, ${n}, ${h.account(code)}, ${debit}, ${credit}, ${debit}, ${credit}, 'EGP', 1, ${date},
                ${extra.rounding === n})`);
    }
    await tx.execute(sql`update finance.journal_entries set status = 'posted' where id = ${entry?.id}`);
    return entry?.id as string;
  });
}

describe('balanced entries, held by the database at commit', () => {
  it('posts a balanced manual entry with a number, its period, and lines marked posted on its date', async () => {
    const entry = await post(h, '2026-01-10', [dr(h, '1120', 1000), cr(h, '3100', 1000)], 'Capital');
    expect(entry.status).toBe('posted');
    expect(entry.number).toMatch(/^JE-2026-\d{7}$/);
    const lines = await h.db.db.select().from(journalLines).where(eq(journalLines.entryId, entry.id));
    expect(lines.map((l) => [l.posted, l.date, l.debit, l.credit, l.entryNumber, l.memo])).toEqual([
      [true, '2026-01-10', egp(1000), 0n, entry.number, 'Capital'],
      [true, '2026-01-10', 0n, egp(1000), entry.number, 'Capital'],
    ]);
  });

  it('the domain refuses an unbalanced entry, naming the lines', async () => {
    const err = await rejection(
      createDraft(h.ctx, system, { date: '2026-01-11', lines: [dr(h, '1120', 100), cr(h, '4100', 99.99)] }),
    );
    const problem = problemOf(err);
    expect(problem).toMatchObject({ status: 422, extra: { errors: [{ path: 'lines' }] } });
  });

  it('raw SQL: an unbalanced posted entry is refused at commit, and nothing of it stays', async () => {
    const before = await h.db.db.select().from(journalEntries);
    const err = await rejection(
      rawPosting('2026-01-12', [
        ['1120', 100n, 0n],
        ['4100', 0n, 99n],
      ]),
    );
    expect(ruleOf(err)).toBe('journal_entries_balanced');
    expect(problemOf(err)?.status).toBe(422);
    expect(await h.db.db.select().from(journalEntries)).toHaveLength(before.length);
  });

  it('raw SQL: a posted entry with one line, or none, is refused at commit', async () => {
    expect(ruleOf(await rejection(rawPosting('2026-01-12', [['1120', 100n, 0n]])))).toBe('journal_entries_two_lines');
    const err = await rejection(
      h.db.db.transaction(async (tx) => {
        await tx.execute(sql`insert into finance.journal_entries (date, memo, currency, status, posted_at)
          values ('2026-01-12', 'posted at once', 'EGP', 'posted', now())`);
      }),
    );
    expect(ruleOf(err)).toBe('journal_entries_two_lines');
  });

  it('raw SQL: a line with both sides, or a negative side, breaks its check', async () => {
    expect(
      ruleOf(
        await rejection(
          rawPosting('2026-01-12', [
            ['1120', 100n, 100n],
            ['4100', 0n, 0n],
          ]),
        ),
      ),
    ).toBe('journal_lines_one_side_check');
    expect(
      ruleOf(
        await rejection(
          rawPosting('2026-01-12', [
            ['1120', -100n, 0n],
            ['4100', 0n, -100n],
          ]),
        ),
      ),
    ).toBe('journal_lines_one_side_check');
  });

  it('raw SQL: a manual entry cannot carry a rounding line; a system entry one of at most one minor unit', async () => {
    const manual = await rejection(
      rawPosting(
        '2026-01-13',
        [
          ['1120', 101n, 0n],
          ['4100', 0n, 100n],
          ['5910', 0n, 1n],
        ],
        { rounding: 3 },
      ),
    );
    expect(ruleOf(manual)).toBe('journal_lines_rounding_manual');
    const id = await rawPosting(
      '2026-01-13',
      [
        ['1130', 101n, 0n],
        ['4100', 0n, 100n],
        ['5910', 0n, 1n],
      ],
      {
        source: 'invoice',
        rounding: 3,
      },
    );
    expect(id).toBeTruthy();
    const tooBig = await rejection(
      rawPosting(
        '2026-01-13',
        [
          ['1130', 102n, 0n],
          ['4100', 0n, 100n],
          ['5910', 0n, 2n],
        ],
        { source: 'invoice', rounding: 3 },
      ),
    );
    expect(ruleOf(tooBig)).toBe('journal_lines_rounding_check');
  });

  it('a system entry one minor unit off gets a rounding line; a manual one, or two units off, is refused', async () => {
    const lines = [dr(h, '1130', 100.01), cr(h, '4100', 100)];
    const entry = await postNewEntry(h.ctx, system, { date: '2026-01-14', source: 'invoice', lines });
    const full = await getEntry(h.ctx, entry.id);
    expect(full.lines.map((l) => [l.accountCode, l.baseDebit, l.baseCredit, l.isRounding])).toEqual([
      ['1130', '100.01', '0.00', false],
      ['4100', '0.00', '100.00', false],
      ['5910', '0.00', '0.01', true],
    ]);
    expect(problemOf(await rejection(postNewEntry(h.ctx, system, { date: '2026-01-14', lines })))?.status).toBe(422);
    const twoOff = [dr(h, '1130', 100.02), cr(h, '4100', 100)];
    expect(
      problemOf(await rejection(postNewEntry(h.ctx, system, { date: '2026-01-14', source: 'invoice', lines: twoOff })))
        ?.status,
    ).toBe(422);
  });
});

describe('posted entries are immutable', () => {
  let posted: string;
  beforeAll(async () => {
    posted = (await post(h, '2026-02-01', [dr(h, '5300', 500), cr(h, '1120', 500)], 'Rent')).id;
  });

  it('raw SQL cannot change a posted line’s amount', async () => {
    const err = await rejection(
      h.db.db.execute(
        sql`update finance.journal_lines set debit = debit + 100 where entry_id = ${posted} and debit > 0`,
      ),
    );
    expect(ruleOf(err)).toBe('journal_lines_posted');
    expect(problemOf(err)?.status).toBe(409);
  });

  it('raw SQL cannot delete a posted line, move it to another account, or add a line to the entry', async () => {
    expect(
      ruleOf(await rejection(h.db.db.execute(sql`delete from finance.journal_lines where entry_id = ${posted}`))),
    ).toBe('journal_lines_posted');
    expect(
      ruleOf(
        await rejection(
          h.db.db.execute(
            sql`update finance.journal_lines set account_id = ${h.account('5400')} where entry_id = ${posted} and debit > 0`,
          ),
        ),
      ),
    ).toBe('journal_lines_posted');
    expect(
      ruleOf(
        await rejection(
          h.db.db.execute(sql`insert into finance.journal_lines (entry_id, line_no, account_id, debit, credit, currency, rate, date)
            values (${posted}, 9, ${h.account('5400')}, 1, 0, 'EGP', 1, '2026-02-01')`),
        ),
      ),
    ).toBe('journal_lines_posted');
  });

  it('raw SQL cannot change a posted entry’s date, memo or status, nor delete it', async () => {
    for (const statement of [
      sql`update finance.journal_entries set date = '2026-02-02' where id = ${posted}`,
      sql`update finance.journal_entries set memo = 'changed' where id = ${posted}`,
      sql`update finance.journal_entries set status = 'draft' where id = ${posted}`,
      sql`delete from finance.journal_entries where id = ${posted}`,
    ]) {
      expect(ruleOf(await rejection(h.db.db.execute(statement)))).toBe('journal_entries_posted');
    }
    const [row] = await h.db.db.select().from(journalEntries).where(eq(journalEntries.id, posted));
    expect(row).toMatchObject({ status: 'posted', date: '2026-02-01', memo: 'Rent' });
  });

  it('the domain answers 409 to editing a posted entry', async () => {
    const err = await rejection(
      updateDraft(h.ctx, system, posted, { date: '2026-02-01', lines: [dr(h, '5300', 1), cr(h, '1120', 1)] }),
    );
    expect(problemOf(err)?.status).toBe(409);
  });

  it('a draft is editable and its lines follow its date', async () => {
    const draft = await createDraft(h.ctx, system, {
      date: '2026-02-03',
      memo: 'draft',
      lines: [dr(h, '5500', 10), cr(h, '1110', 10)],
    });
    const edited = await updateDraft(h.ctx, system, draft.id, {
      date: '2026-02-04',
      memo: 'edited',
      lines: [dr(h, '5500', 12), cr(h, '1110', 12)],
    });
    expect(edited).toMatchObject({
      status: 'draft',
      date: '2026-02-04',
      memo: 'edited',
      totals: { debit: '12.00', credit: '12.00' },
    });
    await h.db.db.execute(sql`update finance.journal_entries set date = '2026-02-05' where id = ${draft.id}`);
    const lines = await h.db.db.select().from(journalLines).where(eq(journalLines.entryId, draft.id));
    expect(lines.map((l) => [l.date, l.posted])).toEqual([
      ['2026-02-05', false],
      ['2026-02-05', false],
    ]);
  });
});

describe('periods', () => {
  it('nothing posts into a closed period, through the domain or raw SQL; reopening lets it', async () => {
    const { items } = await listPeriods(h.ctx, {});
    const april = items.find((p) => p.name === '2026-04');
    if (!april) throw new Error('no April');
    const draft = await createDraft(h.ctx, system, {
      date: '2026-04-10',
      lines: [dr(h, '5400', 50), cr(h, '1120', 50)],
    });
    await closePeriod(h.ctx, system, april.id);
    const err = await rejection(postEntry(h.ctx, system, draft.id));
    expect(ruleOf(err)).toBe('journal_entries_period_closed');
    expect(problemOf(err)).toMatchObject({ status: 422, extra: { errors: [{ path: 'date' }] } });
    expect(
      ruleOf(
        await rejection(
          rawPosting('2026-04-11', [
            ['1120', 100n, 0n],
            ['4100', 0n, 100n],
          ]),
        ),
      ),
    ).toBe('journal_entries_period_closed');
    await reopenPeriod(h.ctx, system, april.id, 'Late supplier invoice');
    expect((await postEntry(h.ctx, system, draft.id)).status).toBe('posted');
  });

  it('a date no fiscal year covers is refused', async () => {
    const err = await rejection(post(h, '2027-01-05', [dr(h, '5400', 1), cr(h, '1120', 1)]));
    expect(ruleOf(err)).toBe('journal_entries_no_period');
  });
});

describe('accounts on lines', () => {
  it('a group account is refused on a line, through the domain and raw SQL', async () => {
    expect(problemOf(await rejection(post(h, '2026-01-20', [dr(h, '1100', 1), cr(h, '1120', 1)])))?.status).toBe(422);
    expect(
      ruleOf(
        await rejection(
          rawPosting('2026-01-20', [
            ['1100', 1n, 0n],
            ['1120', 0n, 1n],
          ]),
        ),
      ),
    ).toBe('journal_lines_account');
  });

  it('a draft whose account was deactivated since cannot be posted', async () => {
    const draft = await createDraft(h.ctx, system, {
      date: '2026-01-21',
      lines: [dr(h, '5700', 30), cr(h, '1110', 30)],
    });
    await updateAccount(h.ctx, system, h.account('5700'), { active: false });
    expect(ruleOf(await rejection(postEntry(h.ctx, system, draft.id)))).toBe('journal_lines_account');
    await updateAccount(h.ctx, system, h.account('5700'), { active: true });
  });
});

describe('reversal', () => {
  it('reverses with opposite lines dated today, linked both ways, once', async () => {
    const entry = await post(h, '2026-01-25', [dr(h, '5600', 250), cr(h, '1120', 250)], 'Ads');
    const reversal = await reverseEntry(h.ctx, system, entry.id);
    expect(reversal).toMatchObject({ date: '2026-03-15', source: 'reversal', reversesId: entry.id, status: 'posted' });
    const original = await getEntry(h.ctx, entry.id);
    expect(original.reversedById).toBe(reversal.id);
    const lines = await getEntry(h.ctx, reversal.id);
    expect(lines.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['5600', '0.00', '250.00'],
      ['1120', '250.00', '0.00'],
    ]);
    expect(problemOf(await rejection(reverseEntry(h.ctx, system, entry.id)))?.status).toBe(409);
    // Raw SQL cannot relink the reversal either.
    expect(
      ruleOf(
        await rejection(
          h.db.db.execute(sql`update finance.journal_entries set reversed_by_id = null where id = ${entry.id}`),
        ),
      ),
    ).toBe('journal_entries_posted');
  });

  it('a reversal into a closed period is refused', async () => {
    const entry = await post(h, '2026-03-01', [dr(h, '5600', 10), cr(h, '1120', 10)]);
    const { items } = await listPeriods(h.ctx, {});
    const march = items.find((p) => p.name === '2026-03');
    await closePeriod(h.ctx, system, march?.id as string);
    expect(ruleOf(await rejection(reverseEntry(h.ctx, system, entry.id)))).toBe('journal_entries_period_closed');
    expect((await getEntry(h.ctx, entry.id)).reversedById).toBeNull();
    await reopenPeriod(h.ctx, system, march?.id as string, 'test');
  });
});
