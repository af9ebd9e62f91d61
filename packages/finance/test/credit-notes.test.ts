/**
 * Credit notes on both sides through the real app: by a net amount against an invoice (tax and
 * withholding in the invoice's proportions, rounded half away from zero, the last one exact), never
 * beyond what is left (held by the database too), and vendor credit notes against bills, the
 * payable mirror. On the real PostgreSQL (TEST_DATABASE_URL), credit notes racing against one
 * invoice never take back more than it holds.
 */
import { toProblemError } from '@konecta/core';
import { rowsOf } from '@konecta/db';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financeConstraints, financeRules } from '../src/constraints';
import { createHarness, expectJson, expectProblem, type Harness, openYear, requester, tokenAs } from './helpers';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
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

type Doc = {
  id: string;
  number: string;
  status: string;
  net: string;
  tax: string;
  withholding: string;
  total: string;
  amountDue: string;
  creditedAmount: string;
  lines: { id: string; creditedQuantity: string }[];
};
type Note = {
  id: string;
  number: string;
  net: string;
  tax: string;
  withholding: string;
  total: string;
  appliedAmount: string;
  customerCredit?: string;
  vendorCredit?: string;
  journalEntryId: string;
  lines: { net: string; quantity: string; invoiceLineId?: string; billLineId?: string }[];
};

const name = () => Math.random().toString(36).slice(2, 8);
const invoice = async (lines: Record<string, unknown>[]) => {
  const c = await expectJson<{ id: string }>(await api.post('/customers', staff, { name: `Customer ${name()}` }), 201);
  const d = await expectJson<Doc>(
    await api.post('/invoices', staff, {
      customerId: c.id,
      issueDate: '2026-03-10',
      lines: lines.map((l) => ({ description: 'Work', quantity: '1', accountId: h.account('4200'), ...l })),
    }),
    201,
  );
  return expectJson<Doc>(await api.post(`/invoices/${d.id}/issue`, staff));
};
const bill = async (lines: Record<string, unknown>[]) => {
  const v = await expectJson<{ id: string }>(await api.post('/vendors', staff, { name: `Vendor ${name()}` }), 201);
  const d = await expectJson<Doc>(
    await api.post('/bills', staff, {
      vendorId: v.id,
      vendorReference: `V-${name()}`,
      billDate: '2026-03-05',
      lines: lines.map((l) => ({ description: 'Paper', quantity: '1', accountId: h.account('5500'), ...l })),
    }),
    201,
  );
  return expectJson<Doc>(await api.post(`/bills/${d.id}/approve`, staff));
};
const credit = (path: string, body: Record<string, unknown>) =>
  api.post(`${path}/credit-notes`, staff, { reason: 'Price reduction', ...body });
const entryLines = async (entryId: string) =>
  rowsOf<{ code: string; debit: string; credit: string }>(
    await h.db.db.execute(sql`select a.code, l.debit::text as debit, l.credit::text as credit
      from finance.journal_lines l join finance.accounts a on a.id = l.account_id
      where l.entry_id = ${entryId} order by a.code, l.line_no`),
  );
const balanced = async () => {
  const [row] = rowsOf<{ d: string; c: string }>(
    await h.db.db.execute(
      sql`select sum(debit)::text as d, sum(credit)::text as c from finance.journal_lines where posted`,
    ),
  );
  expect(row?.d).toBe(row?.c);
};
const outcome = (q: SQL) =>
  h.db.db.execute(q).then(
    () => 'accepted',
    (err: unknown) => toProblemError(err, { ...financeConstraints, ...financeRules })?.status,
  );

