/** The demo ledger: a year of activity whose statements have content and balance, one month closed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBills } from '../src/bills/bills';
import { listInvoices } from '../src/invoices/invoices';
import { listPeriods } from '../src/periods/periods';
import { balanceSheet, cashFlow, profitAndLoss, trialBalance } from '../src/reports/statements';
import { seedLedger } from '../src/seed';
import { seedDocuments } from '../src/seed/documents';
import { createHarness, type Harness } from './helpers';

let h: Harness;
let posted = 0;
let documents = 0;
beforeAll(async () => {
  h = await createHarness({ now: '2026-11-20T09:00:00Z' });
  posted = await seedLedger(h.ctx);
  documents = await seedDocuments(h.ctx);
}, 120_000);
afterAll(() => h?.close());

describe('the demo ledger', () => {
  it('posts a year of entries, once', async () => {
    expect(posted).toBeGreaterThan(200);
    expect(await seedLedger(h.ctx)).toBe(0);
  });

  it('adds invoices and bills in every state before payments, once', async () => {
    expect(documents).toBeGreaterThan(10);
    expect(await seedDocuments(h.ctx)).toBe(0);
    const page = { limit: 200, offset: 0 };
    const invoices = (await listInvoices(h.ctx, page)).items;
    expect(new Set(invoices.map((i) => i.status))).toEqual(new Set(['draft', 'issued', 'void']));
    expect(invoices.some((i) => Number(i.creditedAmount) > 0)).toBe(true);
    expect(new Set(invoices.map((i) => i.currency))).toEqual(new Set(['EGP', 'USD']));
    expect(invoices.some((i) => i.overdue)).toBe(true);
    const bills = (await listBills(h.ctx, page)).items;
    expect(new Set(bills.map((b) => b.status))).toEqual(new Set(['draft', 'approved', 'void']));
  });

  it('balances: trial balance totals equal, the balance sheet balances at every month end', async () => {
    const tb = await trialBalance(h.ctx, {});
    expect(tb.totals.debit).toBe(tb.totals.credit);
    for (const asOf of ['2025-11-30', '2026-02-28', '2026-06-30', '2026-10-31', '2026-11-20']) {
      const bs = await balanceSheet(h.ctx, { asOf });
      expect(bs.totals.balanced, asOf).toBe(true);
    }
  });

  it('has content in every statement, and a profit', async () => {
    const pl = await profitAndLoss(h.ctx, { from: '2026-01-01', to: '2026-10-31', compare: 'previous-year' });
    expect(pl.months).toHaveLength(10);
    expect(Number(pl.totals.income)).toBeGreaterThan(0);
    expect(Number(pl.totals.netIncome)).toBeGreaterThan(0);
    const cf = await cashFlow(h.ctx, { from: '2026-01-01', to: '2026-10-31' });
    expect(cf.sections.length).toBeGreaterThan(2);
    const bs = await balanceSheet(h.ctx, { asOf: '2026-10-31' });
    expect(Number(bs.rows.find((r) => r.code === '1125')?.balance)).toBeGreaterThan(0);
    expect(Number(bs.rows.find((r) => r.code === '1120')?.balance)).toBeGreaterThan(0);
  });

  it('has its first month closed', async () => {
    const { items } = await listPeriods(h.ctx, { status: 'closed' });
    expect(items.map((p) => p.name)).toEqual(['2025-11']);
  });
});
