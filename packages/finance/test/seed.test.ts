/** The demo ledger: a year of activity whose statements have content and balance, one month closed. */
import { monthRange } from '@konecta/core';
import { rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBills } from '../src/bills/bills';
import { listInvoices } from '../src/invoices/invoices';
import { postNewEntries } from '../src/journals/entries';
import { listPeriods } from '../src/periods/periods';
import { type AgeingKind, ageing } from '../src/reports/ageing';
import { balanceSheet, cashFlow, profitAndLoss, trialBalance } from '../src/reports/statements';
import { seedLedger } from '../src/seed';
import { seedDocuments } from '../src/seed/documents';
import { createHarness, type Harness, rejection, system } from './helpers';

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

  it('adds a few hundred invoices and bills over the year in every state, payments included, once', async () => {
    expect(documents).toBeGreaterThanOrEqual(300);
    expect(await seedDocuments(h.ctx)).toBe(0);
    const statuses = async (table: string, date: string) =>
      rowsOf<{ status: string; n: number; months: number; currencies: string }>(
        await h.db.db.execute(
          sql`select status::text, count(*)::int as n, count(distinct to_char(${sql.raw(date)}, 'YYYY-MM'))::int as months,
            string_agg(distinct currency, ',' order by currency) as currencies
            from ${sql.raw(table)} group by status`,
        ),
      );
    const invoices = await statuses('finance.invoices', 'issue_date');
    expect(new Set(invoices.map((r) => r.status))).toEqual(
      new Set(['draft', 'issued', 'partially_paid', 'paid', 'credited', 'void']),
    );
    // Spread over the open months of the demo year (the first is closed), in both currencies.
    expect(Math.max(...invoices.map((r) => r.months))).toBeGreaterThanOrEqual(11);
    expect(invoices.find((r) => r.status === 'paid')?.currencies).toBe('EGP,USD');
    const bills = await statuses('finance.bills', 'bill_date');
    expect(new Set(bills.map((r) => r.status))).toEqual(
      new Set(['draft', 'approved', 'partially_paid', 'paid', 'void']),
    );
    const page = { limit: 200, offset: 0 };
    expect((await listInvoices(h.ctx, { ...page, overdue: true })).items.length).toBeGreaterThan(0);
    expect((await listBills(h.ctx, { ...page, overdue: true })).items.length).toBeGreaterThan(0);
    const [parties] = rowsOf<{ customers: number; vendors: number; usd: number }>(
      await h.db.db.execute(sql`select (select count(*) from finance.customers)::int as customers,
        (select count(*) from finance.vendors)::int as vendors,
        (select count(*) from finance.customers where currency = 'USD')::int
          + (select count(*) from finance.vendors where currency = 'USD')::int as usd`),
    );
    expect(parties?.customers).toBeGreaterThanOrEqual(20);
    expect(parties?.vendors).toBeGreaterThanOrEqual(15);
    expect(parties?.usd).toBeGreaterThanOrEqual(4);
    // Numbers stay gap-free per series and fiscal year, bulk and one by one alike.
    const series = rowsOf<{ series: string; n: number; last: number }>(
      await h.db.db.execute(sql`select split_part(number, '-', 1) || split_part(number, '-', 2) as series,
        count(*)::int as n, max(split_part(number, '-', 3)::int) as last
        from (select number from finance.invoices where number is not null
              union all select number from finance.bills where number is not null
              union all select number from finance.credit_notes) d group by 1`),
    );
    for (const s of series) expect(s.last, s.series).toBe(s.n);
    // Each document's paid amount is what its payments' allocations say.
    const [mismatch] = rowsOf<{ n: number }>(
      await h.db.db.execute(sql`select count(*)::int as n from finance.invoices i
        where i.paid_amount <> coalesce((select sum(amount) from finance.payment_allocations a where a.invoice_id = i.id), 0)`),
    );
    expect(mismatch?.n).toBe(0);
  });

  it('balances: trial balance totals equal, the balance sheet balances at every month end', async () => {
    const tb = await trialBalance(h.ctx, {});
    expect(tb.totals.debit).toBe(tb.totals.credit);
    for (const asOf of ['2025-11-30', '2026-02-28', '2026-06-30', '2026-10-31', '2026-11-20']) {
      const bs = await balanceSheet(h.ctx, { asOf });
      expect(bs.totals.balanced, asOf).toBe(true);
    }
  });

  it('is realistic at every month end: no asset account in credit, cash and bank never below zero, balanced', async () => {
    // Every month end of the demo year (and today), read from the posted lines.
    const ends = rowsOf<{ end: string }>(
      await h.db.db.execute(
        sql`select distinct to_char(date, 'YYYY-MM') as end from finance.journal_lines where posted order by 1`,
      ),
    ).map((r) => (monthRange(r.end).to < '2026-11-20' ? monthRange(r.end).to : '2026-11-20'));
    expect(ends).toHaveLength(13);
    for (const asOf of ends) {
      const tb = await trialBalance(h.ctx, { to: asOf });
      // The contra-asset (accumulated depreciation) holds a credit balance by nature.
      const inCredit = tb.rows.filter(
        (r) => r.type === 'asset' && !r.isGroup && r.code !== '1290' && r.closing.startsWith('-'),
      );
      expect(
        inCredit.map((r) => `${r.code} ${r.closing}`),
        asOf,
      ).toEqual([]);
      const bs = await balanceSheet(h.ctx, { asOf });
      expect(bs.totals.balanced, asOf).toBe(true);
    }
    expect(Number((await trialBalance(h.ctx, {})).rows.find((r) => r.code === '1140')?.closing)).toBeGreaterThan(0);
    // Cash and bank, day by day: the lowest running balance of each cash account.
    const lowest = rowsOf<{ code: string; low: string; days: number }>(
      await h.db.db.execute(sql`
        select code, min(balance)::text as low, count(*)::int as days from (
          select a.code, sum(sum(l.debit - l.credit)) over (partition by a.code order by l.date) as balance
            from finance.journal_lines l join finance.accounts a on a.id = l.account_id
           where a.cash and l.posted group by a.code, l.date) d
         group by code order by code`),
    );
    expect(lowest.map((r) => r.code)).toEqual(['1110', '1120', '1125']);
    for (const r of lowest) {
      expect(r.days, r.code).toBeGreaterThan(10);
      expect(BigInt(r.low), r.code).toBeGreaterThanOrEqual(0n);
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

  it("posts in bulk under the database's rules: one entry into the closed month refuses the whole batch", async () => {
    const count = async () =>
      rowsOf<{ n: number }>(await h.db.db.execute(sql`select count(*)::int as n from finance.journal_entries`))[0]?.n;
    const before = await count();
    const line = (code: string, debit: bigint, credit: bigint) => ({ accountId: h.account(code), debit, credit });
    const rent = { memo: 'Rent', lines: [line('5300', 100n, 0n), line('1120', 0n, 100n)] };
    const refused = await rejection(
      postNewEntries(h.ctx, system, [
        { ...rent, date: '2026-05-02' },
        { ...rent, date: '2025-11-15' },
      ]),
    );
    expect((refused as { cause?: { message?: string } }).cause?.message).toBe('The period of this date is closed.');
    expect(await count()).toBe(before);
    const posted = await postNewEntries(h.ctx, system, [
      { ...rent, date: '2026-05-02' },
      { ...rent, date: '2026-06-02' },
    ]);
    expect(posted.map((e) => e.status)).toEqual(['posted', 'posted']);
    expect(new Set(posted.map((e) => e.number)).size).toBe(2);
  });

  it('publishes its chart and its monthly balances as views that agree with the ledger', async () => {
    const chart = rowsOf<{ code: string; depth: number; path: string }>(
      await h.db.db.execute(sql`select code, depth, path from finance.chart_of_accounts order by code`),
    );
    const [accountsCount] = rowsOf<{ n: number }>(
      await h.db.db.execute(sql`select count(*)::int as n from finance.accounts`),
    );
    expect(chart).toHaveLength(accountsCount?.n ?? -1);
    expect(chart.find((a) => a.code === '1120')).toEqual({ code: '1120', depth: 2, path: '1000/1100/1120' });
    // The months of each account add up to its closing balance in the trial balance.
    const byAccount = rowsOf<{ code: string; months: number; net: string }>(
      await h.db.db.execute(sql`select code, count(*)::int as months, sum(net)::text as net
        from finance.account_balances_monthly group by code`),
    );
    const tb = await trialBalance(h.ctx, {});
    const closing = new Map(tb.rows.filter((r) => !r.isGroup).map((r) => [r.code, r.closing]));
    expect(byAccount.find((r) => r.code === '4100')?.months).toBe(13);
    for (const r of byAccount) {
      const minor = BigInt(r.net);
      const sign = minor < 0n ? '-' : '';
      const abs = minor < 0n ? -minor : minor;
      expect(`${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`, r.code).toBe(closing.get(r.code));
    }
  });

  it('ages its documents at every month end as their own history says', async () => {
    // From first principles, beside the report's own way (today's amount due plus what came
    // after): each document issued by the date less its credit notes and the allocations of its
    // payments dated by then, nothing if voided by then, summed per party and currency.
    const history = (kind: AgeingKind, asOf: string) => {
      const [docs, party, dated, key] =
        kind === 'receivables'
          ? ['finance.invoices', 'customer_id', 'issue_date', 'invoice_id']
          : ['finance.bills', 'vendor_id', 'bill_date', 'bill_id'];
      return sql`select o.party_id, o.currency, sum(o.owed)::text as owed from (
          select d.${sql.raw(party)} as party_id, d.currency,
                 d.total - coalesce((select sum(c.applied_amount) from finance.credit_notes c
                                      where c.${sql.raw(key)} = d.id and c.date <= ${asOf}), 0)
                         - coalesce((select sum(a.amount) from finance.payment_allocations a
                                       join finance.payments p on p.id = a.payment_id
                                      where a.${sql.raw(key)} = d.id and p.date <= ${asOf}), 0) as owed
            from ${sql.raw(docs)} d
           where d.status <> 'draft' and d.${sql.raw(dated)} <= ${asOf}
             and not exists (select 1 from finance.journal_entries e where e.id = d.void_entry_id and e.date <= ${asOf})
        ) o where o.owed > 0 group by 1, 2 order by 1, 2`;
    };
    let parties = 0;
    for (const asOf of ['2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30', '2026-10-31', '2026-11-20']) {
      for (const kind of ['receivables', 'payables'] as const) {
        const expected = rowsOf<{ party_id: string; currency: string; owed: string }>(
          await h.db.db.execute(history(kind, asOf)),
        ).map((r) => `${r.party_id} ${r.currency} ${r.owed}`);
        const report = await ageing(h.ctx, kind, { asOf });
        const minor = (amount: string) => amount.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1');
        const got = report.rows
          .map((r) => `${r.partyId} ${r.currency} ${minor(r.total)}`)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(got, `${kind} as of ${asOf}`).toEqual(expected);
        parties += got.length;
      }
    }
    expect(parties).toBeGreaterThan(100);
  });

  it('has its first month closed', async () => {
    const { items } = await listPeriods(h.ctx, { status: 'closed' });
    expect(items.map((p) => p.name)).toEqual(['2025-11']);
  });
});
