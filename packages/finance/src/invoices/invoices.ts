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
import { customers, invoiceLines, invoices } from '@konecta/db';
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
export type Invoice = typeof invoices.$inferSelect;
export type InvoiceStatus = Invoice['status'];

export interface InvoiceBody {
  customerId: string;
  /** Today unless given. */
  issueDate?: string | undefined;
  /** The customer's currency unless given. */
  currency?: string | undefined;
  memo?: string | undefined;
  lines: LineBody[];
}

/** Income accounts only: what an invoice line earns. */
const INCOME = ['income'] as const;

/** Whether an invoice is past its due date today with something still owed (derived, never stored). */
export const isOverdue = (i: Pick<Invoice, 'status' | 'dueDate'>, today: string) =>
  (i.status === 'issued' || i.status === 'partially_paid') && i.dueDate < today;

export function invoiceJson(ctx: FinanceContext, i: Invoice & { customerName?: string }) {
  const money = (minor: bigint) => toMoneyJson({ minor, currency: i.currency }).amount;
  return {
    id: i.id,
    number: i.number,
    customerId: i.customerId,
    customerName: i.customerName ?? null,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    status: i.status,
    overdue: isOverdue(i, ctx.calendar.today()),
    currency: i.currency,
    rate: i.rate,
    ...amountsJson(i, i.currency),
    creditedAmount: money(i.creditedAmount),
    paidAmount: money(i.paidAmount),
    // A void document owes nothing (the column keeps the arithmetic; the status says it no longer counts).
    amountDue: money(i.status === 'void' ? 0n : i.amountDue),
    memo: i.memo,
    journalEntryId: i.journalEntryId,
    voidEntryId: i.voidEntryId,
    issuedBy: i.issuedBy,
    issuedAt: i.issuedAt?.toISOString() ?? null,
    voidedAt: i.voidedAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
  };
}

/** The currency, rate and due date a draft takes from its customer and issue date. */
async function terms(ctx: FinanceContext, body: InvoiceBody) {
  const t = await documentTerms(ctx, 'customer', body.customerId, body.issueDate, body.currency);
  return { issueDate: t.date, dueDate: t.dueDate, currency: t.currency, rate: t.rate };
}

async function writeLines(ctx: FinanceContext, invoiceId: string, lines: PreparedLine[]) {
  if (lines.length)
    await executorFor(ctx.db)
      .insert(invoiceLines)
      .values(lines.map((l) => ({ ...l, invoiceId })));
}

/** Creates a draft: lines worked out and totalled, nothing posted, no number yet. */
export async function createInvoice(ctx: FinanceContext, caller: Actor, body: InvoiceBody) {
  const id = await inTransaction(ctx.db, async (tx) => {
    const t = await terms(ctx, body);
    const lines = await prepareLines(ctx, t.currency, body.lines, INCOME);
    const [row] = await tx
      .insert(invoices)
      .values({ customerId: body.customerId, ...t, ...sumAmounts(lines), memo: body.memo ?? '', createdBy: caller.id })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeLines(ctx, row.id, lines);
    await recordAudit(tx, {
      action: 'invoice.drafted',
      entityType: 'invoice',
      entityId: row.id,
      after: { customerId: row.customerId, total: toMoneyJson({ minor: row.total, currency: row.currency }).amount },
      actor: caller,
      service: 'finance',
    });
    return row.id;
  });
  return getInvoice(ctx, id);
}

/** Replaces a draft's customer, dates, currency and lines; anything issued answers 409. */
export async function updateInvoice(ctx: FinanceContext, caller: Actor, id: string, body: InvoiceBody) {
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
    if (!before) throw notFound('No such invoice.');
    if (before.status !== 'draft')
      throw conflict('An issued invoice cannot be edited; void it or issue a credit note.');
    const t = await terms(ctx, body);
    const lines = await prepareLines(ctx, t.currency, body.lines, INCOME);
    await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, id));
    await tx
      .update(invoices)
      .set({ customerId: body.customerId, ...t, ...sumAmounts(lines), memo: body.memo ?? '', updatedAt: ctx.now() })
      .where(eq(invoices.id, id));
    await writeLines(ctx, id, lines);
    await recordAudit(tx, {
      action: 'invoice.edited',
      entityType: 'invoice',
      entityId: id,
      before: { total: toMoneyJson({ minor: before.total, currency: before.currency }).amount },
      after: { total: toMoneyJson({ minor: sumAmounts(lines).total, currency: t.currency }).amount },
      actor: caller,
      service: 'finance',
    });
  });
  return getInvoice(ctx, id);
}

