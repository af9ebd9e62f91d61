/**
 * Vendors and bills through the real app: drafting, approving (number and posting), the vendor's
 * invoice number unique per vendor (held by the database), immutability, void by reversal, and
 * bills drafted from the `operation.goods.received` event, once per event, flagging differences.
 */
import {
  type DomainEvent,
  inTransaction,
  LocalEventBus,
  operationEvents,
  publishEvent,
  toProblemError,
} from '@konecta/core';
import { outbox, rowsOf } from '@konecta/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financeBackground } from '../src/background';
import { financeConstraints, financeRules } from '../src/constraints';
import { createHarness, expectJson, expectProblem, type Harness, openYear, requester, tokenAs } from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let staff: string;
let bus: LocalEventBus;
beforeAll(async () => {
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  api = requester(h.app);
  staff = await tokenAs(h.keys, 'Finance Staff');
  await openYear(h, 2026);
  bus = new LocalEventBus();
  financeBackground.subscribe?.(bus, h.deps);
});
afterAll(() => h?.close());

type BillLine = {
  id: string;
  quantity: string;
  unitPrice: string;
  orderedQuantity: string | null;
  receivedQuantity: string | null;
  orderedUnitPrice: string | null;
  hasDifference: boolean;
  net: string;
};
type Bill = {
  id: string;
  number: string | null;
  status: string;
  vendorReference: string | null;
  dueDate: string;
  total: string;
  amountDue: string;
  journalEntryId: string | null;
  voidEntryId: string | null;
  orderNumber: string | null;
  hasDifference: boolean;
  lines: BillLine[];
};

const vendor = async (body: Record<string, unknown> = {}) =>
  expectJson<{ id: string }>(
    await api.post('/vendors', staff, {
      name: `Vendor ${Math.random().toString(36).slice(2, 8)}`,
      paymentTermsDays: 30,
      ...body,
    }),
    201,
  );
const line = (over: Record<string, unknown> = {}) => ({
  description: 'Paper',
  quantity: '10',
  unitPrice: '50',
  accountId: h.account('5500'),
  ...over,
});
const draft = async (vendorId: string, extra: Record<string, unknown> = {}) =>
  expectJson<Bill>(
    await api.post('/bills', staff, {
      vendorId,
      billDate: '2026-03-05',
      vendorReference: `V-${Math.random()}`,
      lines: [line()],
      ...extra,
    }),
    201,
  );
const problemOf = (q: ReturnType<typeof sql>) =>
  h.db.db.execute(q).then(
    () => 'accepted',
    (err: unknown) => toProblemError(err, { ...financeConstraints, ...financeRules })?.status,
  );
const balanced = async () => {
  const [row] = rowsOf<{ d: string; c: string }>(
    await h.db.db.execute(
      sql`select sum(debit)::text as d, sum(credit)::text as c from finance.journal_lines where posted`,
    ),
  );
  expect(row?.d).toBe(row?.c);
};

