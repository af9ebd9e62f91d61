/**
 * Payments received and made through the real app with real tokens: posting, allocation to open
 * documents (never over what a document owes nor what the payment holds, also by raw SQL), the
 * unapplied rest as the party's credit, the realised exchange difference and its reversal when an
 * allocation is removed, the events, and the role × operation matrix.
 */

import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHarness,
  expectBalancedLedger,
  expectJson,
  expectProblem,
  type Harness,
  openYear,
  requester,
  roleNames,
  sqlOutcome,
  tokenAs,
} from './helpers';
import { type Doc, paymentKit } from './payment-helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let staff: string;
beforeAll(async () => {
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  api = requester(h.app);
  staff = await tokenAs(h.keys, 'Finance Staff');
  kit = paymentKit(h, api, staff);
  await openYear(h, 2026);
  await api.post('/exchange-rates', staff, { currency: 'USD', date: '2026-03-01', rate: '50' });
});
afterAll(() => h?.close());

type Invoice = Doc;
type Payment = {
  id: string;
  amount: string;
  allocatedAmount: string;
  unappliedAmount: string;
  journalEntryId: string;
  rate: string;
  allocations: {
    id: string;
    invoiceId: string | null;
    billId: string | null;
    amount: string;
    exchangeEntryId: string | null;
  }[];
};

let kit: ReturnType<typeof paymentKit>;
const customer = (currency?: string) => kit.customer(currency);
const vendor = (currency?: string) => kit.vendor(currency);
const invoice = (customerId: string, price?: string, extra?: Record<string, unknown>) =>
  kit.invoice(customerId, price, extra);
const bill = (vendorId: string, price?: string) => kit.bill(vendorId, price);
const getInvoice = (id: string) => kit.getInvoice(id);
const receive = (partyId: string, amount: string, extra?: Record<string, unknown>) =>
  kit.receive(partyId, amount, extra);

const problemOf = (q: SQL) => sqlOutcome(h, q);
const balanceOf = (code: string, partyId?: string) => kit.balanceOf(code, partyId);
const trialBalanceBalances = () => expectBalancedLedger(h);
const eventsOf = (type: string, subject: string) => kit.eventsOf(type, subject);