export async function deleteInvoice(ctx: FinanceContext, caller: Actor, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
    if (!row) throw notFound('No such invoice.');
    if (row.status !== 'draft') throw conflict('An issued invoice cannot be deleted; void it.');
    await tx.delete(invoices).where(eq(invoices.id, id));
    await recordAudit(tx, {
      action: 'invoice.deleted',
      entityType: 'invoice',
      entityId: id,
      actor: caller,
      service: 'finance',
    });
  });
}

/** The totals a draft would have, without storing it: what the form shows as the clerk types. */
export async function previewInvoice(ctx: FinanceContext, body: InvoiceBody) {
  const t = await terms(ctx, body);
  const lines = await prepareLines(ctx, t.currency, body.lines);
  return {
    ...t,
    ...amountsJson(sumAmounts(lines), t.currency),
    lines: lines.map((l) => ({ lineNo: l.lineNo, ...amountsJson(l, t.currency) })),
  };
}

/**
 * Issues a draft: takes the next `INV` number of its fiscal year and posts receivable (net + tax −
 * withholding), withholding receivable, income per line and tax payable, in one transaction. The
 * customer's row is locked first, so two issues for one customer take turns over the credit limit:
 * over it, issuing warns (`warnings` in the answer) or, when the customer is set to stop, is
 * refused (422 naming `customerId`).
 */
export async function issueInvoice(ctx: FinanceContext, caller: Actor, id: string) {
  const warnings: string[] = [];
  await inTransaction(ctx.db, async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
    if (!invoice) throw notFound('No such invoice.');
    if (invoice.status !== 'draft') throw conflict(`The invoice is already ${invoice.status.replace('_', ' ')}.`);
    const lines = await tx
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, id))
      .orderBy(asc(invoiceLines.lineNo));
    if (!lines.length || invoice.total <= 0n)
      throw unprocessable('An invoice needs at least one line and an amount owed.', [
        { path: 'lines', message: 'Add a line with an amount.' },
      ]);
    const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId)).for('update');
    if (!customer) throw notFound('No such customer.');
    if (!customer.active)
      throw unprocessable(`${customer.name} is deactivated.`, [{ path: 'customerId', message: 'Deactivated.' }]);
    if (customer.creditLimit !== null && invoice.currency === customer.currency) {
      const [open] = await tx
        .select({ due: sql<string>`coalesce(sum(${invoices.amountDue}), 0)::text` })
        .from(invoices)
        .where(
          and(
            eq(invoices.customerId, customer.id),
            eq(invoices.currency, customer.currency),
            inArray(invoices.status, ['issued', 'partially_paid']),
          ),
        );
      const exposure = BigInt(open?.due ?? '0') + invoice.total;
      if (exposure > customer.creditLimit) {
        const m = (minor: bigint) => toMoneyJson({ minor, currency: customer.currency }).amount;
        const message = `${customer.name} would owe ${m(exposure)} ${customer.currency}, over the credit limit of ${m(customer.creditLimit)}.`;
        if (customer.creditLimitAction === 'stop')
          throw unprocessable(message, [{ path: 'customerId', message: 'Over the credit limit.' }]);
        warnings.push(message);
      }
    }
    const number = await nextNumber(ctx, 'INV', invoice.issueDate, 'issueDate');
    const entry = await postNewEntry(ctx, caller, {
      date: invoice.issueDate,
      memo: `Invoice ${number} – ${customer.name}`,
      currency: invoice.currency,
      rate: invoice.rate,
      source: 'invoice',
      sourceRef: number,
      lines: await documentEntryLines(ctx, 'receivable', invoice.customerId, lines, 'post'),
    });
    await tx
      .update(invoices)
      .set({
        status: 'issued',
        number,
        journalEntryId: entry.id,
        issuedBy: caller.id,
        issuedAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .where(eq(invoices.id, id));
    const total = toMoneyJson({ minor: invoice.total, currency: invoice.currency });
    await recordAudit(tx, {
      action: 'invoice.issued',
      entityType: 'invoice',
      entityId: id,
      after: { number, total: total.amount, entry: entry.number, warnings },
      actor: caller,
      service: 'finance',
    });
    await publishEvent(tx, financeEvents.invoiceIssued, {
      subject: id,
      ...(caller.id ? { actorId: caller.id } : {}),
      data: {
        invoiceId: id,
        number,
        customerId: invoice.customerId,
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        total,
        entryId: entry.id,
      },
    });
  });
  return { ...(await getInvoice(ctx, id)), warnings };
}

