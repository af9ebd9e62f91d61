/**
 * Voiding a payment through the real app: its allocations go (the documents reopen, exchange
 * differences reversed), its entry is reversed on the void date (refused into a closed period),
 * twice is 409, the database refuses a void by any other path; audit and event. And
 * `finance.invoice.paid` from every path that takes an invoice to paid, once.
 */

import { auditLog, journalEntries, payments, periods } from '@konecta/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePeriod, reopenPeriod } from '../src/periods/periods';
import {
  createHarness,
  expectBalancedLedger,
  expectJson,
  expectProblem,
  type Harness,
  openYear,
  requester,
  sqlOutcome,
  system,
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

type Payment = {
  id: string;
  status: string;
  amount: string;
  allocatedAmount: string;
  unappliedAmount: string;
  journalEntryId: string;
  voidReason: string | null;
  voidEntryId: string | null;
  allocations: { id: string; invoiceId: string | null; exchangeEntryId: string | null }[];
};

let kit: ReturnType<typeof paymentKit>;
const customer = (currency?: string) => kit.customer(currency);
const invoice = (customerId: string, price?: string) => kit.invoice(customerId, price);
const getInvoice = (id: string) => kit.getInvoice(id);
/** Received through 1120 on 12 March. */
const receive = (partyId: string, amount: string, extra: Record<string, unknown> = {}) =>
  kit.receive(partyId, amount, { date: '2026-03-12', ...extra });
const voidIt = (id: string, reason = 'Recorded against the wrong customer') =>
  api.post(`/payments/${id}/void`, staff, { reason });
const balanceOf = (code: string, partyId?: string) => kit.balanceOf(code, partyId);
const eventsOf = (type: string, subject: string) => kit.eventsOf(type, subject);
const entryOf = async (id: string) => (await h.db.db.select().from(journalEntries).where(eq(journalEntries.id, id)))[0];

describe('voiding a payment', () => {
  it('removes its allocations (the invoices reopen), reverses its entry today, and is audited and announced', async () => {
    const c = await customer();
    const a = await invoice(c.id, '600.00');
    const b = await invoice(c.id, '1000.00');
    const bankBefore = await balanceOf('1120');
    const payment = await expectJson<Payment>(
      await receive(c.id, '1000.00', {
        allocations: [
          { invoiceId: a.id, amount: '600.00' },
          { invoiceId: b.id, amount: '300.00' },
        ],
      }),
      201,
    );
    expect((await getInvoice(a.id)).status).toBe('paid');
    expect((await getInvoice(b.id)).status).toBe('partially_paid');

    const voided = await expectJson<Payment>(await voidIt(payment.id));
    expect(voided).toMatchObject({
      status: 'void',
      voidReason: 'Recorded against the wrong customer',
      allocatedAmount: '0.00',
      allocations: [],
    });
    expect(await getInvoice(a.id)).toMatchObject({ status: 'issued', amountDue: '600.00', paidAmount: '0.00' });
    expect(await getInvoice(b.id)).toMatchObject({ status: 'issued', amountDue: '1000.00' });
    // The reversal: today (the company's 2026-03-15), the bank and the customer's receivable as before.
    const reversal = await entryOf(voided.voidEntryId as string);
    expect(reversal).toMatchObject({ date: '2026-03-15', reversesId: payment.journalEntryId, status: 'posted' });
    expect((await entryOf(payment.journalEntryId))?.reversedById).toBe(reversal?.id);
    expect(await balanceOf('1120')).toBe(bankBefore);
    expect(await balanceOf('1130', c.id)).toBe('160000');
    // Its documents are open again for another payment.
    const open = await expectJson<{ documents: { id: string }[]; unappliedPayments: unknown[] }>(
      await api.get(`/payments/open-documents?partyId=${c.id}`, staff),
    );
    expect(open.documents.map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
    expect(open.unappliedPayments).toEqual([]);

    const [event] = await eventsOf('finance.payment.voided', payment.id);
    expect(event?.data).toMatchObject({
      paymentId: payment.id,
      direction: 'received',
      partyId: c.id,
      amount: { amount: '1000.00', currency: 'EGP' },
      reason: 'Recorded against the wrong customer',
      date: '2026-03-15',
      reversalId: reversal?.id,
    });
    expect((event?.data as { documentIds: string[] } | undefined)?.documentIds.sort()).toEqual([a.id, b.id].sort());
    const audits = await h.db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, payment.id), eq(auditLog.action, 'payment.voided')));
    expect(audits).toHaveLength(1);
    await expectBalancedLedger(h);
  });

  it('voiding twice is 409; a reason is required; an unknown payment is 404', async () => {
    const c = await customer();
    const p = await expectJson<Payment>(await receive(c.id, '50.00'), 201);
    const noReason = await expectProblem(await api.post(`/payments/${p.id}/void`, staff, {}), 422);
    expect(noReason.errors?.map((e) => e.path)).toEqual(['reason']);
    await expectProblem(await api.post(`/payments/${p.id}/void`, staff, { reason: '  ' }), 422);
    await expectJson(await voidIt(p.id));
    await expectProblem(await voidIt(p.id), 409);
    expect(await eventsOf('finance.payment.voided', p.id)).toHaveLength(1);
    await expectProblem(await voidIt('00000000-0000-4000-8000-000000000000'), 404);
    // A void payment takes no allocation.
    const inv = await invoice(c.id, '10.00');
    await expectProblem(
      await api.post(`/payments/${p.id}/allocations`, staff, { allocations: [{ invoiceId: inv.id, amount: '1.00' }] }),
      409,
    );
  });

  it('reverses the realised exchange difference of each allocation too', async () => {
    const c = await customer('USD');
    const inv = await invoice(c.id, '100.00'); // at 50
    const p = await expectJson<Payment>(
      await receive(c.id, '100.00', { rate: '52', allocations: [{ invoiceId: inv.id, amount: '100.00' }] }),
      201,
    );
    const fx = p.allocations[0]?.exchangeEntryId as string;
    expect(fx).toBeTruthy();
    await expectJson(await voidIt(p.id));
    expect((await entryOf(fx))?.reversedById).toBeTruthy();
    expect(await balanceOf('1130', c.id)).toBe('500000');
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'issued', amountDue: '100.00' });
    await expectBalancedLedger(h);
  });

  it('reopens a bill when a payment made is voided', async () => {
    const v = await kit.vendor();
    const draft = await kit.bill(v.id, '250.00');
    const p = await expectJson<Payment>(
      await api.post('/payments', staff, {
        direction: 'made',
        partyId: v.id,
        accountId: h.account('1120'),
        amount: '250.00',
        allocations: [{ billId: draft.id, amount: '250.00' }],
      }),
      201,
    );
    expect((await expectJson<Doc>(await api.get(`/bills/${draft.id}`, staff))).status).toBe('paid');
    await expectJson(await voidIt(p.id, 'Cheque never sent'));
    expect(await expectJson<Doc>(await api.get(`/bills/${draft.id}`, staff))).toMatchObject({
      status: 'approved',
      amountDue: '250.00',
    });
  });

  it('the database refuses a void by any other path: without its reversal, with allocations, or void fields on a posted payment', async () => {
    const c = await customer();
    const inv = await invoice(c.id, '40.00');
    const p = await expectJson<Payment>(
      await receive(c.id, '40.00', { allocations: [{ invoiceId: inv.id, amount: '40.00' }] }),
      201,
    );
    expect(await sqlOutcome(h, sql`update finance.payments set status = 'void' where id = ${p.id}`)).toBe(409);
    expect(
      await sqlOutcome(
        h,
        sql`update finance.payments set status = 'void', void_reason = 'x', void_entry_id = ${p.journalEntryId} where id = ${p.id}`,
      ),
    ).toBe(409);
    expect(await sqlOutcome(h, sql`update finance.payments set void_reason = 'x' where id = ${p.id}`)).toBe(409);
    const [row] = await h.db.db.select().from(payments).where(eq(payments.id, p.id));
    expect(row?.status).toBe('posted');
  });

  it('refuses a void whose reversal would fall in a closed period (422 naming the date), and voids once it is open', async () => {
    const c = await customer();
    const p = await expectJson<Payment>(await receive(c.id, '75.00'), 201);
    const [march] = await h.db.db.select().from(periods).where(eq(periods.startDate, '2026-03-01'));
    if (!march) throw new Error('no March period');
    await closePeriod(h.ctx, system, march.id);
    try {
      const refused = await expectProblem(await voidIt(p.id), 422);
      expect(refused.errors?.map((e) => e.path)).toEqual(['date']);
      expect((await expectJson<Payment>(await api.get(`/payments/${p.id}`, staff))).status).toBe('posted');
      expect(await eventsOf('finance.payment.voided', p.id)).toHaveLength(0);
    } finally {
      await reopenPeriod(h.ctx, system, march.id, 'Test over');
    }
    await expectJson(await voidIt(p.id));
  });
});