describe('payments received', () => {
  it('posts Dr bank, Cr receivable; a partial allocation leaves the invoice partially paid; the rest is credit', async () => {
    const c = await customer();
    const inv = await invoice(c.id);
    const bankBefore = await balanceOf('1120');
    const payment = await expectJson<Payment>(
      await receive(c.id, '1500.00', { reference: 'TRX-1', allocations: [{ invoiceId: inv.id, amount: '400.00' }] }),
      201,
    );
    expect(payment).toMatchObject({ amount: '1500.00', allocatedAmount: '400.00', unappliedAmount: '1100.00' });
    expect(BigInt(await balanceOf('1120')) - BigInt(bankBefore)).toBe(150000n);
    // Receivable for the customer: 1000 invoiced − 1500 received = −500 (the unapplied credit shows as a credit balance).
    expect(await balanceOf('1130', c.id)).toBe('-50000');
    expect(await getInvoice(inv.id)).toMatchObject({
      status: 'partially_paid',
      amountDue: '600.00',
      paidAmount: '400.00',
    });
    expect(await eventsOf('finance.payment.recorded', payment.id)).toHaveLength(1);
    expect(await eventsOf('finance.invoice.paid', inv.id)).toHaveLength(0);

    // The open documents show what is owed and the unapplied credit.
    const open = await expectJson<{
      documents: { id: string; amountDue: string }[];
      unappliedPayments: { paymentId: string; unappliedAmount: string }[];
    }>(await api.get(`/payments/open-documents?partyId=${c.id}`, staff));
    expect(open.documents).toEqual([expect.objectContaining({ id: inv.id, amountDue: '600.00' })]);
    expect(open.unappliedPayments).toEqual([
      { paymentId: payment.id, date: '2026-03-15', currency: 'EGP', unappliedAmount: '1100.00' },
    ]);

    // Applied later: the rest of the invoice, the invoice is paid and the event published.
    const more = await expectJson<Payment>(
      await api.post(`/payments/${payment.id}/allocations`, staff, {
        allocations: [{ invoiceId: inv.id, amount: '600.00' }],
      }),
    );
    expect(more).toMatchObject({ allocatedAmount: '1000.00', unappliedAmount: '500.00' });
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'paid', amountDue: '0.00' });
    expect(await eventsOf('finance.invoice.paid', inv.id)).toHaveLength(1);
    await trialBalanceBalances();
  });

  it('never allocates more than a document owes or the payment holds (422 naming the line)', async () => {
    const c = await customer();
    const a = await invoice(c.id, '300.00');
    const b = await invoice(c.id, '300.00');
    const overDoc = await expectProblem(
      await receive(c.id, '1000.00', { allocations: [{ invoiceId: a.id, amount: '300.01' }] }),
      422,
    );
    expect(overDoc.errors?.[0]?.path).toBe('allocations.0.amount');
    const p = await expectJson<Payment>(await receive(c.id, '500.00'), 201);
    const overPay = await expectProblem(
      await api.post(`/payments/${p.id}/allocations`, staff, {
        allocations: [
          { invoiceId: a.id, amount: '300.00' },
          { invoiceId: b.id, amount: '250.00' },
        ],
      }),
      422,
    );
    expect(overPay.errors?.[0]?.path).toBe('allocations.1.amount');
    // Nothing of the refused request stayed.
    expect(await getInvoice(a.id)).toMatchObject({ status: 'issued', amountDue: '300.00' });
    // The same invoice twice in one request counts both.
    const twice = await expectProblem(
      await api.post(`/payments/${p.id}/allocations`, staff, {
        allocations: [
          { invoiceId: a.id, amount: '200.00' },
          { invoiceId: a.id, amount: '200.00' },
        ],
      }),
      422,
    );
    expect(twice.errors?.[0]?.path).toBe('allocations.1.amount');
    // Another customer's invoice, a bill, a draft: refused.
    const other = await invoice((await customer()).id);
    await expectProblem(
      await api.post(`/payments/${p.id}/allocations`, staff, {
        allocations: [{ invoiceId: other.id, amount: '1.00' }],
      }),
      422,
    );
    await expectProblem(
      await api.post(`/payments/${p.id}/allocations`, staff, {
        allocations: [{ billId: '00000000-0000-4000-8000-000000000000', amount: '1.00' }],
      }),
      422,
    );
    await expectProblem(
      await api.post(`/payments/${p.id}/allocations`, staff, { allocations: [{ invoiceId: a.id, amount: '-1' }] }),
      422,
    );
    await expectProblem(
      await api.post(`/payments/${p.id}/allocations`, staff, { allocations: [{ invoiceId: a.id, amount: '0' }] }),
      422,
    );
    await expectProblem(
      await api.post('/payments/00000000-0000-4000-8000-000000000000/allocations', staff, {
        allocations: [{ invoiceId: a.id, amount: '1.00' }],
      }),
      404,
    );
  });

  it('refuses over-allocation by raw SQL too (the database holds the rule)', async () => {
    const c = await customer();
    const inv = await invoice(c.id, '100.00');
    const p = await expectJson<Payment>(await receive(c.id, '150.00'), 201);
    const insert = (amount: number, invoiceId = inv.id, paymentId = p.id) =>
      problemOf(sql`insert into finance.payment_allocations (payment_id, invoice_id, amount)
        values (${paymentId}, ${invoiceId}, ${amount})`);
    expect(await insert(10001)).toBe(409); // over the invoice
    expect(await insert(10000)).toBe('accepted');
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'paid', amountDue: '0.00' });
    const inv2 = await invoice(c.id, '100.00');
    expect(await insert(5001, inv2.id)).toBe(409); // over the payment's 50.00 left
    expect(await insert(5000, inv2.id)).toBe('accepted');
    // A draft invoice, another customer's, a changed allocation, a changed payment: refused.
    const d = await expectJson<Invoice>(
      await api.post('/invoices', staff, {
        customerId: c.id,
        lines: [{ description: 'x', quantity: '1', unitPrice: '10', accountId: h.account('4200') }],
      }),
      201,
    );
    const p2 = await expectJson<Payment>(await receive(c.id, '10.00'), 201);
    expect(await insert(100, d.id, p2.id)).toBe(422);
    expect(await problemOf(sql`update finance.payment_allocations set amount = 1 where payment_id = ${p.id}`)).toBe(
      409,
    );
    expect(await problemOf(sql`update finance.payments set amount = 1 where id = ${p.id}`)).toBe(409);
    expect(await problemOf(sql`delete from finance.payments where id = ${p.id}`)).toBe(409);
    // The invoice's paid amount cannot be moved past its total by hand either.
    expect(await problemOf(sql`update finance.invoices set paid_amount = total + 1 where id = ${inv.id}`)).toBe(409);
  });

  it('removing an allocation reopens the invoice and gives the payment its credit back', async () => {
    const c = await customer();
    const inv = await invoice(c.id, '200.00');
    const p = await expectJson<Payment>(
      await receive(c.id, '200.00', { allocations: [{ invoiceId: inv.id, amount: '200.00' }] }),
      201,
    );
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'paid' });
    const alloc = p.allocations[0];
    if (!alloc) throw new Error('no allocation');
    const after = await expectJson<Payment>(await api.del(`/payments/${p.id}/allocations/${alloc.id}`, staff));
    expect(after).toMatchObject({ allocatedAmount: '0.00', unappliedAmount: '200.00', allocations: [] });
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'issued', amountDue: '200.00', paidAmount: '0.00' });
    await expectProblem(await api.del(`/payments/${p.id}/allocations/${alloc.id}`, staff), 404);
    await trialBalanceBalances();
  });

  it('validates the payment: party, account (an active asset), amount', async () => {
    const c = await customer();
    const bad = await expectProblem(await receive(c.id, '10.00', { accountId: h.account('4200') }), 422);
    expect(bad.errors?.[0]?.path).toBe('accountId');
    const noParty = await expectProblem(await receive('00000000-0000-4000-8000-000000000000', '10.00'), 422);
    expect(noParty.errors?.[0]?.path).toBe('partyId');
    await expectProblem(await receive(c.id, '10.001'), 422);
    await expectProblem(await receive(c.id, 'ten'), 422);
    await expectProblem(await receive(c.id, '0'), 422);
    // A vendor is not paid with a 'received' payment.
    const v = await vendor();
    await expectProblem(await receive(v.id, '10.00'), 422);
    // And raw SQL cannot use an income account.
    const p = await expectJson<Payment>(await receive(c.id, '10.00'), 201);
    expect(
      await problemOf(sql`insert into finance.payments (direction, customer_id, date, account_id, currency, amount, journal_entry_id)
        values ('received', ${c.id}, '2026-03-15', ${h.account('4200')}, 'EGP', 100, ${p.journalEntryId})`),
    ).toBe(422);
  });
});

