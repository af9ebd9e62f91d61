/**
 * Receivables and payables ageing through the real app: bucket edges, ageing as of a past date
 * (later documents and credit notes ignored), base-currency conversion at each document's rate,
 * totals, files, bad buckets; customer statements; the finance dashboard against the ledger.
 */

import { rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cr,
  createHarness,
  dr,
  expectJson,
  expectProblem,
  type Harness,
  openYear,
  post,
  requester,
  tokenAs,
} from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let staff: string;
let manager: string;
beforeAll(async () => {
  h = await createHarness({ now: '2026-12-31T10:00:00Z' });
  api = requester(h.app);
  staff = await tokenAs(h.keys, 'Finance Staff');
  manager = await tokenAs(h.keys, 'Finance Manager');
  await openYear(h, 2026);
  await api.post('/exchange-rates', staff, { currency: 'USD', date: '2026-01-01', rate: '50' });
  await api.post('/exchange-rates', staff, { currency: 'USD', date: '2026-06-01', rate: '48.25' });
});
afterAll(() => h?.close());

type Row = {
  partyId: string;
  partyName: string;
  currency: string;
  documents: number;
  amounts: string[];
  total: string;
  baseAmounts: string[];
  baseTotal: string;
};
type Ageing = {
  asOf: string;
  currency: string;
  buckets: { label: string }[];
  rows: Row[];
  totals: {
    documents: number;
    documentsByBucket: number[];
    baseAmounts: string[];
    baseTotal: string;
    overdueDocuments: number;
    baseOverdue: string;
    byCurrency: { currency: string; total: string }[];
  };
};

const customer = async (body: Record<string, unknown> = {}) =>
  expectJson<{ id: string }>(
    await api.post('/customers', staff, {
      name: `Customer ${Math.random().toString(36).slice(2, 8)}`,
      paymentTermsDays: 0,
      ...body,
    }),
    201,
  );

/** An issued invoice of `price` (no tax) dated `date`. */
const invoice = async (customerId: string, date: string, price: string, extra: Record<string, unknown> = {}) => {
  const d = await expectJson<{ id: string }>(
    await api.post('/invoices', staff, {
      customerId,
      issueDate: date,
      lines: [{ description: 'Work', quantity: '1', unitPrice: price, accountId: h.account('4200') }],
      ...extra,
    }),
    201,
  );
  return expectJson<{ id: string; total: string; rate: string; dueDate: string }>(
    await api.post(`/invoices/${d.id}/issue`, staff),
  );
};

const ageingOf = async (query: string, kind = 'receivables') =>
  expectJson<Ageing>(await api.get(`/reports/${kind}-ageing?${query}`, manager));
const rowOf = (a: Ageing, partyId: string) => a.rows.find((r) => r.partyId === partyId);

