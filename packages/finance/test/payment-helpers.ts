/**
 * Parties, documents and payments for the payment suites, through the app as Finance Staff:
 * customers and vendors, issued invoices and approved bills, payments received, and the ledger and
 * outbox read back.
 */
import { outbox, rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { expectJson, type Harness, type requester } from './helpers';

export type Doc = { id: string; number: string; status: string; amountDue: string; paidAmount: string; total: string };

export function paymentKit(h: Harness, api: ReturnType<typeof requester>, staff: string) {
  const rand = () => Math.random().toString(36).slice(2, 8);
  const customer = async (currency = 'EGP') =>
    expectJson<{ id: string }>(await api.post('/customers', staff, { name: `Customer ${rand()}`, currency }), 201);
  const vendor = async (currency = 'EGP') =>
    expectJson<{ id: string }>(await api.post('/vendors', staff, { name: `Vendor ${rand()}`, currency }), 201);
  /** An issued invoice of `price` (no tax) for the customer, dated 10 March 2026. */
  const invoice = async (customerId: string, price = '1000.00', extra: Record<string, unknown> = {}) => {
    const draft = await expectJson<Doc>(
      await api.post('/invoices', staff, {
        customerId,
        issueDate: '2026-03-10',
        lines: [{ description: 'Consulting', quantity: '1', unitPrice: price, accountId: h.account('4200') }],
        ...extra,
      }),
      201,
    );
    return expectJson<Doc>(await api.post(`/invoices/${draft.id}/issue`, staff));
  };
  /** An approved bill of `price` (no tax) from the vendor, dated 5 March 2026. */
  const bill = async (vendorId: string, price = '500.00') => {
    const draft = await expectJson<{ id: string }>(
      await api.post('/bills', staff, {
        vendorId,
        billDate: '2026-03-05',
        vendorReference: `V-${rand()}`,
        lines: [{ description: 'Paper', quantity: '1', unitPrice: price, accountId: h.account('5500') }],
      }),
      201,
    );
    return expectJson<Doc>(await api.post(`/bills/${draft.id}/approve`, staff));
  };
  const getInvoice = async (id: string) => expectJson<Doc>(await api.get(`/invoices/${id}`, staff));
  /** POST /payments: received from the customer through 1120, on `date` (15 March unless given). */
  const receive = (partyId: string, amount: string, extra: Record<string, unknown> = {}) =>
    api.post('/payments', staff, {
      direction: 'received',
      partyId,
      date: '2026-03-15',
      accountId: h.account('1120'),
      amount,
      ...extra,
    });
  /** The posted balance (debit − credit, minor units as text) of an account, of one party when given. */
  const balanceOf = async (code: string, partyId?: string) => {
    const [row] = rowsOf<{ b: string }>(
      await h.db.db.execute(sql`select coalesce(sum(debit - credit), 0)::text as b from finance.journal_lines
        where posted and account_id = ${h.account(code)} ${partyId ? sql`and party_id = ${partyId}` : sql``}`),
    );
    return row?.b ?? '0';
  };
  const eventsOf = async (type: string, subject: string) =>
    (await h.db.db.select().from(outbox)).filter((e) => e.type === type && e.subject === subject);
  return { rand, customer, vendor, invoice, bill, getInvoice, receive, balanceOf, eventsOf };
}