describe('exchange differences', () => {
  it('posts the realised difference of a payment at another rate, and reverses it when the allocation goes', async () => {
    const c = await customer('USD');
    const inv = await invoice(c.id, '100.00'); // issued at 50
    expect(inv).toMatchObject({ total: '100.00' });
    const fxBefore = await balanceOf('5900');
    const p = await expectJson<Payment>(
      await receive(c.id, '100.00', {
        currency: 'USD',
        rate: '52',
        allocations: [{ invoiceId: inv.id, amount: '100.00' }],
      }),
      201,
    );
    expect(p.rate).toBe('52.000000');
    const alloc = p.allocations[0];
    expect(alloc?.exchangeEntryId).toBeTruthy();
    // A gain of 100 × (52 − 50) = 200.00 EGP: the expense-type account is credited.
    expect(BigInt(await balanceOf('5900')) - BigInt(fxBefore)).toBe(-20000n);
    // The customer's receivable is back to nothing in the base currency.
    expect(await balanceOf('1130', c.id)).toBe('0');
    await trialBalanceBalances();
    if (!alloc) throw new Error('no allocation');
    await expectJson(await api.del(`/payments/${p.id}/allocations/${alloc.id}`, staff));
    expect(await balanceOf('5900')).toBe(fxBefore);
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'issued', amountDue: '100.00' });
    await trialBalanceBalances();
    // A payment in another currency than the invoice's is not allocated to it.
    const egpPayment = await expectJson<Payment>(await receive(c.id, '100.00', { currency: 'EGP' }), 201);
    await expectProblem(
      await api.post(`/payments/${egpPayment.id}/allocations`, staff, {
        allocations: [{ invoiceId: inv.id, amount: '1.00' }],
      }),
      422,
    );
  });
});

