/**
 * A textbook sequence of double entries whose trial balance, profit and loss, balance sheet and
 * cash flow are known, then the year's close, a deactivated account, and a foreign-currency loan
 * with its month-end revaluation.
 */
import { inTransaction } from '@konecta/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateAccount } from '../src/accounts/accounts';
import { setRate } from '../src/currencies/rates';
import { revalueMonth } from '../src/currencies/revaluation';
import { getEntry, postNewEntry } from '../src/journals/entries';
import { closeFiscalYear, listFiscalYears } from '../src/periods/periods';
import { generalLedger } from '../src/reports/general-ledger';
import { balanceSheet, cashFlow, profitAndLoss, trialBalance } from '../src/reports/statements';
import { cr, createHarness, dr, type Harness, openYear, post, rejection, system } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  await openYear(h, 2025);
  await openYear(h, 2026);
  await post(h, '2025-01-01', [dr(h, '1120', 100_000), cr(h, '3100', 100_000)], 'Owner invests');
  await post(h, '2025-01-05', [dr(h, '1140', 20_000), cr(h, '2110', 20_000)], 'Stock on credit');
  await post(h, '2025-01-10', [dr(h, '1130', 30_000), cr(h, '4100', 30_000)], 'Sale on credit');
  await post(h, '2025-01-10', [dr(h, '5100', 12_000), cr(h, '1140', 12_000)], 'Cost of the sale');
  await post(h, '2025-01-31', [dr(h, '5300', 5_000), cr(h, '1120', 5_000)], 'Rent');
  await post(h, '2025-02-15', [dr(h, '1120', 25_000), cr(h, '1130', 25_000)], 'Customer pays');
  await post(h, '2025-02-20', [dr(h, '2110', 15_000), cr(h, '1120', 15_000)], 'Pay supplier');
  await post(h, '2025-02-28', [dr(h, '5200', 8_000), cr(h, '1120', 8_000)], 'Salaries');
});
afterAll(() => h?.close());

const row = <T extends { code: string }>(rows: T[], code: string) => {
  const found = rows.find((r) => r.code === code);
  if (!found) throw new Error(`no row ${code}`);
  return found;
};