describe('credit notes by amount against an invoice', () => {
  it('takes tax and withholding in the invoice’s proportions, reverses income where it was posted, never beyond what is left', async () => {
    // 99.99 net (tax 14.00, withholding 1.00) on services, 100.00 net (tax 14.00) on sales of goods.
    const inv = await invoice([
      { quantity: '3', unitPrice: '33.33', taxPercent: '14', withholdingPercent: '1' },
      { unitPrice: '100.00', taxPercent: '14', accountId: h.account('4100') },
    ]);
    expect(inv).toMatchObject({ net: '199.99', tax: '28.00', withholding: '1.00', total: '226.99' });
    // 50.00 of 199.99: tax 7.0004 → 7.00, withholding 0.25002 → 0.25.
    const cn = await expectJson<Note>(await credit(`/invoices/${inv.id}`, { amount: '50.00' }), 201);
    expect(cn).toMatchObject({
      number: expect.stringMatching(/^CN-2026-\d{5}$/),
      net: '50.00',
      tax: '7.00',
      withholding: '0.25',
      total: '56.75',
      appliedAmount: '56.75',
      customerCredit: '0.00',
    });
    // Spread over the lines by the net each had left (99.99 : 100.00), quantities untouched.
    expect(cn.lines.map((l) => [l.net, l.quantity])).toEqual([
      ['25.00', '0.000'],
      ['25.00', '0.000'],
    ]);
    expect(await entryLines(cn.journalEntryId)).toEqual([
      { code: '1130', debit: '0', credit: '5675' },
      { code: '1170', debit: '0', credit: '25' },
      { code: '2130', debit: '700', credit: '0' },
      { code: '4100', debit: '2500', credit: '0' },
      { code: '4200', debit: '2500', credit: '0' },
    ]);
    const after = await expectJson<Doc>(await api.get(`/invoices/${inv.id}`, staff));
    expect(after).toMatchObject({ status: 'issued', creditedAmount: '56.75', amountDue: '170.24' });

    const tooMuch = await expectProblem(await credit(`/invoices/${inv.id}`, { amount: '150.00' }), 422);
    expect(tooMuch.errors?.[0]).toMatchObject({ path: 'amount', message: 'At most 149.99.' });
    expect((await expectProblem(await credit(`/invoices/${inv.id}`, { amount: '0' }), 422)).errors?.[0]?.path).toBe(
      'amount',
    );
    const both = await credit(`/invoices/${inv.id}`, {
      amount: '1.00',
      lines: [{ lineId: inv.lines[0]?.id, quantity: '1' }],
    });
    expect((await expectProblem(both, 422)).errors?.[0]?.path).toBe('amount');
    // A line credited by amount is no longer credited by quantity: its quantity no longer tells its amount.
    const byLine = await credit(`/invoices/${inv.id}`, { lines: [{ lineId: inv.lines[0]?.id, quantity: '1' }] });
    expect((await expectProblem(byLine, 422)).errors?.[0]?.path).toBe('lines.0.lineId');

    // The rest: exactly what is left of net, tax and withholding.
    const rest = await expectJson<Note>(await credit(`/invoices/${inv.id}`, {}), 201);
    expect(rest).toMatchObject({ net: '149.99', tax: '21.00', withholding: '0.75', total: '170.24' });
    expect(await expectJson<Doc>(await api.get(`/invoices/${inv.id}`, staff))).toMatchObject({
      status: 'credited',
      amountDue: '0.00',
      creditedAmount: '226.99',
    });
    await expectProblem(await credit(`/invoices/${inv.id}`, {}), 409);
    await expectProblem(await credit(`/invoices/${inv.id}`, { amount: '0.01' }), 409);
    const notes = await expectJson<Note[]>(await api.get(`/invoices/${inv.id}/credit-notes`, staff));
    expect(notes.map((n) => n.total)).toEqual(['56.75', '170.24']);
    await balanced();
  });

  it('rounds half away from zero and lets the last credit take exactly what is left', async () => {
    const inv = await invoice([{ unitPrice: '1.00', taxPercent: '14' }]);
    // 14 % of 0.75 = 0.105 → 0.11 (half-even would give 0.10).
    const first = await expectJson<Note>(await credit(`/invoices/${inv.id}`, { amount: '0.75' }), 201);
    expect(first).toMatchObject({ net: '0.75', tax: '0.11', total: '0.86' });
    // 14 % of 0.25 = 0.035 → 0.04, but only 0.03 of the tax is left: the last credit is exact.
    const last = await expectJson<Note>(await credit(`/invoices/${inv.id}`, { amount: '0.25' }), 201);
    expect(last).toMatchObject({ net: '0.25', tax: '0.03', total: '0.28' });
    expect((await expectJson<Doc>(await api.get(`/invoices/${inv.id}`, staff))).status).toBe('credited');
  });

  it('after a credit by lines, credits by amount what the lines have left', async () => {
    const inv = await invoice([{ quantity: '4', unitPrice: '25.00', taxPercent: '10' }]);
    const line = inv.lines[0]?.id;
    await expectJson(await credit(`/invoices/${inv.id}`, { lines: [{ lineId: line, quantity: '1' }] }), 201);
    const tooMuch = await expectProblem(await credit(`/invoices/${inv.id}`, { amount: '75.01' }), 422);
    expect(tooMuch.errors?.[0]?.message).toBe('At most 75.00.');
    const cn = await expectJson<Note>(await credit(`/invoices/${inv.id}`, { amount: '75.00' }), 201);
    expect(cn).toMatchObject({ net: '75.00', tax: '7.50', total: '82.50' });
    expect((await expectJson<Doc>(await api.get(`/invoices/${inv.id}`, staff))).status).toBe('credited');
  });

  it('the database refuses any credit beyond the invoice, whatever the path', async () => {
    const inv = await invoice([{ unitPrice: '10.00', taxPercent: '14' }]);
    expect(await outcome(sql`update finance.invoices set credited_net = net + 1 where id = ${inv.id}`)).toBe(409);
    expect(await outcome(sql`update finance.invoices set credited_tax = tax + 1 where id = ${inv.id}`)).toBe(409);
    expect(
      await outcome(sql`update finance.invoice_lines set credited_net = net + 1 where invoice_id = ${inv.id}`),
    ).toBe(422);
    // Any other change to an issued invoice's line is still refused.
    expect(
      await outcome(sql`update finance.invoice_lines set description = 'x' where invoice_id = ${inv.id}`),
    ).not.toBe('accepted');
  });
});

