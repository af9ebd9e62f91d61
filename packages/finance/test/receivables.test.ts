/**
 * Customers and sales invoices through the real app with real tokens: the rounding per line,
 * withholding on the net amount, due dates from terms, credit limits, issuing with a number and a
 * posting, immutability held by the database, void and credit notes, the PDF, and 4xx for bad input.
 */

import { parseDecimal, toProblemError } from '@konecta/core';
import { auditLog, outbox, rowsOf } from '@konecta/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financeConstraints, financeRules } from '../src/constraints';
import { lineAmounts } from '../src/documents/lines';
import {
  createHarness,
  expectJson,
  expectProblem,
  type Harness,
  openYear,
  requester,
  roleNames,
  tokenAs,
} from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let staff: string;
beforeAll(async () => {
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  api = requester(h.app);
  staff = await tokenAs(h.keys, 'Finance Staff');
  await openYear(h, 2026);
});
afterAll(() => h?.close());

type Customer = { id: string; name: string; creditLimit: string | null };
type Line = {
  id: string;
  gross: string;
  discount: string;
  net: string;
  tax: string;
  withholding: string;
  total: string;
};
type Invoice = {
  id: string;
  number: string | null;
  status: string;
  dueDate: string;
  issueDate: string;
  overdue: boolean;
  net: string;
  tax: string;
  withholding: string;
  total: string;
  amountDue: string;
  creditedAmount: string;
  rate: string;
  journalEntryId: string | null;
  lines: Line[];
  warnings?: string[];
};

const customer = async (body: Record<string, unknown> = {}) =>
  expectJson<Customer>(
    await api.post('/customers', staff, { name: `Customer ${Math.random().toString(36).slice(2, 8)}`, ...body }),
    201,
  );

const line = (over: Record<string, unknown> = {}) => ({
  description: 'Consulting',
  quantity: '1',
  unitPrice: '100.00',
  accountId: h.account('4200'),
  ...over,
});