/** Voids an issued invoice nothing has been paid or credited on (documents/void.ts), and says so. */
export async function voidInvoice(ctx: FinanceContext, caller: Actor, id: string) {
  await voidDocument(ctx, caller, 'receivable', id, (tx, invoice, reversal) =>
    publishEvent(tx, financeEvents.invoiceVoided, {
      subject: id,
      ...(caller.id ? { actorId: caller.id } : {}),
      data: { invoiceId: id, number: invoice.number, customerId: invoice.partyId, reversalId: reversal.id },
    }),
  );
  return getInvoice(ctx, id);
}

export async function invoiceWithLines(ctx: FinanceContext, id: string) {
  const db = executorFor(ctx.db);
  const [row] = await db
    .select({ invoice: invoices, customerName: customers.name })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(eq(invoices.id, id));
  if (!row) throw notFound('No such invoice.');
  const lines = await db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, id))
    .orderBy(asc(invoiceLines.lineNo));
  return { invoice: { ...row.invoice, customerName: row.customerName }, lines };
}

export async function getInvoice(ctx: FinanceContext, id: string) {
  const { invoice, lines } = await invoiceWithLines(ctx, id);
  return {
    ...invoiceJson(ctx, invoice),
    lines: lines.map((l) => ({ ...lineJson(l, invoice.currency), creditedQuantity: l.creditedQuantity })),
  };
}

export interface InvoiceFilter extends ListPage {
  status?: InvoiceStatus | undefined;
  customerId?: string | undefined;
  overdue?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

export async function listInvoices(ctx: FinanceContext, filter: InvoiceFilter) {
  const db = executorFor(ctx.db);
  const today = ctx.calendar.today();
  const where: SQL[] = [];
  if (filter.status) where.push(eq(invoices.status, filter.status));
  if (filter.customerId) where.push(eq(invoices.customerId, filter.customerId));
  if (filter.from) where.push(gte(invoices.issueDate, filter.from));
  if (filter.to) where.push(lte(invoices.issueDate, filter.to));
  const open = inArray(invoices.status, ['issued', 'partially_paid']);
  if (filter.overdue === true) where.push(and(open, lt(invoices.dueDate, today)) as SQL);
  if (filter.overdue === false) where.push(or(sql`not (${open})`, gte(invoices.dueDate, today)) as SQL);
  if (filter.q) {
    const like = containing(filter.q);
    where.push(or(ilike(invoices.number, like), ilike(customers.name, like), ilike(invoices.memo, like)) as SQL);
  }
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select({ invoice: invoices, customerName: customers.name })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(condition)
    .orderBy(desc(invoices.issueDate), desc(invoices.createdAt), asc(invoices.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const total = await countUpTo(
    db,
    db
      .select({ id: invoices.id })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(condition),
  );
  return pageOf(
    rows.map((r) => invoiceJson(ctx, { ...r.invoice, customerName: r.customerName })),
    total,
    filter,
  );
}