describe('a textbook sequence', () => {
  it('trial balance to the end of February: each closing balance on its side, totals equal', async () => {
    const tb = await trialBalance(h.ctx, { to: '2025-02-28' });
    const closing = Object.fromEntries(
      tb.rows.filter((r) => !r.isGroup && r.closing !== '0.00').map((r) => [r.code, [r.debit, r.credit]]),
    );
    expect(closing).toEqual({
      '1120': ['97000.00', '0.00'],
      '1130': ['5000.00', '0.00'],
      '1140': ['8000.00', '0.00'],
      '2110': ['0.00', '5000.00'],
      '3100': ['0.00', '100000.00'],
      '4100': ['0.00', '30000.00'],
      '5100': ['12000.00', '0.00'],
      '5200': ['8000.00', '0.00'],
      '5300': ['5000.00', '0.00'],
    });
    expect(tb.totals).toMatchObject({ debit: '135000.00', credit: '135000.00' });
    // Groups roll up the accounts under them.
    expect(row(tb.rows, '1100')).toMatchObject({ isGroup: true, debit: '110000.00' });
    expect(row(tb.rows, '1000')).toMatchObject({ debit: '110000.00', depth: 0 });
    expect(row(tb.rows, '5000')).toMatchObject({ debit: '25000.00' });
  });

  it('trial balance for February alone: opening, the month’s movements, closing', async () => {
    const tb = await trialBalance(h.ctx, { from: '2025-02-01', to: '2025-02-28' });
    expect(row(tb.rows, '1120')).toMatchObject({
      opening: '95000.00',
      periodDebit: '25000.00',
      periodCredit: '23000.00',
      closing: '97000.00',
    });
    expect(tb.totals).toMatchObject({ periodDebit: '48000.00', periodCredit: '48000.00' });
  });

  it('profit and loss by month, with the previous period beside it', async () => {
    const pl = await profitAndLoss(h.ctx, { from: '2025-01-01', to: '2025-02-28' });
    expect(pl.months).toEqual(['2025-01', '2025-02']);
    expect(pl.totals).toMatchObject({ income: '30000.00', expenses: '25000.00', netIncome: '5000.00' });
    expect(row(pl.rows, '4100').months).toEqual({ '2025-01': '30000.00' });
    expect(row(pl.rows, '5000').months).toEqual({ '2025-01': '17000.00', '2025-02': '8000.00' });
    const feb = await profitAndLoss(h.ctx, { from: '2025-02-01', to: '2025-02-28', compare: 'previous-period' });
    expect(feb.comparison).toEqual({ from: '2025-01-04', to: '2025-01-31' });
    expect(feb.totals).toMatchObject({ income: '0.00', expenses: '8000.00', netIncome: '-8000.00' });
    expect(feb.totals.comparison).toEqual({ income: '30000.00', expenses: '17000.00', netIncome: '13000.00' });
    const lastYear = await profitAndLoss(h.ctx, { from: '2026-01-01', to: '2026-02-28', compare: 'previous-year' });
    expect(lastYear.totals.comparison).toEqual({ income: '30000.00', expenses: '25000.00', netIncome: '5000.00' });
  });

  it('balance sheet on any day: current-year earnings inside equity, so it balances', async () => {
    const jan = await balanceSheet(h.ctx, { asOf: '2025-01-31' });
    expect(jan.totals).toEqual({
      assets: '133000.00',
      liabilities: '20000.00',
      equity: '113000.00',
      liabilitiesAndEquity: '133000.00',
      balanced: true,
    });
    expect(row(jan.rows, '3300').balance).toBe('13000.00');
    const feb = await balanceSheet(h.ctx, { asOf: '2025-02-28' });
    expect(feb.totals).toMatchObject({
      assets: '110000.00',
      liabilities: '5000.00',
      equity: '105000.00',
      balanced: true,
    });
    // In the next year, before the close, last year's result is retained earnings, not this year's.
    const next = await balanceSheet(h.ctx, { asOf: '2026-01-15' });
    expect(row(next.rows, '3200').balance).toBe('5000.00');
    expect(row(next.rows, '3300').balance).toBe('0.00');
    expect(next.totals.balanced).toBe(true);
    for (const day of ['2025-01-01', '2025-01-05', '2025-01-10', '2025-02-15', '2025-02-20']) {
      expect((await balanceSheet(h.ctx, { asOf: day })).totals.balanced).toBe(true);
    }
  });

  it('cash flow: bank movements by the type of their counterpart', async () => {
    const cf = await cashFlow(h.ctx, { from: '2025-01-01', to: '2025-02-28' });
    expect(cf).toMatchObject({ opening: '0.00', netChange: '97000.00', closing: '97000.00' });
    expect(Object.fromEntries(cf.sections.map((s) => [s.type, s.total]))).toEqual({
      expense: '-13000.00',
      asset: '25000.00',
      liability: '-15000.00',
      equity: '100000.00',
    });
    const feb = await cashFlow(h.ctx, { from: '2025-02-01', to: '2025-02-28' });
    expect(feb).toMatchObject({ opening: '95000.00', netChange: '2000.00', closing: '97000.00' });
  });

  it('general ledger: running balance, keyset pages carrying the balance', async () => {
    const first = await generalLedger(h.ctx, { accountId: h.account('1120'), to: '2025-02-28', limit: 2 });
    expect(first.items.map((i) => [i.date, i.debit, i.credit, i.balance])).toEqual([
      ['2025-01-01', '100000.00', '0.00', '100000.00'],
      ['2025-01-31', '0.00', '5000.00', '95000.00'],
    ]);
    expect(first.nextCursor).toBeTruthy();
    const second = await generalLedger(h.ctx, {
      accountId: h.account('1120'),
      to: '2025-02-28',
      limit: 2,
      cursor: first.nextCursor as string,
    });
    expect(second.items.map((i) => i.balance)).toEqual(['120000.00', '105000.00']);
    const third = await generalLedger(h.ctx, {
      accountId: h.account('1120'),
      to: '2025-02-28',
      limit: 2,
      cursor: second.nextCursor as string,
    });
    expect(third.items.map((i) => i.balance)).toEqual(['97000.00']);
    expect(third.nextCursor).toBeNull();
    const february = await generalLedger(h.ctx, {
      accountId: h.account('1120'),
      from: '2025-02-01',
      to: '2025-02-28',
      limit: 50,
    });
    expect(february).toMatchObject({ opening: '95000.00', closing: '97000.00' });
    // Inside a transaction (its one connection) the page is the same.
    const inside = await inTransaction(h.ctx.db, () =>
      generalLedger(h.ctx, { accountId: h.account('1120'), from: '2025-02-01', to: '2025-02-28', limit: 50 }),
    );
    expect(inside).toEqual(february);
    await expect(
      generalLedger(h.ctx, { accountId: '00000000-0000-4000-8000-000000000000', limit: 5 }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe('closing the year', () => {
  it('moves income and expense into retained earnings; the P&L still shows the year; nothing posts into it after', async () => {
    const fy = (await listFiscalYears(h.ctx)).items.find((y) => y.name === 'FY2025');
    const closed = await closeFiscalYear(h.ctx, system, fy?.id as string);
    expect(closed.status).toBe('closed');
    const closing = await getEntry(h.ctx, closed.closingEntryId as string);
    expect(closing).toMatchObject({ date: '2025-12-31', source: 'closing', totals: { debit: '30000.00' } });
    expect(closing.lines.map((l) => [l.accountCode, l.debit, l.credit]).sort()).toEqual([
      ['3200', '0.00', '5000.00'],
      ['4100', '30000.00', '0.00'],
      ['5100', '0.00', '12000.00'],
      ['5200', '0.00', '8000.00'],
      ['5300', '0.00', '5000.00'],
    ]);
    const tb = await trialBalance(h.ctx, { to: '2025-12-31' });
    expect(row(tb.rows, '4100').closing).toBe('0.00');
    expect(row(tb.rows, '3200').credit).toBe('5000.00');
    expect((await profitAndLoss(h.ctx, { from: '2025-01-01', to: '2025-12-31' })).totals.netIncome).toBe('5000.00');
    const bs = await balanceSheet(h.ctx, { asOf: '2025-12-31' });
    expect(row(bs.rows, '3200').balance).toBe('5000.00');
    expect(row(bs.rows, '3300').balance).toBe('0.00');
    expect(bs.totals.balanced).toBe(true);
    const late = await rejection(post(h, '2025-06-30', [dr(h, '5400', 1), cr(h, '1120', 1)]));
    expect(String((late as Error).cause ?? late)).toMatch(/closed/);
  });

  it('a deactivated account with history still appears in every report covering it', async () => {
    await updateAccount(h.ctx, system, h.account('5300'), { active: false });
    const tb = await trialBalance(h.ctx, { from: '2025-01-01', to: '2025-12-31' });
    expect(row(tb.rows, '5300')).toMatchObject({ active: false, periodDebit: '5000.00', periodCredit: '5000.00' });
    const pl = await profitAndLoss(h.ctx, { from: '2025-01-01', to: '2025-12-31' });
    expect(row(pl.rows, '5300')).toMatchObject({ active: false, total: '5000.00' });
    const gl = await generalLedger(h.ctx, { accountId: h.account('5300'), limit: 10 });
    expect(gl.items).toHaveLength(2);
    // A deactivated account without history does not.
    await updateAccount(h.ctx, system, h.account('5850'), { active: false });
    expect((await trialBalance(h.ctx, {})).rows.find((r) => r.code === '5850')).toBeUndefined();
  });
});

describe('foreign currency', () => {
  it('keeps transaction amounts, the rate and base amounts on every line; base balances exactly', async () => {
    await setRate(h.ctx, system, { currency: 'USD', date: '2026-01-01', rate: '48.123457' });
    const entry = await postNewEntry(h.ctx, system, {
      date: '2026-01-05',
      currency: 'USD',
      memo: 'Split receipt',
      lines: [
        { accountId: h.account('1125'), debit: 3333n, credit: 0n },
        { accountId: h.account('1125'), debit: 3333n, credit: 0n },
        { accountId: h.account('1125'), debit: 3334n, credit: 0n },
        { accountId: h.account('2210'), debit: 0n, credit: 10000n },
      ],
    });
    const full = await getEntry(h.ctx, entry.id);
    expect(full).toMatchObject({ currency: 'USD', rate: '48.123457', totals: { debit: '4812.35', credit: '4812.35' } });
    expect(full.lines.map((l) => [l.debit, l.credit, l.baseDebit, l.baseCredit])).toEqual([
      // 100 USD at 48.123457 is 4,812.35 (rounded once), shared by the lines' USD amounts; the minor
      // units left over go to the largest remainders, so each line is within one of its own conversion.
      ['33.33', '0.00', '1603.96', '0.00'],
      ['33.33', '0.00', '1603.95', '0.00'],
      ['33.34', '0.00', '1604.44', '0.00'],
      ['0.00', '100.00', '0.00', '4812.35'],
    ]);
  });

  it('a manual entry on a USD account must be in USD; no rate, no entry', async () => {
    expect(await rejection(post(h, '2026-01-06', [dr(h, '1125', 10), cr(h, '1120', 10)]))).toMatchObject({
      status: 422,
    });
    const noRate = await rejection(
      postNewEntry(h.ctx, system, {
        date: '2026-01-06',
        currency: 'EUR',
        lines: [dr(h, '5700', 10), cr(h, '1120', 10)],
      }),
    );
    expect(noRate).toMatchObject({ status: 422, extra: { errors: [{ path: 'rate' }] } });
  });

  it('month-end revaluation posts the unrealised difference and reverses it on the 1st', async () => {
    await setRate(h.ctx, system, { currency: 'USD', date: '2026-02-01', rate: '48.50' });
    await setRate(h.ctx, system, { currency: 'USD', date: '2026-02-28', rate: '50.00' });
    // A clean loan of USD 1,000 received at 48.50, USD 200 of it spent at 48.50.
    const usd = (cents: bigint) => cents * 100n;
    const loan = [
      { accountId: h.account('1125'), debit: usd(1000n), credit: 0n },
      { accountId: h.account('2210'), debit: 0n, credit: usd(1000n) },
    ];
    await postNewEntry(h.ctx, system, { date: '2026-02-05', currency: 'USD', memo: 'USD loan', lines: loan });
    await postNewEntry(h.ctx, system, {
      date: '2026-02-20',
      currency: 'USD',
      memo: 'Travel paid in USD',
      lines: [
        { accountId: h.account('5700'), debit: usd(200n), credit: 0n },
        { accountId: h.account('1125'), debit: 0n, credit: usd(200n) },
      ],
    });
    const before = await balanceSheet(h.ctx, { asOf: '2026-02-28' });
    const result = await revalueMonth(h.ctx, system, '2026-02');
    expect(result.entry).toMatchObject({ date: '2026-02-28', source: 'revaluation' });
    expect(result.reversal).toMatchObject({ date: '2026-03-01', source: 'reversal', reversesId: result.entry?.id });
    const byCode = Object.fromEntries(
      (result.entry?.lines ?? []).map((l) => [l.accountCode, [l.baseDebit, l.baseCredit]]),
    );
    // 1125: USD 900 at 50 = 45,000 against 4,812.35 + 48,500 − 9,700 = 43,612.35 → +1,387.65.
    // 2210: USD 1,100 at 50 = 55,000 against 53,312.35 → 1,687.65 more owed; the net 300.00 is a loss.
    expect(byCode).toEqual({
      '1125': ['1387.65', '0.00'],
      '2210': ['0.00', '1687.65'],
      '5900': ['300.00', '0.00'],
    });
    const after = await balanceSheet(h.ctx, { asOf: '2026-02-28' });
    expect(row(after.rows, '1125').balance).toBe('45000.00');
    expect(row(after.rows, '2210').balance).toBe('55000.00');
    expect(after.totals.balanced).toBe(true);
    expect(row(before.rows, '1125').balance).toBe('43612.35');
    const march = await balanceSheet(h.ctx, { asOf: '2026-03-01' });
    expect(row(march.rows, '1125').balance).toBe('43612.35');
    // Run again, the month is already at its rate: nothing more is posted.
    expect(await revalueMonth(h.ctx, system, '2026-02')).toEqual({ month: '2026-02', entry: null, reversal: null });
  });
});
