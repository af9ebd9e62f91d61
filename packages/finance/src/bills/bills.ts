import {
  type Caller,
  conflict,
  countUpTo,
  executorFor,
  financeEvents,
  inTransaction,
  type ListPage,
  notFound,
  pageOf,
  publishEvent,
  recordAudit,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import { billLines, bills, vendors } from '@konecta/db';
import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { amountsJson, type LineBody, lineJson, type PreparedLine, prepareLines, sumAmounts } from '../documents/lines';
import { documentEntryLines } from '../documents/posting';
import { documentTerms } from '../documents/terms';
import { voidDocument } from '../documents/void';
import { postNewEntry } from '../journals/entries';
import { nextNumber } from '../numbering/numbering';
import { containing } from '../search';

type Actor = Pick<Caller, 'kind' | 'id'>;
export type Bill = typeof bills.$inferSelect;
export type BillStatus = Bill['status'];

/** What a line drafted from received goods keeps beside what is billed. */
export interface ReceivedGoods {
  itemId: string | null;
  orderedQuantity: string | null;
  receivedQuantity: string | null;
  orderedUnitPrice: bigint | null;
}

export interface BillBody {
  vendorId: string;
  vendorReference?: string | null | undefined;
  billDate?: string | undefined;
  currency?: string | undefined;
  memo?: string | undefined;
  /** A line with the `id` of a line of the draft keeps what that line recorded of the received goods. */
  lines: (LineBody & { id?: string | undefined })[];
}

/** A bill line is an expense, or an asset bought (inventory, equipment). */
const BILLABLE = ['expense', 'asset'] as const;

export const isBillOverdue = (b: Pick<Bill, 'status' | 'dueDate'>, today: string) =>
  (b.status === 'approved' || b.status === 'partially_paid') && b.dueDate < today;

export function billJson(ctx: FinanceContext, b: Bill & { vendorName?: string }) {
  const money = (minor: bigint) => toMoneyJson({ minor, currency: b.currency }).amount;
  return {
    id: b.id,
    number: b.number,
    vendorId: b.vendorId,
    vendorName: b.vendorName ?? null,
    vendorReference: b.vendorReference,
    billDate: b.billDate,
    dueDate: b.dueDate,
    status: b.status,
    overdue: isBillOverdue(b, ctx.calendar.today()),
    currency: b.currency,
    rate: b.rate,
    ...amountsJson(b, b.currency),
    creditedAmount: money(b.creditedAmount),
    paidAmount: money(b.paidAmount),
    // A void document owes nothing (the column keeps the arithmetic; the status says it no longer counts).
    amountDue: money(b.status === 'void' ? 0n : b.amountDue),
    memo: b.memo,
    orderId: b.orderId,
    orderNumber: b.orderNumber,
    journalEntryId: b.journalEntryId,
    voidEntryId: b.voidEntryId,
    approvedBy: b.approvedBy,
    approvedAt: b.approvedAt?.toISOString() ?? null,
    voidedAt: b.voidedAt?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
  };
}

async function terms(ctx: FinanceContext, body: Pick<BillBody, 'vendorId' | 'billDate' | 'currency'>) {
  const t = await documentTerms(ctx, 'vendor', body.vendorId, body.billDate, body.currency);
  return { billDate: t.date, dueDate: t.dueDate, currency: t.currency, rate: t.rate };
}

async function writeLines(ctx: FinanceContext, billId: string, lines: (PreparedLine & Partial<ReceivedGoods>)[]) {
  if (lines.length)
    await executorFor(ctx.db)
      .insert(billLines)
      .values(lines.map((l) => ({ ...l, billId })));
}

/** Creates a draft bill; `received` carries, per line, what was ordered and received (from goods received). */
export async function createBill(
  ctx: FinanceContext,
  caller: Actor,
  body: BillBody,
  source: { orderId: string; orderNumber: string; received: ReceivedGoods[] } | null = null,
) {
  return inTransaction(ctx.db, async (tx) => {
    const t = await terms(ctx, body);
    const lines = await prepareLines(ctx, t.currency, body.lines, BILLABLE);
    const [row] = await tx
      .insert(bills)
      .values({
        vendorId: body.vendorId,
        vendorReference: body.vendorReference ?? null,
        ...t,
        ...sumAmounts(lines),
        memo: body.memo ?? '',
        orderId: source?.orderId ?? null,
        orderNumber: source?.orderNumber ?? null,
        createdBy: caller.id,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeLines(
      ctx,
      row.id,
      lines.map((l, i) => ({ ...l, ...(source?.received[i] ?? {}) })),
    );
    await recordAudit(tx, {
      action: 'bill.drafted',
      entityType: 'bill',
      entityId: row.id,
      after: {
        vendorId: row.vendorId,
        orderNumber: row.orderNumber,
        total: toMoneyJson({ minor: row.total, currency: row.currency }).amount,
      },
      actor: caller,
      service: 'finance',
    });
    return row.id;
  });
}

export async function updateBill(ctx: FinanceContext, caller: Actor, id: string, body: BillBody) {
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(bills).where(eq(bills.id, id)).for('update');
    if (!before) throw notFound('No such bill.');
    if (before.status !== 'draft') throw conflict('An approved bill cannot be edited; void it.');
    const t = await terms(ctx, body);
    const lines = await prepareLines(ctx, t.currency, body.lines, BILLABLE);
    const old = new Map(
      (await tx.select().from(billLines).where(eq(billLines.billId, id))).map((l) => [l.id, l] as const),
    );
    await tx.delete(billLines).where(eq(billLines.billId, id));
    await tx
      .update(bills)
      .set({
        vendorId: body.vendorId,
        vendorReference: body.vendorReference ?? null,
        ...t,
        ...sumAmounts(lines),
        memo: body.memo ?? '',
        updatedAt: ctx.now(),
      })
      .where(eq(bills.id, id));
    await writeLines(
      ctx,
      id,
      lines.map((l, i) => {
        const was = old.get(body.lines[i]?.id ?? '');
        return was
          ? {
              ...l,
              itemId: was.itemId,
              orderedQuantity: was.orderedQuantity,
              receivedQuantity: was.receivedQuantity,
              orderedUnitPrice: was.orderedUnitPrice,
            }
          : l;
      }),
    );
    await recordAudit(tx, {
      action: 'bill.edited',
      entityType: 'bill',
      entityId: id,
      before: { total: toMoneyJson({ minor: before.total, currency: before.currency }).amount },
      after: { total: toMoneyJson({ minor: sumAmounts(lines).total, currency: t.currency }).amount },
      actor: caller,
      service: 'finance',
    });
  });
  return getBill(ctx, id);
}

export async function deleteBill(ctx: FinanceContext, caller: Actor, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(bills).where(eq(bills.id, id)).for('update');
    if (!row) throw notFound('No such bill.');
    if (row.status !== 'draft') throw conflict('An approved bill cannot be deleted; void it.');
    await tx.delete(bills).where(eq(bills.id, id));
    await recordAudit(tx, {
      action: 'bill.deleted',
      entityType: 'bill',
      entityId: id,
      actor: caller,
      service: 'finance',
    });
  });
}