describe('vendor credit notes against bills', () => {
  it('posts the reverse of the bill, lowers what the company owes, and the excess becomes vendor credit', async () => {
    const b = await bill([{ quantity: '10', unitPrice: '50', taxPercent: '14', withholdingPercent: '1' }]);
    expect(b).toMatchObject({ total: '565.00', status: 'approved' });
    const cn = await expectJson<Note>(await credit(`/bills/${b.id}`, { amount: '100.00' }), 201);
    expect(cn).toMatchObject({
      number: expect.stringMatching(/^VCN-2026-\d{5}$/),
      billId: b.id,
      net: '100.00',
      tax: '14.00',
      withholding: '1.00',
      total: '113.00',
      appliedAmount: '113.00',
      vendorCredit: '0.00',
    });
    expect(cn.lines[0]?.billLineId).toBe(b.lines[0]?.id);
    // Payable and withholding payable debited; expense and input tax credited.
    expect(await entryLines(cn.journalEntryId)).toEqual([
      { code: '1150', debit: '0', credit: '1400' },
      { code: '2110', debit: '11300', credit: '0' },
      { code: '2140', debit: '100', credit: '0' },
      { code: '5500', debit: '0', credit: '10000' },
    ]);
    expect(await expectJson<Doc>(await api.get(`/bills/${b.id}`, staff))).toMatchObject({
      status: 'approved',
      creditedAmount: '113.00',
      amountDue: '452.00',
    });
    await expectProblem(await api.post(`/bills/${b.id}/void`, staff), 409);
    // 400.00 paid of the 452.00 left (what the payments service records), then the rest credited.
    await h.db.db.execute(sql`update finance.bills set paid_amount = 40000 where id = ${b.id}`);
    const rest = await expectJson<Note>(await credit(`/bills/${b.id}`, {}), 201);
    expect(rest).toMatchObject({ total: '452.00', appliedAmount: '52.00', vendorCredit: '400.00' });
    const [vc] = rowsOf<{ amount: string }>(
      await h.db.db.execute(sql`select amount::text from finance.vendor_credits where credit_note_id = ${rest.id}`),
    );
    expect(vc?.amount).toBe('40000');
    expect(await expectJson<Doc>(await api.get(`/bills/${b.id}`, staff))).toMatchObject({
      status: 'paid',
      amountDue: '0.00',
    });
    const notes = await expectJson<Note[]>(await api.get(`/bills/${b.id}/credit-notes`, staff));
    expect(notes.map((n) => n.number)).toEqual([cn.number, rest.number]);
    expect((await expectJson<Note>(await api.get(`/vendor-credit-notes/${cn.id}`, staff))).total).toBe('113.00');
    await expectProblem(await api.get(`/credit-notes/${cn.id}`, staff), 404);
    await balanced();
  });

  it('credits a bill by lines; a bill credited in full with nothing paid is credited', async () => {
    const b = await bill([{ quantity: '3', unitPrice: '20', taxPercent: '14' }, { unitPrice: '5' }]);
    const first = b.lines[0]?.id;
    const cn = await expectJson<Note>(
      await credit(`/bills/${b.id}`, { lines: [{ lineId: first, quantity: '2' }] }),
      201,
    );
    expect(cn).toMatchObject({ net: '40.00', tax: '5.60', total: '45.60' });
    const again = await credit(`/bills/${b.id}`, { lines: [{ lineId: first, quantity: '1.5' }] });
    expect((await expectProblem(again, 422)).errors?.[0]?.path).toBe('lines.0.quantity');
    await expectJson(await credit(`/bills/${b.id}`, {}), 201);
    const after = await expectJson<Doc>(await api.get(`/bills/${b.id}`, staff));
    expect(after).toMatchObject({ status: 'credited', amountDue: '0.00', creditedAmount: b.total });
    expect(after.lines.map((l) => l.creditedQuantity)).toEqual(['3.000', '1.000']);
    await expectProblem(await api.get(`/bills/${b.id}/credit-notes/nothing`, staff), 404);
    await balanced();
  });

  it('refuses drafts and void bills; 404 for no bill', async () => {
    const v = await expectJson<{ id: string }>(await api.post('/vendors', staff, { name: `Vendor ${name()}` }), 201);
    const d = await expectJson<Doc>(
      await api.post('/bills', staff, {
        vendorId: v.id,
        lines: [{ description: 'x', quantity: '1', unitPrice: '1', accountId: h.account('5500') }],
      }),
      201,
    );
    await expectProblem(await credit(`/bills/${d.id}`, {}), 409);
    await expectProblem(await credit('/bills/00000000-0000-4000-8000-000000000000', {}), 404);
    const clerk = await tokenAs(h.keys, 'Employee');
    await expectProblem(await api.post(`/bills/${d.id}/credit-notes`, clerk, { reason: 'nope' }), 403);
  });
});