const draft = async (customerId: string, lines: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
  expectJson<Invoice>(
    await api.post('/invoices', staff, { customerId, issueDate: '2026-03-10', lines, ...extra }),
    201,
  );

const balanceOf = async (code: string) => {
  const [row] = rowsOf<{ b: string }>(
    await h.db.db.execute(sql`select coalesce(sum(debit - credit), 0)::text as b from finance.journal_lines
      where posted and account_id = ${h.account(code)}`),
  );
  return row?.b ?? '0';
};

const trialBalanceBalances = async () => {
  const [row] = rowsOf<{ d: string; c: string }>(
    await h.db.db.execute(
      sql`select sum(debit)::text as d, sum(credit)::text as c from finance.journal_lines where posted`,
    ),
  );
  expect(row?.d).toBe(row?.c);
};

describe('line amounts', () => {
  const f = (q: string, price: bigint, disc = '0', tax = '0', wht = '0') =>
    lineAmounts('EGP', {
      quantity: parseDecimal(q),
      unitPrice: price,
      discountPercent: parseDecimal(disc),
      taxPercent: parseDecimal(tax),
      withholdingPercent: parseDecimal(wht),
    });
  it('rounds each amount half away from zero, once', () => {
    // 0.005 × 1.00 = 0.005 → 0.01; 2.5 × 0.01 = 0.025 → 0.03
    expect(f('0.005', 100n).gross).toBe(1n);
    expect(f('2.5', 1n).gross).toBe(3n);
    // 14 % of 0.25 = 0.035 → 0.04 (half-even would give 0.04 too; 14 % of 0.75 = 0.105 → 0.11, half-even 0.10)
    expect(f('1', 75n, '0', '14').tax).toBe(11n);
    // discount 10 % of 0.05 = 0.005 → 0.01
    expect(f('1', 5n, '10')).toMatchObject({ discount: 1n, net: 4n });
  });
  it('takes withholding from the net amount, after discount and before tax', () => {
    const a = f('3', 33333n, '10', '14', '1');
    expect(a.gross).toBe(99999n);
    expect(a.discount).toBe(10000n); // 9999.9 → 10000
    expect(a.net).toBe(89999n);
    expect(a.tax).toBe(12600n); // 12599.86 → 12600
    expect(a.withholding).toBe(900n); // 1 % of net 899.99 → 900, not 1 % of the tax
    expect(a.total).toBe(89999n + 12600n - 900n);
  });
});

describe('customers', () => {
  it('creates, searches, filters and updates; bad input answers 422 naming the field', async () => {
    const c = await customer({
      name: 'Nile Textiles',
      taxNumber: '123-456-789',
      email: 'ap@nile.example',
      currency: 'USD',
    });
    expect(c).toMatchObject({ name: 'Nile Textiles', creditLimit: null });
    const found = await expectJson<{ items: Customer[] }>(await api.get('/customers?q=nile', staff));
    expect(found.items.map((x) => x.id)).toContain(c.id);
    const usd = await expectJson<{ items: Customer[] }>(await api.get('/customers?currency=EGP', staff));
    expect(usd.items.map((x) => x.id)).not.toContain(c.id);
    const updated = await expectJson<Customer>(
      await api.patch(`/customers/${c.id}`, staff, {
        name: 'Nile Textiles SAE',
        currency: 'USD',
        creditLimit: '5000',
        active: false,
      }),
    );
    expect(updated).toMatchObject({ name: 'Nile Textiles SAE', creditLimit: '5000.00' });
    const inactive = await expectJson<{ items: Customer[] }>(await api.get('/customers?active=false', staff));
    expect(inactive.items.map((x) => x.id)).toContain(c.id);
    const bad = await expectProblem(
      await api.post('/customers', staff, { name: 'X', paymentTermsDays: 400, currency: 'usd' }),
      422,
    );
    expect(bad.errors?.map((e) => e.path).sort()).toEqual(['currency', 'name', 'paymentTermsDays']);
    await expectProblem(await api.post('/customers', staff, { name: 'Fine name', creditLimit: '12.345' }), 422);
  });
});

describe('invoices', () => {
  it('drafts with the due date from the terms and totals that are sums of rounded lines', async () => {
    const c = await customer({ paymentTermsDays: 45 });
    const inv = await draft(c.id, [
      line({ quantity: '3', unitPrice: '333.33', discountPercent: '10', taxPercent: '14', withholdingPercent: '1' }),
      line({ quantity: '0.333', unitPrice: '0.75', taxPercent: '14' }),
    ]);
    expect(inv).toMatchObject({
      status: 'draft',
      number: null,
      issueDate: '2026-03-10',
      dueDate: '2026-04-24',
      rate: '1.000000',
    });
    expect(inv.lines[0]).toMatchObject({
      gross: '999.99',
      discount: '100.00',
      net: '899.99',
      tax: '126.00',
      withholding: '9.00',
      total: '1016.99',
    });
    // 0.333 × 0.75 = 0.24975 → 0.25; tax 14 % of 0.25 = 0.035 → 0.04
    expect(inv.lines[1]).toMatchObject({ gross: '0.25', net: '0.25', tax: '0.04', withholding: '0.00', total: '0.29' });
    expect(inv).toMatchObject({
      net: '900.24',
      tax: '126.04',
      withholding: '9.00',
      total: '1017.28',
      amountDue: '1017.28',
    });
    // The preview the form shows works the same amounts out without storing anything.
    const preview = await expectJson<{ total: string; dueDate: string }>(
      await api.post('/invoices/preview', staff, {
        customerId: c.id,
        issueDate: '2026-03-10',
        lines: [
          line({
            quantity: '3',
            unitPrice: '333.33',
            discountPercent: '10',
            taxPercent: '14',
            withholdingPercent: '1',
          }),
          line({ quantity: '0.333', unitPrice: '0.75', taxPercent: '14' }),
        ],
      }),
    );
    expect(preview).toMatchObject({ total: '1017.28', dueDate: '2026-04-24' });
  });

  it('refuses bad lines with 422 naming each field', async () => {
    const c = await customer();
    const bad = await expectProblem(
      await api.post('/invoices', staff, {
        customerId: c.id,
        lines: [line({ quantity: '0', unitPrice: '1.005', taxPercent: '101', accountId: h.account('1120') })],
      }),
      422,
    );
    expect(bad.errors?.map((e) => e.path).sort()).toEqual([
      'lines.0.accountId',
      'lines.0.quantity',
      'lines.0.taxPercent',
      'lines.0.unitPrice',
    ]);
    const noCustomer = await expectProblem(
      await api.post('/invoices', staff, { customerId: '00000000-0000-4000-8000-000000000000', lines: [line()] }),
      422,
    );
    expect(noCustomer.errors?.[0]?.path).toBe('customerId');
    await expectProblem(
      await api.post('/invoices', staff, { customerId: c.id, lines: [line({ quantity: 'two' })] }),
      422,
    );
    await expectProblem(
      await api.post('/invoices', staff, { customerId: c.id, currency: 'JPY', lines: [line()] }),
      422,
    );
  });

  it('issues: a number, the posting (receivable net + tax − withholding), the event; then nothing can change', async () => {
    const c = await customer();
    const inv = await draft(c.id, [
      line({ quantity: '2', unitPrice: '500', taxPercent: '14', withholdingPercent: '3' }),
    ]);
    const ar0 = await balanceOf('1130');
    const issued = await expectJson<Invoice>(await api.post(`/invoices/${inv.id}/issue`, staff));
    expect(issued).toMatchObject({ status: 'issued', number: expect.stringMatching(/^INV-2026-\d{5}$/), warnings: [] });
    expect(BigInt(await balanceOf('1130')) - BigInt(ar0)).toBe(1000_00n + 140_00n - 30_00n);
    const [entry] = rowsOf<{ source: string; source_ref: string }>(
      await h.db.db.execute(
        sql`select source, source_ref from finance.journal_entries where id = ${issued.journalEntryId}`,
      ),
    );
    expect(entry).toEqual({ source: 'invoice', source_ref: issued.number });
    const lines = rowsOf<{ code: string; debit: string; credit: string }>(
      await h.db.db.execute(sql`select a.code, l.debit::text, l.credit::text from finance.journal_lines l
        join finance.accounts a on a.id = l.account_id where l.entry_id = ${issued.journalEntryId} order by l.line_no`),
    );
    expect(lines).toEqual([
      { code: '1130', debit: '111000', credit: '0' },
      { code: '1170', debit: '3000', credit: '0' },
      { code: '4200', debit: '0', credit: '100000' },
      { code: '2130', debit: '0', credit: '14000' },
    ]);
    const events = await h.db.db.select().from(outbox).where(eq(outbox.subject, inv.id));
    expect(events.map((e) => e.type)).toContain('finance.invoice.issued');
    const audit = await h.db.db.select().from(auditLog).where(eq(auditLog.entityId, inv.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['invoice.drafted', 'invoice.issued']));

    await expectProblem(await api.post(`/invoices/${inv.id}/issue`, staff), 409);
    await expectProblem(await api.patch(`/invoices/${inv.id}`, staff, { customerId: c.id, lines: [line()] }), 409);
    await expectProblem(await api.del(`/invoices/${inv.id}`, staff), 409);
    // The database refuses raw SQL too.
    const problem = async (q: ReturnType<typeof sql>) =>
      h.db.db.execute(q).then(
        () => 'accepted',
        (err: unknown) => toProblemError(err, { ...financeConstraints, ...financeRules })?.status,
      );
    expect(await problem(sql`update finance.invoices set total = 1 where id = ${inv.id}`)).toBe(409);
    expect(await problem(sql`update finance.invoices set status = 'draft' where id = ${inv.id}`)).toBe(409);
    expect(await problem(sql`delete from finance.invoices where id = ${inv.id}`)).toBe(409);
    expect(await problem(sql`update finance.invoice_lines set unit_price = 1 where invoice_id = ${inv.id}`)).toBe(409);
    expect(await problem(sql`delete from finance.invoice_lines where invoice_id = ${inv.id}`)).toBe(409);
    expect(
      await problem(sql`insert into finance.invoice_lines (invoice_id, line_no, description, quantity, unit_price, account_id, gross, discount, net, tax, withholding, total)
        values (${inv.id}, 9, 'sneaked', 1, 1, ${h.account('4200')}, 1, 0, 1, 0, 0, 1)`),
    ).toBe(409);
    // Amount due never goes below zero, even by raw SQL.
    expect(await problem(sql`update finance.invoices set paid_amount = total + 1 where id = ${inv.id}`)).toBe(409);
    // A status cannot be forged: it follows from the amounts.
    await h.db.db.execute(sql`update finance.invoices set status = 'paid' where id = ${inv.id}`);
    expect((await expectJson<Invoice>(await api.get(`/invoices/${inv.id}`, staff))).status).toBe('issued');
    expect(await problem(sql`update finance.invoices set status = 'void' where id = ${inv.id}`)).toBe(409);
    // What payments will do is allowed, and the status follows.
    await h.db.db.execute(sql`update finance.invoices set paid_amount = 100 where id = ${inv.id}`);
    const part = await expectJson<Invoice>(await api.get(`/invoices/${inv.id}`, staff));
    expect(part).toMatchObject({ status: 'partially_paid', amountDue: '1109.00' });
    await h.db.db.execute(sql`update finance.invoices set paid_amount = 0 where id = ${inv.id}`);
    await trialBalanceBalances();
  });

  it('warns over a credit limit set to warn, refuses over one set to stop', async () => {
    const warn = await customer({ creditLimit: '1000', creditLimitAction: 'warn' });
    const a = await draft(warn.id, [line({ unitPrice: '800' })]);
    expect((await expectJson<Invoice>(await api.post(`/invoices/${a.id}/issue`, staff))).warnings).toEqual([]);
    const b = await draft(warn.id, [line({ unitPrice: '300' })]);
    const over = await expectJson<Invoice>(await api.post(`/invoices/${b.id}/issue`, staff));
    expect(over.status).toBe('issued');
    expect(over.warnings?.[0]).toMatch(/1100\.00.*credit limit of 1000\.00/);
    const stop = await customer({ creditLimit: '1000', creditLimitAction: 'stop' });
    const c = await draft(stop.id, [line({ unitPrice: '800' })]);
    await expectJson(await api.post(`/invoices/${c.id}/issue`, staff));
    const d = await draft(stop.id, [line({ unitPrice: '300' })]);
    const refused = await expectProblem(await api.post(`/invoices/${d.id}/issue`, staff), 422);
    expect(refused.errors?.[0]?.path).toBe('customerId');
    expect((await expectJson<Invoice>(await api.get(`/invoices/${d.id}`, staff))).status).toBe('draft');
    // Exactly at the limit is allowed.
    const e = await draft(stop.id, [line({ unitPrice: '200' })]);
    await expectJson(await api.post(`/invoices/${e.id}/issue`, staff));
  });

  it('uses the rate of the issue date for a foreign currency, and refuses one without a rate', async () => {
    const c = await customer({ currency: 'USD' });
    await expectProblem(
      await api.post('/invoices', staff, { customerId: c.id, issueDate: '2026-03-10', lines: [line()] }),
      422,
    );
    await api.post('/exchange-rates', staff, { currency: 'USD', date: '2026-03-01', rate: '50.5' });
    const inv = await draft(c.id, [line({ unitPrice: '10' })]);
    expect(inv.rate).toBe('50.500000');
    const issued = await expectJson<Invoice>(await api.post(`/invoices/${inv.id}/issue`, staff));
    const [row] = rowsOf<{ debit: string; txn: string }>(
      await h.db.db.execute(sql`select debit::text, txn_debit::text as txn from finance.journal_lines
        where entry_id = ${issued.journalEntryId} and debit > 0`),
    );
    expect(row).toEqual({ debit: '50500', txn: '1000' });
  });

  it('voids an unpaid invoice by reversing its entry; the trial balance still balances', async () => {
    const c = await customer();
    const inv = await draft(c.id, [line({ unitPrice: '250', taxPercent: '14' })]);
    const ar0 = await balanceOf('1130');
    await expectJson(await api.post(`/invoices/${inv.id}/issue`, staff));
    const voided = await expectJson<Invoice & { voidEntryId: string }>(
      await api.post(`/invoices/${inv.id}/void`, staff),
    );
    expect(voided).toMatchObject({ status: 'void', number: expect.stringMatching(/^INV-/), amountDue: '0.00' });
    expect(await balanceOf('1130')).toBe(ar0);
    const [rev] = rowsOf<{ reverses_id: string }>(
      await h.db.db.execute(sql`select reverses_id from finance.journal_entries where id = ${voided.voidEntryId}`),
    );
    expect(rev?.reverses_id).toBe(voided.journalEntryId);
    await expectProblem(await api.post(`/invoices/${inv.id}/void`, staff), 409);
    await expectProblem(await api.post(`/invoices/${inv.id}/credit-notes`, staff, { reason: 'too late' }), 409);
    const draftOnly = await draft(c.id, [line()]);
    await expectProblem(await api.post(`/invoices/${draftOnly.id}/void`, staff), 409);
    await trialBalanceBalances();
  });

  it('credits part of an invoice by lines, lowering what it owes, then the rest exactly', async () => {
    const c = await customer();
    const inv = await draft(c.id, [
      line({ quantity: '3', unitPrice: '33.33', taxPercent: '14', withholdingPercent: '1' }),
      line({ description: 'Support', quantity: '1', unitPrice: '100' }),
    ]);
    const issued = await expectJson<Invoice>(await api.post(`/invoices/${inv.id}/issue`, staff));
    const [first] = issued.lines;
    if (!first) throw new Error('no line');
    const cn = await expectJson<{ number: string; total: string; appliedAmount: string; customerCredit: string }>(
      await api.post(`/invoices/${inv.id}/credit-notes`, staff, {
        reason: 'One returned',
        lines: [{ lineId: first.id, quantity: '1' }],
      }),
      201,
    );
    // 33.33 net, 4.67 tax (4.6662), 0.33 withholding
    expect(cn).toMatchObject({
      number: expect.stringMatching(/^CN-2026-\d{5}$/),
      total: '37.67',
      appliedAmount: '37.67',
      customerCredit: '0.00',
    });
    const after = await expectJson<Invoice>(await api.get(`/invoices/${inv.id}`, staff));
    expect(after).toMatchObject({ status: 'issued', creditedAmount: '37.67' });
    expect(BigInt(after.amountDue.replace('.', ''))).toBe(BigInt(issued.total.replace('.', '')) - 3767n);
    const tooMuch = await expectProblem(
      await api.post(`/invoices/${inv.id}/credit-notes`, staff, {
        reason: 'Again',
        lines: [{ lineId: first.id, quantity: '2.001' }],
      }),
      422,
    );
    expect(tooMuch.errors?.[0]?.path).toBe('lines.0.quantity');
    // The rest of everything: the invoice is fully credited and owes nothing.
    await expectJson(await api.post(`/invoices/${inv.id}/credit-notes`, staff, { reason: 'Cancelled' }), 201);
    const credited = await expectJson<Invoice>(await api.get(`/invoices/${inv.id}`, staff));
    expect(credited).toMatchObject({ status: 'credited', amountDue: '0.00', creditedAmount: issued.total });
    await expectProblem(await api.post(`/invoices/${inv.id}/credit-notes`, staff, { reason: 'More' }), 409);
    await trialBalanceBalances();
  });

  it('turns a credit beyond what is owed into customer credit', async () => {
    const c = await customer();
    const inv = await draft(c.id, [line({ unitPrice: '100' })]);
    await expectJson(await api.post(`/invoices/${inv.id}/issue`, staff));
    // Paid 80 of 100 (what the payments service will record).
    await h.db.db.execute(sql`update finance.invoices set paid_amount = 8000 where id = ${inv.id}`);
    const cn = await expectJson<{ appliedAmount: string; customerCredit: string }>(
      await api.post(`/invoices/${inv.id}/credit-notes`, staff, { reason: 'Refund' }),
      201,
    );
    expect(cn).toMatchObject({ appliedAmount: '20.00', customerCredit: '80.00' });
    const [credit] = rowsOf<{ amount: string }>(
      await h.db.db.execute(sql`select amount::text from finance.customer_credits where customer_id = ${c.id}`),
    );
    expect(credit?.amount).toBe('8000');
    expect((await expectJson<Invoice>(await api.get(`/invoices/${inv.id}`, staff))).status).toBe('paid');
  });

  it('lists by status and overdue, derived from the due date and today', async () => {
    const c = await customer({ paymentTermsDays: 0 });
    const old = await draft(c.id, [line()], { issueDate: '2026-02-01' });
    await expectJson(await api.post(`/invoices/${old.id}/issue`, staff));
    const fresh = await draft(c.id, [line()], { issueDate: '2026-03-15' });
    await expectJson(await api.post(`/invoices/${fresh.id}/issue`, staff));
    const overdue = await expectJson<{ items: Invoice[] }>(
      await api.get(`/invoices?customerId=${c.id}&overdue=true`, staff),
    );
    expect(overdue.items.map((i) => i.id)).toEqual([old.id]);
    expect(overdue.items[0]?.overdue).toBe(true);
    const notOverdue = await expectJson<{ items: Invoice[] }>(
      await api.get(`/invoices?customerId=${c.id}&overdue=false`, staff),
    );
    expect(notOverdue.items.map((i) => i.id)).toEqual([fresh.id]);
    h.clock.set('2026-03-16T10:00:00Z');
    const later = await expectJson<{ items: Invoice[] }>(
      await api.get(`/invoices?customerId=${c.id}&overdue=true`, staff),
    );
    expect(later.items).toHaveLength(2);
    h.clock.set('2026-03-15T10:00:00Z');
    const drafts = await expectJson<{ items: Invoice[] }>(await api.get('/invoices?status=draft', staff));
    expect(drafts.items.every((i) => i.status === 'draft')).toBe(true);
  });

  it('prints a PDF', async () => {
    const c = await customer({ name: 'Delta Foods', taxNumber: '987654321' });
    const inv = await draft(c.id, [line({ unitPrice: '1200', taxPercent: '14', withholdingPercent: '1' })]);
    await expectJson(await api.post(`/invoices/${inv.id}/issue`, staff));
    const res = await api.get(`/invoices/${inv.id}/pdf`, staff);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1000);
  });
});