describe('receivables ageing', () => {
  it('buckets by days past due: due today is current, 1 and 30 days 1-30, 31 in 31-60, 90 in 61-90, 91 over 90', async () => {
    const c = await customer();
    // asOf 2026-06-30, terms 0: due on the issue date.
    await invoice(c.id, '2026-06-30', '1'); // 0 days: current
    await invoice(c.id, '2026-06-29', '2'); // 1 day
    await invoice(c.id, '2026-05-31', '4'); // 30 days
    await invoice(c.id, '2026-05-30', '8'); // 31 days
    await invoice(c.id, '2026-04-01', '16'); // 90 days
    await invoice(c.id, '2026-03-31', '32'); // 91 days
    const a = await ageingOf('asOf=2026-06-30');
    expect(a.buckets.map((b) => b.label)).toEqual(['Current', '1-30', '31-60', '61-90', 'Over 90']);
    expect(rowOf(a, c.id)).toMatchObject({
      currency: 'EGP',
      documents: 6,
      amounts: ['1.00', '6.00', '8.00', '16.00', '32.00'],
      total: '63.00',
      baseAmounts: ['1.00', '6.00', '8.00', '16.00', '32.00'],
    });
    // Custom edges: 1-7, 8-91, over 91.
    const b = await ageingOf('asOf=2026-06-30&buckets=7,91');
    expect(b.buckets.map((x) => x.label)).toEqual(['Current', '1-7', '8-91', 'Over 91']);
    expect(rowOf(b, c.id)?.amounts).toEqual(['1.00', '2.00', '60.00', '0.00']);
    // Without asOf: today (2026-12-31) by the company calendar; all are far overdue.
    const today = await ageingOf('');
    expect(today.asOf).toBe('2026-12-31');
    expect(rowOf(today, c.id)?.amounts).toEqual(['0.00', '0.00', '0.00', '0.00', '63.00']);
  });

  it('uses the due date from the terms, not the issue date', async () => {
    const c = await customer({ paymentTermsDays: 30 });
    const inv = await invoice(c.id, '2026-06-01', '10');
    expect(inv.dueDate).toBe('2026-07-01');
    expect(rowOf(await ageingOf('asOf=2026-07-01'), c.id)?.amounts[0]).toBe('10.00');
    expect(rowOf(await ageingOf('asOf=2026-07-02'), c.id)?.amounts[1]).toBe('10.00');
  });

  it('as of a past date ignores later documents and later credit notes; earlier credit notes count', async () => {
    const c = await customer();
    const a = await invoice(c.id, '2026-02-01', '100');
    const b = await invoice(c.id, '2026-03-01', '50');
    await invoice(c.id, '2026-04-01', '70'); // after asOf
    const lines = (await expectJson<{ lines: { id: string }[] }>(await api.get(`/invoices/${a.id}`, staff))).lines;
    await expectJson(
      await api.post(`/invoices/${a.id}/credit-notes`, staff, {
        date: '2026-02-10',
        reason: 'half returned',
        lines: [{ lineId: lines[0]?.id, quantity: '0.5' }],
      }),
      201,
    );
    await expectJson(
      await api.post(`/invoices/${b.id}/credit-notes`, staff, { date: '2026-03-20', reason: 'all returned' }),
      201,
    );
    const past = rowOf(await ageingOf('asOf=2026-03-15'), c.id);
    // a: 100 − 50 credited on 02-10; b: 50, credited only on 03-20; the April invoice not yet issued.
    expect(past).toMatchObject({ documents: 2, total: '100.00' });
    const later = rowOf(await ageingOf('asOf=2026-03-31'), c.id);
    expect(later).toMatchObject({ documents: 1, total: '50.00' });
    // A voided invoice counts until the void's date (today here), not after.
    const v = await invoice(c.id, '2026-05-01', '5');
    expect(rowOf(await ageingOf('asOf=2026-12-30'), c.id)?.total).toBe('125.00');
    await expectJson(await api.post(`/invoices/${v.id}/void`, staff, { reason: 'issued twice' }));
    expect(rowOf(await ageingOf('asOf=2026-12-30'), c.id)?.total).toBe('125.00');
    expect(rowOf(await ageingOf('asOf=2026-12-31'), c.id)?.total).toBe('120.00');
  });

  it('converts to the base currency at each document’s rate, and the totals are the sums of the rows', async () => {
    const c = await customer({ currency: 'USD' });
    const jan = await invoice(c.id, '2026-01-15', '10.01');
    const jun = await invoice(c.id, '2026-06-15', '3.33');
    expect([jan.rate, jun.rate]).toEqual(['50.000000', '48.250000']);
    const a = await ageingOf('asOf=2026-06-30');
    const row = rowOf(a, c.id);
    // 3.33 × 48.25 = 160.6725 → 160.67 (current); 10.01 × 50 = 500.50 (over 90).
    expect(row).toMatchObject({
      currency: 'USD',
      amounts: ['0.00', '3.33', '0.00', '0.00', '10.01'],
      total: '13.34',
      baseAmounts: ['0.00', '160.67', '0.00', '0.00', '500.50'],
      baseTotal: '661.17',
    });
    const cents = (s: string) => BigInt(s.replace('.', ''));
    for (let i = 0; i < a.buckets.length; i++)
      expect(a.rows.reduce((s, r) => s + cents(r.baseAmounts[i] ?? '0'), 0n)).toBe(
        cents(a.totals.baseAmounts[i] ?? ''),
      );
    expect(a.rows.reduce((s, r) => s + cents(r.baseTotal), 0n)).toBe(cents(a.totals.baseTotal));
    expect(a.rows.reduce((s, r) => s + r.documents, 0)).toBe(a.totals.documents);
    expect(a.totals.byCurrency.find((x) => x.currency === 'USD')?.total).toBe('13.34');
    // The same figure the plain SQL over the open invoices gives.
    const [plain] = rowsOf<{ s: string }>(
      await h.db.db.execute(sql`select sum(round((total - coalesce((select sum(applied_amount) from finance.credit_notes n
          where n.invoice_id = i.id and n.date <= '2026-06-30'), 0)) * rate))::text as s
        from finance.invoices i where status <> 'draft' and issue_date <= '2026-06-30'
          and (void_entry_id is null or (select date from finance.journal_entries e where e.id = i.void_entry_id) > '2026-06-30')`),
    );
    expect(cents(a.totals.baseTotal)).toBe(BigInt(plain?.s ?? '0'));
  });

  it('answers bad buckets with 422 naming the field', async () => {
    for (const b of ['60,30', '0,30', 'x', '30,30', '1,2,3,4,5,6,7', '99999'])
      expect(
        (await expectProblem(await api.get(`/reports/receivables-ageing?buckets=${b}`, manager), 422)).errors?.[0]
          ?.path,
      ).toBe('buckets');
    // A query that is not a date at all is the kernel's 400, like every report's.
    await expectProblem(await api.get('/reports/receivables-ageing?asOf=2026-13-01', manager), 400);
  });

  it('gives CSV, XLSX with numeric cells, and PDF', async () => {
    const csv = await api.get('/reports/receivables-ageing?asOf=2026-06-30&format=csv', manager);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('Customer,Currency,Current,1-30,31-60,61-90,Over 90,Total,Total EGP');
    expect(text).toMatch(/\r\nTotal \(EGP\),EGP,/);
    const { default: ExcelJS } = await import('exceljs');
    const xlsx = await api.get('/reports/payables-ageing?asOf=2026-06-30&format=xlsx', manager);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await (
        await api.get('/reports/receivables-ageing?asOf=2026-06-30&format=xlsx', manager)
      ).arrayBuffer()) as never,
    );
    const sheet = wb.worksheets[0];
    const total = sheet?.getRows(5, sheet.rowCount)?.find((r) => String(r.getCell(1).value).startsWith('Total'));
    expect(typeof total?.getCell(8).value).toBe('number');
    const pdf = await api.get('/reports/receivables-ageing?asOf=2026-06-30&format=pdf', manager);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });
});