describe.skipIf(!onServer)('credit notes at once against one invoice (PostgreSQL)', () => {
  it('ten credits of 300.00 against 1000.00: three are made, the rest refused, numbers without gaps', async () => {
    const inv = await invoice([{ unitPrice: '1000.00', taxPercent: '14' }]);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => credit(`/invoices/${inv.id}`, { amount: '300.00' }).then((r) => r.status)),
    );
    expect(outcomes.filter((s) => s === 201)).toHaveLength(3);
    expect(outcomes.filter((s) => s !== 201)).toEqual(Array(7).fill(422));
    const [row] = rowsOf<{ net: string; tax: string; credited: string; notes: number }>(
      await h.db.db.execute(sql`select sum(n.net)::text as net, sum(n.tax)::text as tax, i.credited_net::text as credited,
        count(*)::int as notes from finance.credit_notes n join finance.invoices i on i.id = n.invoice_id
        where n.invoice_id = ${inv.id} group by i.credited_net`),
    );
    expect(row).toEqual({ net: '90000', tax: '12600', credited: '90000', notes: 3 });
    const numbers = rowsOf<{ n: number }>(
      await h.db.db.execute(sql`select split_part(number, '-', 3)::int as n from finance.credit_notes
        where invoice_id = ${inv.id} order by 1`),
    ).map((r) => r.n);
    expect(numbers).toEqual([numbers[0], (numbers[0] ?? 0) + 1, (numbers[0] ?? 0) + 2]);
    await balanced();
  });

  it('by lines, by amount and whole at once: never more than the invoice, lines and invoice agreeing', async () => {
    const inv = await invoice([{ quantity: '5', unitPrice: '100.00' }]);
    const line = inv.lines[0]?.id;
    const racing = [
      ...Array.from({ length: 5 }, () => credit(`/invoices/${inv.id}`, { lines: [{ lineId: line, quantity: '2' }] })),
      ...Array.from({ length: 5 }, () => credit(`/invoices/${inv.id}`, { amount: '200.00' })),
      ...Array.from({ length: 3 }, () => credit(`/invoices/${inv.id}`, {})),
    ];
    const statuses = (await Promise.all(racing)).map((r) => r.status);
    expect(statuses).toContain(201);
    expect(statuses.every((s) => [201, 409, 422].includes(s))).toBe(true);
    const [row] = rowsOf<{ credited: string; lines: string; notes: string }>(
      await h.db.db.execute(sql`select i.credited_net::text as credited,
        (select sum(credited_net) from finance.invoice_lines where invoice_id = i.id)::text as lines,
        (select sum(net) from finance.credit_notes where invoice_id = i.id)::text as notes
        from finance.invoices i where i.id = ${inv.id}`),
    );
    expect(BigInt(row?.notes ?? '0')).toBeLessThanOrEqual(50000n);
    expect(row?.credited).toBe(row?.notes);
    expect(row?.lines).toBe(row?.notes);
    // Raw SQL racing past what is left is refused by the database's checks, whatever got there first.
    const raw = await Promise.all(
      Array.from({ length: 5 }, () =>
        outcome(sql`update finance.invoices set credited_net = credited_net + 20000 where id = ${inv.id}`),
      ),
    );
    const room = 50000n - BigInt(row?.notes ?? '0');
    expect(raw.filter((o) => o === 'accepted')).toHaveLength(Number(room / 20000n));
    await balanced();
  });
});
