/**
 * On the real PostgreSQL (TEST_DATABASE_URL): clerks allocating at once. Ten payments allocated
 * against one invoice, and one payment allocated to ten invoices at once, through the app and by
 * raw SQL: the invoice is never paid past its total, the payment never allocated past its amount.
 */
import { toProblemError } from '@konecta/core';
import { rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financeConstraints, financeRules } from '../src/constraints';
import { createHarness, expectJson, type Harness, openYear, requester, tokenAs } from './helpers';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
let h: Harness;
let api: ReturnType<typeof requester>;
let staff: string;

beforeAll(async () => {
  if (!onServer) return;
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  api = requester(h.app);
  staff = await tokenAs(h.keys, 'Finance Staff');
  await openYear(h, 2026);
});
afterAll(() => h?.close());

const customer = async () =>
  (
    await expectJson<{ id: string }>(
      await api.post('/customers', staff, { name: `Race ${Math.random().toString(36).slice(2, 8)}` }),
      201,
    )
  ).id;
const invoice = async (customerId: string, price: string) => {
  const draft = await expectJson<{ id: string }>(
    await api.post('/invoices', staff, {
      customerId,
      issueDate: '2026-03-10',
      lines: [{ description: 'Work', quantity: '1', unitPrice: price, accountId: h.account('4200') }],
    }),
    201,
  );
  await expectJson(await api.post(`/invoices/${draft.id}/issue`, staff));
  return draft.id;
};
const payment = async (customerId: string, amount: string) =>
  (
    await expectJson<{ id: string }>(
      await api.post('/payments', staff, {
        direction: 'received',
        partyId: customerId,
        accountId: h.account('1120'),
        amount,
      }),
      201,
    )
  ).id;
const allocate = (paymentId: string, invoiceId: string, amount: string) =>
  api.post(`/payments/${paymentId}/allocations`, staff, { allocations: [{ invoiceId, amount }] }).then((r) => r.status);
const rawAllocate = (paymentId: string, invoiceId: string, minor: number) =>
  h.db.db
    .execute(sql`insert into finance.payment_allocations (payment_id, invoice_id, amount)
      values (${paymentId}, ${invoiceId}, ${minor})`)
    .then(
      () => 'ok',
      (err: unknown) => String(toProblemError(err, { ...financeConstraints, ...financeRules })?.status ?? err),
    );
const paidOf = async (invoiceId: string) =>
  rowsOf<{ paid: string; total: string; sum: string }>(
    await h.db.db.execute(sql`select i.paid_amount::text as paid, i.total::text as total,
      (select coalesce(sum(amount), 0) from finance.payment_allocations a where a.invoice_id = i.id)::text as sum
      from finance.invoices i where i.id = ${invoiceId}`),
  )[0];
const allocatedOf = async (paymentId: string) =>
  rowsOf<{ allocated: string; amount: string; sum: string }>(
    await h.db.db.execute(sql`select p.allocated_amount::text as allocated, p.amount::text as amount,
      (select coalesce(sum(amount), 0) from finance.payment_allocations a where a.payment_id = p.id)::text as sum
      from finance.payments p where p.id = ${paymentId}`),
  )[0];

describe.skipIf(!onServer)('concurrent allocations (PostgreSQL)', () => {
  it('ten clerks allocate 300 each against one invoice of 1000 at once: three win, never over', async () => {
    const c = await customer();
    const inv = await invoice(c, '1000.00');
    const pays = [];
    for (let i = 0; i < 10; i++) pays.push(await payment(c, '300.00'));
    const outcomes = await Promise.all(pays.map((p) => allocate(p, inv, '300.00')));
    expect(outcomes.filter((s) => s === 200)).toHaveLength(3);
    expect(outcomes.filter((s) => s !== 200)).toEqual(Array(7).fill(422));
    expect(await paidOf(inv)).toEqual({ paid: '90000', total: '100000', sum: '90000' });
  });

  it('one payment of 500 allocated to ten invoices at once (100 each): five win, never over', async () => {
    const c = await customer();
    const invs = [];
    for (let i = 0; i < 10; i++) invs.push(await invoice(c, '100.00'));
    const p = await payment(c, '500.00');
    const outcomes = await Promise.all(invs.map((inv) => allocate(p, inv, '100.00')));
    expect(outcomes.filter((s) => s === 200)).toHaveLength(5);
    expect(await allocatedOf(p)).toEqual({ allocated: '50000', amount: '50000', sum: '50000' });
  });

  it('raw SQL at once, without the app’s locks: the database alone keeps both rules', async () => {
    const c = await customer();
    const inv = await invoice(c, '1000.00');
    const pays = [];
    for (let i = 0; i < 10; i++) pays.push(await payment(c, '300.00'));
    const outcomes = await Promise.all(pays.map((p) => rawAllocate(p, inv, 30000)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual(Array(7).fill('409'));
    expect(await paidOf(inv)).toEqual({ paid: '90000', total: '100000', sum: '90000' });

    const invs = [];
    for (let i = 0; i < 10; i++) invs.push(await invoice(c, '100.00'));
    const p = await payment(c, '500.00');
    const raw = await Promise.all(invs.map((i) => rawAllocate(p, i, 10000)));
    expect(raw.filter((o) => o === 'ok')).toHaveLength(5);
    expect(await allocatedOf(p)).toEqual({ allocated: '50000', amount: '50000', sum: '50000' });
  });
});
