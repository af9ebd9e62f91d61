/**
 * The published open receivables and payables: days past due follow the company's calendar, as of
 * the date the reader passes (`daysPastDue`), never the database server's own day.
 */

import { daysPastDue, openPayables, openReceivables } from '@konecta/db';
import { eq, getViewSelectedFields } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, expectJson, type Harness, openYear, requester, tokenAs } from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let staff: string;
let invoiceId: string;
let billId: string;

beforeAll(async () => {
  // 22:30 UTC on 31 March is already 1 April in Cairo (UTC+2).
  h = await createHarness({ now: '2026-03-31T22:30:00Z', env: { COMPANY_TIMEZONE: 'Africa/Cairo' } });
  api = requester(h.app);
  staff = await tokenAs(h.keys, 'Finance Staff');
  await openYear(h, 2026);
  const c = await expectJson<{ id: string }>(
    await api.post('/customers', staff, { name: 'Due today', paymentTermsDays: 0 }),
    201,
  );
  const draft = await expectJson<{ id: string }>(
    await api.post('/invoices', staff, {
      customerId: c.id,
      issueDate: '2026-03-31',
      lines: [{ description: 'Work', quantity: '1', unitPrice: '10.00', accountId: h.account('4200') }],
    }),
    201,
  );
  invoiceId = draft.id;
  await expectJson(await api.post(`/invoices/${invoiceId}/issue`, staff));
  const v = await expectJson<{ id: string }>(
    await api.post('/vendors', staff, { name: 'Due earlier', paymentTermsDays: 0 }),
    201,
  );
  const bill = await expectJson<{ id: string }>(
    await api.post('/bills', staff, {
      vendorId: v.id,
      billDate: '2026-03-20',
      vendorReference: 'B-1',
      lines: [{ description: 'Paper', quantity: '1', unitPrice: '5.00', accountId: h.account('5500') }],
    }),
    201,
  );
  billId = bill.id;
  await expectJson(await api.post(`/bills/${billId}/approve`, staff));
});
afterAll(() => h?.close());

describe('open receivables and payables, overdue by the company calendar', () => {
  it('an invoice due 31 March is one day past due once it is 1 April in Cairo, though still 31 March in UTC', async () => {
    const today = h.ctx.calendar.today();
    expect(today).toBe('2026-04-01');
    const [row] = await h.db.db
      .select({ ...getViewSelectedFields(openReceivables), daysOverdue: daysPastDue(openReceivables.dueDate, today) })
      .from(openReceivables)
      .where(eq(openReceivables.invoiceId, invoiceId));
    expect(row).toMatchObject({ dueDate: '2026-03-31', amountDue: 1000n, daysOverdue: 1 });
    // As of the due date or before, not overdue.
    const [onDue] = await h.db.db
      .select({ daysOverdue: daysPastDue(openReceivables.dueDate, '2026-03-31') })
      .from(openReceivables)
      .where(eq(openReceivables.invoiceId, invoiceId));
    expect(onDue?.daysOverdue).toBe(0);
    const [before] = await h.db.db
      .select({ daysOverdue: daysPastDue(openReceivables.dueDate, '2026-03-01') })
      .from(openReceivables)
      .where(eq(openReceivables.invoiceId, invoiceId));
    expect(before?.daysOverdue).toBe(0);
  });

  it('payables the same way; the moving clock moves the figure, the views hold no day of their own', async () => {
    const read = async () =>
      (
        await h.db.db
          .select({ daysOverdue: daysPastDue(openPayables.dueDate, h.ctx.calendar.today()) })
          .from(openPayables)
          .where(eq(openPayables.billId, billId))
      )[0]?.daysOverdue;
    expect(await read()).toBe(12);
    h.clock.set('2026-04-10T21:59:00Z'); // 23:59 in Cairo
    expect(await read()).toBe(21);
    h.clock.set('2026-04-10T22:00:00Z'); // midnight in Cairo
    expect(await read()).toBe(22);
    expect(Object.keys(getViewSelectedFields(openReceivables))).not.toContain('daysOverdue');
  });
});