describe('payments made', () => {
  it('a payment made at a higher rate than the bill posts a loss, and the payable clears in the base currency', async () => {
    const v = await vendor('USD');
    const b = await bill(v.id, '100.00'); // approved at 50
    const fxBefore = await balanceOf('5900');
    const p = await expectJson<Payment>(
      await api.post('/payments', staff, {
        direction: 'made',
        partyId: v.id,
        date: '2026-03-15',
        accountId: h.account('1120'),
        amount: '100.00',
        currency: 'USD',
        rate: '51',
        allocations: [{ billId: b.id, amount: '100.00' }],
      }),
      201,
    );
    expect(p.allocations[0]?.exchangeEntryId).toBeTruthy();
    // A loss of 100 × (51 − 50) = 100.00 EGP, debited.
    expect(BigInt(await balanceOf('5900')) - BigInt(fxBefore)).toBe(10000n);
    expect(await balanceOf('2110', v.id)).toBe('0');
    await trialBalanceBalances();
  });

  it('posts Dr payable, Cr bank and pays bills; a bill reopens when the allocation goes', async () => {
    const v = await vendor();
    const b = await bill(v.id, '500.00');
    const p = await expectJson<Payment>(
      await api.post('/payments', staff, {
        direction: 'made',
        partyId: v.id,
        date: '2026-03-15',
        accountId: h.account('1120'),
        amount: '500.00',
        allocations: [{ billId: b.id, amount: '500.00' }],
      }),
      201,
    );
    expect(await balanceOf('2110', v.id)).toBe('0');
    const paid = await expectJson<{ status: string; amountDue: string }>(await api.get(`/bills/${b.id}`, staff));
    expect(paid).toMatchObject({ status: 'paid', amountDue: '0.00' });
    // An invoice id on a payment made is refused.
    await expectProblem(
      await api.post(`/payments/${p.id}/allocations`, staff, {
        allocations: [{ invoiceId: '00000000-0000-4000-8000-000000000000', amount: '1.00' }],
      }),
      422,
    );
    const alloc = p.allocations[0];
    if (!alloc) throw new Error('no allocation');
    await expectJson(await api.del(`/payments/${p.id}/allocations/${alloc.id}`, staff));
    const reopened = await expectJson<{ status: string; amountDue: string }>(await api.get(`/bills/${b.id}`, staff));
    expect(reopened).toMatchObject({ status: 'approved', amountDue: '500.00' });
    const list = await expectJson<{ items: { id: string }[] }>(
      await api.get(`/payments?direction=made&partyId=${v.id}`, staff),
    );
    expect(list.items.map((i) => i.id)).toEqual([p.id]);
    await trialBalanceBalances();
  });
});

describe('role × operation', () => {
  it.each(roleNames)('%s', async (role) => {
    const token = await tokenAs(h.keys, role);
    const c = await customer();
    const inv = await invoice(c.id, '50.00');
    const p = await expectJson<Payment>(await receive(c.id, '20.00'), 201);
    const statuses = {
      list: (await api.get('/payments', token)).status,
      get: (await api.get(`/payments/${p.id}`, token)).status,
      open: (await api.get(`/payments/open-documents?partyId=${c.id}`, token)).status,
      record: (
        await api.post('/payments', token, {
          direction: 'received',
          partyId: c.id,
          accountId: h.account('1120'),
          amount: '1.00',
        })
      ).status,
      allocate: (
        await api.post(`/payments/${p.id}/allocations`, token, { allocations: [{ invoiceId: inv.id, amount: '5.00' }] })
      ).status,
      void: (await api.post(`/payments/${p.id}/void`, token, { reason: 'Entered twice' })).status,
    };
    const allowed = ['System Admin', 'Finance Manager', 'Finance Staff'].includes(role);
    expect(statuses).toEqual({
      list: allowed ? 200 : 403,
      get: allowed ? 200 : 403,
      open: allowed ? 200 : 403,
      record: allowed ? 201 : 403,
      allocate: allowed ? 200 : 403,
      void: allowed ? 200 : 403,
    });
  });
});