describe('bills', () => {
  it('approves: number, posting of expense, tax receivable, withholding payable and payable', async () => {
    const v = await vendor();
    const bill = await draft(v.id, { lines: [line({ taxPercent: '14', withholdingPercent: '1' })] });
    expect(bill).toMatchObject({ status: 'draft', dueDate: '2026-04-04', total: '565.00' });
    const approved = await expectJson<Bill>(await api.post(`/bills/${bill.id}/approve`, staff));
    expect(approved).toMatchObject({
      status: 'approved',
      number: expect.stringMatching(/^BILL-2026-\d{5}$/),
      amountDue: '565.00',
    });
    const lines = rowsOf<{ code: string; debit: string; credit: string }>(
      await h.db.db.execute(sql`select a.code, l.debit::text, l.credit::text from finance.journal_lines l
        join finance.accounts a on a.id = l.account_id where l.entry_id = ${approved.journalEntryId} order by l.line_no`),
    );
    expect(lines).toEqual([
      { code: '5500', debit: '50000', credit: '0' },
      { code: '1150', debit: '7000', credit: '0' },
      { code: '2140', debit: '0', credit: '500' },
      { code: '2110', debit: '0', credit: '56500' },
    ]);
    const events = await h.db.db.select().from(outbox).where(eq(outbox.subject, bill.id));
    expect(events.map((e) => e.type)).toContain('finance.bill.approved');
    await expectProblem(await api.post(`/bills/${bill.id}/approve`, staff), 409);
    await expectProblem(await api.patch(`/bills/${bill.id}`, staff, { vendorId: v.id, lines: [line()] }), 409);
    expect(await problemOf(sql`update finance.bills set total = 1 where id = ${bill.id}`)).toBe(409);
    expect(await problemOf(sql`update finance.bill_lines set quantity = 1 where bill_id = ${bill.id}`)).toBe(409);
    expect(await problemOf(sql`delete from finance.bills where id = ${bill.id}`)).toBe(409);
    await balanced();
  });

  it('needs the vendor’s invoice number to approve, unique per vendor (also by raw SQL)', async () => {
    const v = await vendor();
    const other = await vendor();
    const noRef = await draft(v.id, { vendorReference: null });
    const missing = await expectProblem(await api.post(`/bills/${noRef.id}/approve`, staff), 422);
    expect(missing.errors?.[0]?.path).toBe('vendorReference');
    await draft(v.id, { vendorReference: 'INV-77' });
    const dup = await expectProblem(
      await api.post('/bills', staff, { vendorId: v.id, vendorReference: 'INV-77', lines: [line()] }),
      409,
    );
    expect(dup.errors?.[0]?.path ?? dup.detail).toMatch(/vendorReference|invoice number/);
    // Another vendor may use the same number.
    await draft(other.id, { vendorReference: 'INV-77' });
    expect(
      await problemOf(sql`insert into finance.bills (vendor_id, vendor_reference, bill_date, due_date, currency)
        values (${v.id}, 'INV-77', '2026-03-01', '2026-03-01', 'EGP')`),
    ).toBe(409);
  });

  it('voids an unpaid bill by reversing its entry and frees its vendor number', async () => {
    const v = await vendor();
    const bill = await draft(v.id, { vendorReference: 'R-1' });
    await expectJson(await api.post(`/bills/${bill.id}/approve`, staff));
    const voided = await expectJson<Bill>(await api.post(`/bills/${bill.id}/void`, staff));
    expect(voided.status).toBe('void');
    const [rev] = rowsOf<{ reverses_id: string }>(
      await h.db.db.execute(sql`select reverses_id from finance.journal_entries where id = ${voided.voidEntryId}`),
    );
    expect(rev?.reverses_id).toBe(voided.journalEntryId);
    await expectProblem(await api.post(`/bills/${bill.id}/void`, staff), 409);
    await draft(v.id, { vendorReference: 'R-1' });
    await balanced();
  });

  it('lists by status and vendor; bad input answers 4xx naming the field', async () => {
    const v = await vendor();
    const b = await draft(v.id);
    const list = await expectJson<{ items: Bill[] }>(await api.get(`/bills?vendorId=${v.id}&status=draft`, staff));
    expect(list.items.map((x) => x.id)).toEqual([b.id]);
    const bad = await expectProblem(
      await api.post('/bills', staff, {
        vendorId: v.id,
        lines: [line({ withholdingPercent: '-1', quantity: '1.0001' })],
      }),
      422,
    );
    expect(bad.errors?.map((e) => e.path).sort()).toEqual(['lines.0.quantity', 'lines.0.withholdingPercent']);
    const income = await expectProblem(
      await api.post('/bills', staff, { vendorId: v.id, lines: [line({ accountId: h.account('4100') })] }),
      422,
    );
    expect(income.errors?.[0]?.path).toBe('lines.0.accountId');
    await expectProblem(await api.get('/bills?status=open', staff), 400);
  });
});