describe('payables ageing', () => {
  it('ages approved bills by due date; drafts and later bills are left out', async () => {
    const v = await expectJson<{ id: string }>(
      await api.post('/vendors', staff, { name: 'Paper Co', paymentTermsDays: 10 }),
      201,
    );
    const bill = async (date: string, price: string, approve = true) => {
      const b = await expectJson<{ id: string }>(
        await api.post('/bills', staff, {
          vendorId: v.id,
          billDate: date,
          vendorReference: `V-${Math.random()}`,
          lines: [{ description: 'Paper', quantity: '1', unitPrice: price, accountId: h.account('5500') }],
        }),
        201,
      );
      if (approve) await expectJson(await api.post(`/bills/${b.id}/approve`, staff));
    };
    await bill('2026-06-20', '10'); // due 06-30: current
    await bill('2026-05-01', '20'); // due 05-11: 50 days
    await bill('2026-06-01', '40', false); // draft
    await bill('2026-07-01', '80'); // after asOf
    const a = await ageingOf('asOf=2026-06-30', 'payables');
    expect(rowOf(a, v.id)).toMatchObject({
      partyName: 'Paper Co',
      amounts: ['10.00', '0.00', '20.00', '0.00', '0.00'],
    });
    // The vendor's statement: the draft left out, the July bill after the range.
    const s = await expectJson<Statement>(
      await api.get(`/vendors/${v.id}/statement?from=2026-05-01&to=2026-06-30`, staff),
    );
    expect(s).toMatchObject({ opening: '0.00', closing: '30.00', dueTotal: '30.00' });
    expect(s.lines.map((l) => [l.date, l.type, l.debit, l.balance])).toEqual([
      ['2026-05-01', 'bill', '20.00', '20.00'],
      ['2026-06-20', 'bill', '10.00', '30.00'],
    ]);
  });
});

describe('payments as of a date', () => {
  it('subtracts what payments dated by asOf paid, whenever they were allocated', async () => {
    const c = await customer();
    const inv = await invoice(c.id, '2026-02-01', '100');
    const pay = async (date: string, amount: string) =>
      expectJson<{ id: string }>(
        await api.post('/payments', staff, {
          direction: 'received',
          partyId: c.id,
          date,
          accountId: h.account('1120'),
          amount,
          allocations: [{ invoiceId: inv.id, amount }],
        }),
        201,
      );
    await pay('2026-03-01', '30.00');
    await pay('2026-05-01', '20.00');
    expect(rowOf(await ageingOf('asOf=2026-02-15'), c.id)?.total).toBe('100.00');
    expect(rowOf(await ageingOf('asOf=2026-04-01'), c.id)?.total).toBe('70.00');
    expect(rowOf(await ageingOf('asOf=2026-06-01'), c.id)?.total).toBe('50.00');
  });
});

type Statement = {
  opening: string;
  closing: string;
  currency: string;
  lines: { date: string; type: string; number: string | null; debit: string; credit: string; balance: string }[];
  due: { label: string; amount: string }[];
  dueTotal: string;
};

