/**
 * Payments and bank reconciliation through the real app: a payment created from an unmatched
 * statement line (received for money in, made for money out, from the bank's account, dated the
 * line, allocated) and matched in the same transaction, all or nothing; suggestions that propose
 * unreconciled payments of the same amount whatever their date; and a matched payment not voided.
 */

import { bankStatementLines, journalEntries, outbox, payments } from '@konecta/db';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cr,
  createHarness,
  dr,
  expectBalancedLedger,
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
let statement: Statement;
let customerId: string;
let vendorId: string;
let invoiceId: string;

interface Statement {
  id: string;
  reconciledAmount: string;
  matchedCount: number;
  paymentId?: string;
  lines: {
    id: string;
    date: string;
    amount: string;
    match: { journalLineId: string; entryId: string; paymentId: string | null } | null;
  }[];
}
interface Payment {
  id: string;
  direction: string;
  partyId: string;
  date: string;
  accountId: string;
  amount: string;
  allocatedAmount: string;
  unappliedAmount: string;
  reference: string;
  journalEntryId: string;
  status: string;
}

const csv = [
  'Date,Details,Ref,Amount,Balance',
  '03/03/2026,Transfer from Acme Trading,INV-1,700.00,700.00',
  '06/03/2026,Paper Supplies Co,,-250.00,450.00',
  '20/03/2026,Cheque 1001 cleared,CHQ-1001,2000.00,2450.00',
  '22/03/2026,Transfer,,99.00,2549.00',
].join('\n');
const mapping = {
  date: 'Date',
  description: 'Details',
  reference: 'Ref',
  amount: 'Amount',
  balance: 'Balance',
  dateFormat: 'dd/mm/yyyy',
  decimalSeparator: '.',
};
const line = (n: number) => {
  const l = statement.lines[n];
  if (!l) throw new Error(`no line ${n}`);
  return l;
};
const path = (n: number, action: string) => `/bank-statements/${statement.id}/lines/${line(n).id}/${action}`;
const counts = async () => ({
  payments: (await h.db.db.select({ n: count() }).from(payments))[0]?.n,
  entries: (await h.db.db.select({ n: count() }).from(journalEntries))[0]?.n,
});

beforeAll(async () => {
  h = await createHarness({ now: '2026-04-02T10:00:00Z' });
  api = requester(h.app);
  staff = await tokenAs(h.keys, 'Finance Staff');
  await openYear(h, 2026);
  const bank = await expectJson<{ id: string }>(
    await api.post('/bank-accounts', staff, { name: 'NBE', accountId: h.account('1120'), bankName: 'NBE' }),
    201,
  );
  statement = await expectJson<Statement>(
    await api.post('/bank-statements', staff, { bankAccountId: bank.id, format: 'csv', content: csv, mapping }),
    201,
  );
  customerId = (await expectJson<{ id: string }>(await api.post('/customers', staff, { name: 'Acme Trading' }), 201))
    .id;
  vendorId = (await expectJson<{ id: string }>(await api.post('/vendors', staff, { name: 'Paper Supplies Co' }), 201))
    .id;
  const draft = await expectJson<{ id: string }>(
    await api.post('/invoices', staff, {
      customerId,
      issueDate: '2026-03-01',
      lines: [{ description: 'Consulting', quantity: '1', unitPrice: '1000.00', accountId: h.account('4200') }],
    }),
    201,
  );
  invoiceId = draft.id;
  await expectJson(await api.post(`/invoices/${invoiceId}/issue`, staff));
});
afterAll(() => h?.close());