describe('bills from goods received (operation.goods.received)', () => {
  const publish = async (data: Parameters<typeof publishEvent<typeof operationEvents.goodsReceived>>[2]['data']) => {
    const id = await inTransaction(h.ctx.db, (tx) =>
      publishEvent(tx, operationEvents.goodsReceived, { subject: data.orderId, data }),
    );
    const [row] = await h.db.db.select().from(outbox).where(eq(outbox.id, id));
    if (!row) throw new Error('not published');
    return { ...row, occurredAt: row.occurredAt.toISOString(), data: row.data } as DomainEvent;
  };

  it('drafts a bill keeping ordered and received beside billed, flags differences, once per event', async () => {
    const v = await vendor();
    const orderId = crypto.randomUUID();
    const event = await publish({
      orderId,
      orderNumber: 'PO-2026-00012',
      vendorId: v.id,
      receivedDate: '2026-03-12',
      currency: 'EGP',
      lines: [
        {
          itemId: crypto.randomUUID(),
          description: 'Toner',
          orderedQuantity: '10',
          receivedQuantity: '10',
          unitPrice: '120.00',
        },
        {
          itemId: crypto.randomUUID(),
          description: 'Paper',
          orderedQuantity: '20',
          receivedQuantity: '15',
          unitPrice: '45.50',
          accountId: h.account('5500'),
        },
        { itemId: null, description: 'Backordered', orderedQuantity: '5', receivedQuantity: '0', unitPrice: '10' },
      ],
    });
    expect((await bus.deliver([event])).size).toBe(0);
    expect((await bus.deliver([event])).size).toBe(0);
    const found = await expectJson<{ items: Bill[] }>(await api.get('/bills?q=PO-2026-00012', staff));
    expect(found.items).toHaveLength(1);
    const bill = await expectJson<Bill>(await api.get(`/bills/${found.items[0]?.id}`, staff));
    expect(bill).toMatchObject({
      status: 'draft',
      orderNumber: 'PO-2026-00012',
      hasDifference: true,
      total: '1882.50',
    });
    expect(
      bill.lines.map((l) => [l.quantity, l.orderedQuantity, l.receivedQuantity, l.orderedUnitPrice, l.hasDifference]),
    ).toEqual([
      ['10.000', '10.000', '10.000', '120.00', false],
      ['15.000', '20.000', '15.000', '45.50', true],
    ]);
    // The clerk bills the price the vendor charged on the first line: kept beside the order's, flagged.
    const [first, second] = bill.lines;
    const edited = await expectJson<Bill>(
      await api.patch(`/bills/${bill.id}`, staff, {
        vendorId: v.id,
        vendorReference: 'TX-991',
        billDate: '2026-03-12',
        lines: [
          { id: first?.id, description: 'Toner', quantity: '10', unitPrice: '125', accountId: h.account('1140') },
          { id: second?.id, description: 'Paper', quantity: '15', unitPrice: '45.50', accountId: h.account('5500') },
        ],
      }),
    );
    expect(edited.lines.map((l) => [l.orderedUnitPrice, l.unitPrice, l.hasDifference])).toEqual([
      ['120.00', '125.00', true],
      ['45.50', '45.50', true],
    ]);
    await expectJson(await api.post(`/bills/${bill.id}/approve`, staff));
  });

  it('refuses an event for an unknown vendor (the delivery fails and is retried), drafting nothing', async () => {
    const event = await publish({
      orderId: crypto.randomUUID(),
      orderNumber: 'PO-2026-00099',
      vendorId: crypto.randomUUID(),
      receivedDate: '2026-03-12',
      currency: 'EGP',
      lines: [{ itemId: null, description: 'X', orderedQuantity: '1', receivedQuantity: '1', unitPrice: '1' }],
    });
    expect((await bus.deliver([event])).size).toBe(1);
    const found = await expectJson<{ items: Bill[] }>(await api.get('/bills?q=PO-2026-00099', staff));
    expect(found.items).toHaveLength(0);
    const [seen] = rowsOf<{ n: number }>(
      await h.db.db.execute(sql`select count(*)::int as n from platform.consumed_events where event_id = ${event.id}`),
    );
    expect(seen?.n).toBe(0);
  });
});
