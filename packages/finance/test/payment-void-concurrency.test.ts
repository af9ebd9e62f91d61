/**
 * On the real PostgreSQL (TEST_DATABASE_URL): voids and payments from bank lines at once. Ten
 * clerks voiding one payment: one void, one reversal. A void racing allocations of the same
 * payment: it ends void with nothing allocated and every invoice whole again. Ten clerks creating a
 * payment from one statement line: one payment, matched; the others leave nothing behind.
 */
import { journalEntries, outbox, paymentAllocations, payments, rowsOf } from '@konecta/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, expectJson, type Harness, openYear, requester, tokenAs } from './helpers';
import { paymentKit } from './payment-helpers';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
let h: Harness;
let api: ReturnType<typeof requester>;
let staff: string;

beforeAll(async () => {
  if (!onServer) return;
  h = await createHarness({ now: '2026-04-02T10:00:00Z' });
  api = requester(h.app);
  staff = await tokenAs(h.keys, 'Finance Staff');
  kit = paymentKit(h, api, staff);
  await openYear(h, 2026);
});
afterAll(() => h?.close());

let kit: ReturnType<typeof paymentKit>;
const customer = async () => (await kit.customer()).id;
const invoice = async (customerId: string, price: string) => (await kit.invoice(customerId, price)).id;
const payment = async (customerId: string, amount: string) =>
  (await expectJson<{ id: string }>(await kit.receive(customerId, amount), 201)).id;

describe.skipIf(!onServer)('voids and payments from bank lines at once (PostgreSQL)', () => {
  it('ten clerks void one payment at once: one void, nine 409, one reversal, one event', async () => {
    const c = await customer();
    const inv = await invoice(c, '100.00');
    const p = await payment(c, '100.00');
    await expectJson(
      await api.post(`/payments/${p}/allocations`, staff, { allocations: [{ invoiceId: inv, amount: '100.00' }] }),
    );
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.post(`/payments/${p}/void`, staff, { reason: 'Twice' }).then((r) => r.status),
      ),
    );
    expect(outcomes.filter((s) => s === 200)).toHaveLength(1);
    expect(outcomes.filter((s) => s !== 200)).toEqual(Array(9).fill(409));
    const [row] = await h.db.db.select().from(payments).where(eq(payments.id, p));
    const reversals = await h.db.db
      .select()
      .from(journalEntries)
      .where(eq(journalEntries.reversesId, row?.journalEntryId as string));
    expect(reversals).toHaveLength(1);
    const events = (await h.db.db.select().from(outbox)).filter(
      (e) => e.type === 'finance.payment.voided' && e.subject === p,
    );
    expect(events).toHaveLength(1);
  });

  it('a void racing five allocations of the same payment ends void, with nothing allocated and every invoice whole', async () => {
    const c = await customer();
    const invs: string[] = [];
    for (let i = 0; i < 5; i++) invs.push(await invoice(c, '100.00'));
    const p = await payment(c, '500.00');
    const allocate = (inv: string) =>
      api
        .post(`/payments/${p}/allocations`, staff, { allocations: [{ invoiceId: inv, amount: '100.00' }] })
        .then((r) => r.status);
    const [voided, ...allocations] = await Promise.all([
      api.post(`/payments/${p}/void`, staff, { reason: 'Wrong customer' }).then((r) => r.status),
      ...invs.map(allocate),
    ]);
    expect(voided).toBe(200);
    for (const s of allocations) expect([200, 409]).toContain(s);
    expect(await h.db.db.select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, p))).toEqual([]);
    const docs = rowsOf<{ paid: string; status: string }>(
      await h.db.db.execute(sql`select paid_amount::text as paid, status::text from finance.invoices
        where id in (${sql.join(
          invs.map((i) => sql`${i}`),
          sql`, `,
        )})`),
    );
    expect(docs).toEqual(Array(5).fill({ paid: '0', status: 'issued' }));
    const [row] = await h.db.db.select().from(payments).where(eq(payments.id, p));
    expect(row).toMatchObject({ status: 'void', allocatedAmount: 0n });
  });

  it('ten clerks create a payment from one statement line at once: one payment, matched; nothing else written', async () => {
    const c = await customer();
    const bank = await expectJson<{ id: string }>(
      await api.post('/bank-accounts', staff, {
        name: `Race ${kit.rand()}`,
        accountId: h.account('1120'),
        bankName: 'NBE',
      }),
      201,
    );
    const csv = ['Date,Details,Amount', '12/03/2026,Transfer in,777.77'].join('\n');
    const statement = await expectJson<{ id: string; lines: { id: string }[] }>(
      await api.post('/bank-statements', staff, {
        bankAccountId: bank.id,
        format: 'csv',
        content: csv,
        mapping: {
          date: 'Date',
          description: 'Details',
          amount: 'Amount',
          dateFormat: 'dd/mm/yyyy',
          decimalSeparator: '.',
        },
        openingBalance: '0.00',
        closingBalance: '777.77',
      }),
      201,
    );
    const lineId = statement.lines[0]?.id;
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        api
          .post(`/bank-statements/${statement.id}/lines/${lineId}/payment`, staff, { partyId: c })
          .then((r) => r.status),
      ),
    );
    expect(outcomes.filter((s) => s === 201)).toHaveLength(1);
    expect(outcomes.filter((s) => s !== 201)).toEqual(Array(9).fill(409));
    const made = await h.db.db.select().from(payments).where(eq(payments.customerId, c));
    expect(made).toHaveLength(1);
    const [matched] = rowsOf<{ entry: string }>(
      await h.db.db.execute(sql`select l.entry_id::text as entry from finance.bank_statement_lines s
        join finance.journal_lines l on l.id = s.journal_line_id where s.id = ${lineId}`),
    );
    expect(matched?.entry).toBe(made[0]?.journalEntryId);
  });
});