describe('a payment from an unmatched statement line', () => {
  it('refuses it whole when a part fails: nothing is written and the line stays unmatched', async () => {
    const before = await counts();
    // More than the invoice owes.
    const over = await expectProblem(
      await api.post(path(0, 'payment'), staff, {
        partyId: customerId,
        allocations: [{ invoiceId, amount: '1000.01' }],
      }),
      422,
    );
    expect(over.errors?.[0]?.path).toBe('allocations.0.amount');
    // Money in is from a customer, not a vendor.
    const wrongParty = await expectProblem(await api.post(path(0, 'payment'), staff, { partyId: vendorId }), 422);
    expect(wrongParty.errors?.map((e) => e.path)).toEqual(['partyId']);
    // An invoice of the party's is named on a payment made (money out).
    const wrongDoc = await expectProblem(
      await api.post(path(1, 'payment'), staff, { partyId: vendorId, allocations: [{ invoiceId, amount: '1.00' }] }),
      422,
    );
    expect(wrongDoc.errors?.[0]?.path).toBe('allocations.0.billId');
    expect(await counts()).toEqual(before);
    const [row] = await h.db.db
      .select()
      .from(bankStatementLines)
      .where(eq(bankStatementLines.id, line(0).id));
    expect(row?.journalLineId).toBeNull();
  });

  it('money in: a payment received from the customer, from the bank account, dated the line, allocated, and matched', async () => {
    const after = await expectJson<Statement>(
      await api.post(path(0, 'payment'), staff, {
        partyId: customerId,
        allocations: [{ invoiceId, amount: '700.00' }],
      }),
      201,
    );
    expect(after).toMatchObject({ matchedCount: 1, reconciledAmount: '700.00' });
    const paymentId = after.paymentId as string;
    expect(after.lines[0]?.match?.paymentId).toBe(paymentId);
    const payment = await expectJson<Payment>(await api.get(`/payments/${paymentId}`, staff));
    expect(payment).toMatchObject({
      direction: 'received',
      partyId: customerId,
      date: '2026-03-03',
      accountId: h.account('1120'),
      amount: '700.00',
      allocatedAmount: '700.00',
      reference: 'INV-1',
      status: 'posted',
    });
    expect(after.lines[0]?.match?.entryId).toBe(payment.journalEntryId);
    expect(
      await expectJson<{ status: string; amountDue: string }>(await api.get(`/invoices/${invoiceId}`, staff)),
    ).toMatchObject({ status: 'partially_paid', amountDue: '300.00' });
    const recorded = (await h.db.db.select().from(outbox)).filter(
      (e) => e.type === 'finance.payment.recorded' && e.subject === paymentId,
    );
    expect(recorded).toHaveLength(1);
    // The line is matched now: another payment for it is refused, and none is recorded.
    const before = await counts();
    await expectProblem(await api.post(path(0, 'payment'), staff, { partyId: customerId }), 409);
    expect(await counts()).toEqual(before);
    await expectBalancedLedger(h);
  });

  it('money out: a payment made to the vendor; with nothing allocated it is the vendor’s credit', async () => {
    const after = await expectJson<Statement>(await api.post(path(1, 'payment'), staff, { partyId: vendorId }), 201);
    const payment = await expectJson<Payment>(await api.get(`/payments/${after.paymentId}`, staff));
    expect(payment).toMatchObject({
      direction: 'made',
      partyId: vendorId,
      date: '2026-03-06',
      amount: '250.00',
      unappliedAmount: '250.00',
    });
    expect(after).toMatchObject({ matchedCount: 2, reconciledAmount: '450.00' });
  });

  it('is refused to a role without payments or reconciliation', async () => {
    const employee = await tokenAs(h.keys, 'Employee');
    await expectProblem(await api.post(path(3, 'payment'), employee, { partyId: customerId }), 403);
  });
});

describe('suggestions and payments', () => {
  it('proposes an unreconciled payment of the same amount whatever its date, with its party; not other lines out of the window', async () => {
    const early = await expectJson<Payment>(
      await api.post('/payments', staff, {
        direction: 'received',
        partyId: customerId,
        date: '2026-02-01',
        accountId: h.account('1120'),
        amount: '2000.00',
        reference: 'CHQ-1001',
      }),
      201,
    );
    // A manual entry of the same amount as far away is not proposed.
    await post(h, '2026-02-01', [dr(h, '1120', 2000), cr(h, '3100', 2000)], 'Owner top-up');
    const { items } = await expectJson<{
      items: { journalLineId: string; paymentId: string | null; partyName: string | null; referenceFound: boolean }[];
    }>(await api.get(path(2, 'suggestions'), staff));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ paymentId: early.id, partyName: 'Acme Trading', referenceFound: true });
    // Confirmed, the statement shows the payment; the matched payment cannot be voided until unmatched.
    const matched = await expectJson<Statement>(
      await api.post(path(2, 'match'), staff, { journalLineId: items[0]?.journalLineId }),
    );
    expect(matched.lines[2]?.match?.paymentId).toBe(early.id);
    const refused = await expectProblem(
      await api.post(`/payments/${early.id}/void`, staff, { reason: 'Bounced' }),
      409,
    );
    expect(refused.detail).toMatch(/undo the match/);
    await expectJson(await api.del(path(2, 'match'), staff));
    const voided = await expectJson<Payment>(
      await api.post(`/payments/${early.id}/void`, staff, { reason: 'Bounced' }),
    );
    expect(voided.status).toBe('void');
    // A void payment is no longer proposed as a payment.
    const again = await expectJson<{ items: unknown[] }>(await api.get(path(2, 'suggestions'), staff));
    expect(again.items).toEqual([]);
  });
});