export async function previewBill(ctx: FinanceContext, body: BillBody) {
  const t = await terms(ctx, body);
  const lines = await prepareLines(ctx, t.currency, body.lines);
  return {
    issueDate: t.billDate,
    dueDate: t.dueDate,
    currency: t.currency,
    rate: t.rate,
    ...amountsJson(sumAmounts(lines), t.currency),
    lines: lines.map((l) => ({ lineNo: l.lineNo, ...amountsJson(l, t.currency) })),
  };
}

/**
 * Approves a draft: the next `BILL` number of its fiscal year and the posting of expense (or
 * inventory) per line and tax receivable against payable (net + tax − withholding) and
 * withholding payable. The vendor's own invoice number must be given by then.
 */
export async function approveBill(ctx: FinanceContext, caller: Actor, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const [bill] = await tx.select().from(bills).where(eq(bills.id, id)).for('update');
    if (!bill) throw notFound('No such bill.');
    if (bill.status !== 'draft') throw conflict(`The bill is already ${bill.status.replace('_', ' ')}.`);
    if (!bill.vendorReference)
      throw unprocessable('Enter the vendor’s invoice number before approving.', [
        { path: 'vendorReference', message: 'Required to approve.' },
      ]);
    const lines = await tx.select().from(billLines).where(eq(billLines.billId, id)).orderBy(asc(billLines.lineNo));
    if (!lines.length || bill.total <= 0n)
      throw unprocessable('A bill needs at least one line and an amount owed.', [
        { path: 'lines', message: 'Add a line with an amount.' },
      ]);
    const [vendor] = await tx.select().from(vendors).where(eq(vendors.id, bill.vendorId));
    const number = await nextNumber(ctx, 'BILL', bill.billDate, 'billDate');
    const entry = await postNewEntry(ctx, caller, {
      date: bill.billDate,
      memo: `Bill ${number} – ${vendor?.name ?? ''} ${bill.vendorReference}`,
      currency: bill.currency,
      rate: bill.rate,
      source: 'bill',
      sourceRef: number,
      lines: await documentEntryLines(ctx, 'payable', bill.vendorId, lines, 'post'),
    });
    await tx
      .update(bills)
      .set({
        status: 'approved',
        number,
        journalEntryId: entry.id,
        approvedBy: caller.id,
        approvedAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .where(eq(bills.id, id));
    const total = toMoneyJson({ minor: bill.total, currency: bill.currency });
    await recordAudit(tx, {
      action: 'bill.approved',
      entityType: 'bill',
      entityId: id,
      after: { number, total: total.amount, entry: entry.number },
      actor: caller,
      service: 'finance',
    });
    await publishEvent(tx, financeEvents.billApproved, {
      subject: id,
      ...(caller.id ? { actorId: caller.id } : {}),
      data: {
        billId: id,
        number,
        vendorId: bill.vendorId,
        vendorReference: bill.vendorReference,
        billDate: bill.billDate,
        dueDate: bill.dueDate,
        total,
        entryId: entry.id,
        orderId: bill.orderId,
      },
    });
  });
  return getBill(ctx, id);
}