describe('role × operation', () => {
  const works = ['System Admin', 'Finance Manager', 'Finance Staff'];
  it.each(roleNames)('%s', async (role) => {
    const token = await tokenAs(h.keys, role);
    const c = await customer();
    const inv = await draft(c.id, [line()]);
    const statuses = {
      listCustomers: (await api.get('/customers', token)).status,
      createVendor: (await api.post('/vendors', token, { name: 'Role Vendor' })).status,
      listInvoices: (await api.get('/invoices', token)).status,
      pdf: (await api.get(`/invoices/${inv.id}/pdf`, token)).status,
      draftInvoice: (await api.post('/invoices', token, { customerId: c.id, lines: [line()] })).status,
      issue: (await api.post(`/invoices/${inv.id}/issue`, token)).status,
      listBills: (await api.get('/bills', token)).status,
    };
    const allowed = works.includes(role);
    expect(statuses).toEqual({
      listCustomers: allowed ? 200 : 403,
      createVendor: allowed ? 201 : 403,
      listInvoices: allowed ? 200 : 403,
      pdf: allowed ? 200 : 403,
      draftInvoice: allowed ? 201 : 403,
      issue: allowed ? 200 : 403,
      listBills: allowed ? 200 : 403,
    });
  });
  it('answers 401 without a token', async () => {
    await expectProblem(await api.get('/invoices'), 401);
    await expectProblem(await api.post('/customers', undefined, { name: 'Nobody' }), 401);
  });
});