describe('finance.invoice.paid, whichever path takes an invoice to paid', () => {
  it('a credit note that clears the rest of a partly paid invoice publishes it once, dated the credit note', async () => {
    const c = await customer();
    const inv = await invoice(c.id, '500.00');
    await expectJson(await receive(c.id, '300.00', { allocations: [{ invoiceId: inv.id, amount: '300.00' }] }), 201);
    expect(await eventsOf('finance.invoice.paid', inv.id)).toHaveLength(0);
    await expectJson(
      await api.post(`/invoices/${inv.id}/credit-notes`, staff, { reason: 'Discount agreed', date: '2026-03-14' }),
      201,
    );
    expect(await getInvoice(inv.id)).toMatchObject({ status: 'paid', amountDue: '0.00' });
    const events = await eventsOf('finance.invoice.paid', inv.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ invoiceId: inv.id, paidOn: '2026-03-14', customerId: c.id });
  });

  it('is not published again when a paid invoice is credited, nor when a credit note alone clears an invoice', async () => {
    const c = await customer();
    const paid = await invoice(c.id, '100.00');
    await expectJson(await receive(c.id, '100.00', { allocations: [{ invoiceId: paid.id, amount: '100.00' }] }), 201);
    expect(await eventsOf('finance.invoice.paid', paid.id)).toHaveLength(1);
    await expectJson(await api.post(`/invoices/${paid.id}/credit-notes`, staff, { reason: 'Returned' }), 201);
    expect(await eventsOf('finance.invoice.paid', paid.id)).toHaveLength(1);

    const credited = await invoice(c.id, '80.00');
    await expectJson(await api.post(`/invoices/${credited.id}/credit-notes`, staff, { reason: 'Cancelled' }), 201);
    expect((await getInvoice(credited.id)).status).toBe('credited');
    expect(await eventsOf('finance.invoice.paid', credited.id)).toHaveLength(0);
  });

  it('after a void reopens a paid invoice, paying it again publishes it again', async () => {
    const c = await customer();
    const inv = await invoice(c.id, '90.00');
    const p = await expectJson<Payment>(
      await receive(c.id, '90.00', { allocations: [{ invoiceId: inv.id, amount: '90.00' }] }),
      201,
    );
    await expectJson(await voidIt(p.id));
    await expectJson(await receive(c.id, '90.00', { allocations: [{ invoiceId: inv.id, amount: '90.00' }] }), 201);
    expect(await eventsOf('finance.invoice.paid', inv.id)).toHaveLength(2);
  });
});