describe('customer statement', () => {
  it('gives the opening balance, the documents with a running balance, the closing and what is due by age', async () => {
    const c = await customer();
    await invoice(c.id, '2026-01-10', '100'); // before the range
    const b = await invoice(c.id, '2026-02-05', '40');
    await invoice(c.id, '2026-02-20', '25');
    await expectJson(
      await api.post(`/invoices/${b.id}/credit-notes`, staff, { date: '2026-02-10', reason: 'returned' }),
      201,
    );
    await invoice(c.id, '2026-03-05', '7'); // after the range
    const s = await expectJson<Statement>(
      await api.get(`/customers/${c.id}/statement?from=2026-02-01&to=2026-02-28`, staff),
    );
    expect(s).toMatchObject({ currency: 'EGP', opening: '100.00', closing: '125.00' });
    expect(s.lines.map((l) => [l.date, l.type, l.debit, l.credit, l.balance])).toEqual([
      ['2026-02-05', 'invoice', '40.00', '0.00', '140.00'],
      ['2026-02-10', 'credit-note', '0.00', '40.00', '100.00'],
      ['2026-02-20', 'invoice', '25.00', '0.00', '125.00'],
    ]);
    // At 02-28: the January invoice 49 days overdue, the one of 02-20 8 days.
    expect(s.due.map((x) => x.amount)).toEqual(['0.00', '25.00', '100.00', '0.00', '0.00']);
    expect(s.dueTotal).toBe('125.00');
    const pdf = await api.get(`/customers/${c.id}/statement?from=2026-02-01&to=2026-02-28&format=pdf`, staff);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    await expectProblem(await api.get(`/customers/${crypto.randomUUID()}/statement`, staff), 404);
    await expectProblem(await api.get(`/customers/${c.id}/statement?from=2026-03-01&to=2026-02-01`, staff), 422);
  });
});

type Dashboard = {
  asOf: string;
  cash: { total: string; accounts: { code: string; balance: string }[] };
  receivables: { outstanding: string; overdue: string; overdueDocuments: number; documents: number };
  payables: { outstanding: string; overdue: string };
  profit: { netIncome: string };
};

describe('finance dashboard', () => {
  it('gives the cash, receivables, payables and this month’s profit the ledger and the documents add up to', async () => {
    await post(h, '2026-12-15', [dr(h, '1120', 300), cr(h, '4200', 300)], 'cash sale');
    await post(h, '2026-11-15', [dr(h, '1120', 1000), cr(h, '4200', 1000)], 'last month');
    const dash = await expectJson<Dashboard>(await api.get('/dashboard', manager));
    expect(dash.cash.accounts.some((a) => a.code === '1120')).toBe(true);
    expect(dash.asOf).toBe('2026-12-31');
    const one = async (q: ReturnType<typeof sql>) => rowsOf<{ v: string }>(await h.db.db.execute(q))[0]?.v ?? '0';
    const cents = (s: string) => BigInt(s.replace('.', ''));
    expect(cents(dash.cash.total)).toBe(
      BigInt(
        await one(sql`select coalesce(sum(l.debit - l.credit), 0)::text as v from finance.journal_lines l
          join finance.accounts a on a.id = l.account_id where a.cash and l.posted and l.date <= '2026-12-31'`),
      ),
    );
    // Receivables: the base amount due of every issued invoice (no payments yet), as the ledger's
    // receivable account holds it.
    const due = await one(sql`select coalesce(sum(round(amount_due * rate)), 0)::text as v from finance.invoices
      where status in ('issued', 'partially_paid') and amount_due > 0`);
    expect(cents(dash.receivables.outstanding)).toBe(BigInt(due));
    expect(BigInt(due)).toBeGreaterThan(0n);
    const overdue = await one(sql`select count(*)::text as v from finance.invoices
      where status in ('issued', 'partially_paid') and amount_due > 0 and due_date < '2026-12-31'`);
    expect(dash.receivables.overdueDocuments).toBe(Number(overdue));
    const payable = await one(sql`select coalesce(sum(round(amount_due * rate)), 0)::text as v from finance.bills
      where status in ('approved', 'partially_paid') and amount_due > 0`);
    expect(cents(dash.payables.outstanding)).toBe(BigInt(payable));
    // This month's profit: income less expenses posted in December.
    const profit =
      await one(sql`select coalesce(sum(case when a.type = 'income' then l.credit - l.debit else l.debit - l.credit end), 0)::text as v
      from finance.journal_lines l join finance.accounts a on a.id = l.account_id
      where l.posted and a.type in ('income', 'expense') and l.date between '2026-12-01' and '2026-12-31'`);
    expect(cents(dash.profit.netIncome)).toBe(BigInt(profit));
    expect(BigInt(profit)).toBe(30000n - 500n); // the sale, less the invoice voided today
    await expectProblem(await api.get('/dashboard', await tokenAs(h.keys, 'Employee')), 403);
  });
});