/** Voids an approved bill nothing has been paid or credited on (documents/void.ts); its vendor number is free again. */
export async function voidBill(ctx: FinanceContext, caller: Actor, id: string) {
  await voidDocument(ctx, caller, 'payable', id);
  return getBill(ctx, id);
}

export async function getBill(ctx: FinanceContext, id: string) {
  const db = executorFor(ctx.db);
  const [row] = await db
    .select({ bill: bills, vendorName: vendors.name })
    .from(bills)
    .innerJoin(vendors, eq(vendors.id, bills.vendorId))
    .where(eq(bills.id, id));
  if (!row) throw notFound('No such bill.');
  const lines = await db.select().from(billLines).where(eq(billLines.billId, id)).orderBy(asc(billLines.lineNo));
  const currency = row.bill.currency;
  return {
    ...billJson(ctx, { ...row.bill, vendorName: row.vendorName }),
    hasDifference: lines.some((l) => l.hasDifference),
    lines: lines.map((l) => ({
      ...lineJson(l, currency),
      itemId: l.itemId,
      orderedQuantity: l.orderedQuantity,
      receivedQuantity: l.receivedQuantity,
      orderedUnitPrice:
        l.orderedUnitPrice === null ? null : toMoneyJson({ minor: l.orderedUnitPrice, currency }).amount,
      hasDifference: l.hasDifference,
      creditedQuantity: l.creditedQuantity,
    })),
  };
}

export interface BillFilter extends ListPage {
  status?: BillStatus | undefined;
  vendorId?: string | undefined;
  overdue?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

export async function listBills(ctx: FinanceContext, filter: BillFilter) {
  const db = executorFor(ctx.db);
  const today = ctx.calendar.today();
  const where: SQL[] = [];
  if (filter.status) where.push(eq(bills.status, filter.status));
  if (filter.vendorId) where.push(eq(bills.vendorId, filter.vendorId));
  if (filter.from) where.push(gte(bills.billDate, filter.from));
  if (filter.to) where.push(lte(bills.billDate, filter.to));
  const open = inArray(bills.status, ['approved', 'partially_paid']);
  if (filter.overdue === true) where.push(and(open, lt(bills.dueDate, today)) as SQL);
  if (filter.overdue === false) where.push(or(sql`not (${open})`, gte(bills.dueDate, today)) as SQL);
  if (filter.q) {
    const like = containing(filter.q);
    where.push(
      or(
        ilike(bills.number, like),
        ilike(bills.vendorReference, like),
        ilike(vendors.name, like),
        ilike(bills.orderNumber, like),
      ) as SQL,
    );
  }
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select({ bill: bills, vendorName: vendors.name })
    .from(bills)
    .innerJoin(vendors, eq(vendors.id, bills.vendorId))
    .where(condition)
    .orderBy(desc(bills.billDate), desc(bills.createdAt), asc(bills.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const total = await countUpTo(
    db,
    db.select({ id: bills.id }).from(bills).innerJoin(vendors, eq(vendors.id, bills.vendorId)).where(condition),
  );
  return pageOf(
    rows.map((r) => billJson(ctx, { ...r.bill, vendorName: r.vendorName })),
    total,
    filter,
  );
}
