import {
  addDecimals,
  type Caller,
  compareDecimals,
  conflict,
  type Decimal,
  DecimalError,
  executorFor,
  type FieldError,
  formatDecimal,
  inTransaction,
  notFound,
  parseDecimal,
  recordAudit,
  subtractDecimals,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import { creditNoteLines, creditNotes, customerCredits, customers, invoiceLines, invoices } from '@konecta/db';
import { asc, eq, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { factorsOf, type LineAmounts, lineAmounts, subtractAmounts, sumAmounts } from '../documents/lines';
import { postNewEntry } from '../journals/entries';
import { nextNumber } from '../numbering/numbering';
import { invoiceEntryLines } from './invoices';
import { publishingInvoicesPaid } from './paid';

type Actor = Pick<Caller, 'kind' | 'id'>;
type CreditNote = typeof creditNotes.$inferSelect;

export interface CreditNoteBody {
  /** Today unless given; not before the invoice's issue date. */
  date?: string | undefined;
  reason: string;
  /** The lines and quantities taken back; every line's whole remaining quantity when not given. */
  lines?: { lineId: string; quantity: string }[] | undefined;
}

/** A credited quantity, or why it is refused. */
function parseQuantity(text: string): Decimal | string {
  try {
    const quantity = parseDecimal(text, 3);
    return quantity.units > 0n ? quantity : 'The quantity must be greater than zero.';
  } catch (err) {
    if (err instanceof DecimalError) return err.message;
    throw err;
  }
}

export function creditNoteJson(n: CreditNote) {
  const money = (minor: bigint) => toMoneyJson({ minor, currency: n.currency }).amount;
  return {
    id: n.id,
    number: n.number,
    invoiceId: n.invoiceId,
    customerId: n.customerId,
    date: n.date,
    reason: n.reason,
    currency: n.currency,
    net: money(n.net),
    tax: money(n.tax),
    withholding: money(n.withholding),
    total: money(n.total),
    appliedAmount: money(n.appliedAmount),
    customerCredit: money(n.total - n.appliedAmount),
    journalEntryId: n.journalEntryId,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * A credit note against an issued invoice, for all of it or for part of some lines' quantities.
 * Each line's credited amounts are worked out as the amounts of its credited quantity so far less
 * those before, so crediting a line in parts adds up exactly to the line. It posts the reverse of
 * the invoice's entry for those amounts, lowers what the invoice owes, and what exceeds that (the
 * invoice was already paid) becomes the customer's credit. Under the invoice's row lock, so two
 * credit notes never take back the same quantity twice.
 */
export async function createCreditNote(ctx: FinanceContext, caller: Actor, invoiceId: string, body: CreditNoteBody) {
  const id = await inTransaction(ctx.db, async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for('update');
    if (!invoice) throw notFound('No such invoice.');
    if (!['issued', 'partially_paid', 'paid'].includes(invoice.status))
      throw conflict(`A ${invoice.status} invoice cannot be credited.`);
    const date = body.date ?? ctx.calendar.today();
    if (date < invoice.issueDate)
      throw unprocessable('A credit note cannot be dated before its invoice.', [
        { path: 'date', message: `Use ${invoice.issueDate} or later.` },
      ]);
    const lines = await tx
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, invoiceId))
      .orderBy(asc(invoiceLines.lineNo));
    const byId = new Map(lines.map((l) => [l.id, l]));
    const errors: FieldError[] = [];
    const requested: { line: (typeof lines)[number]; quantity: Decimal }[] = [];
    const remaining = (l: (typeof lines)[number]) => subtractDecimals(l.quantity, l.creditedQuantity);
    if (body.lines) {
      for (const [i, r] of body.lines.entries()) {
        const line = byId.get(r.lineId);
        const quantity = parseQuantity(r.quantity);
        const problem: FieldError | undefined = !line
          ? { path: `lines.${i}.lineId`, message: 'Not a line of this invoice.' }
          : typeof quantity === 'string'
            ? { path: `lines.${i}.quantity`, message: quantity }
            : compareDecimals(quantity, remaining(line)) > 0
              ? {
                  path: `lines.${i}.quantity`,
                  message: `At most ${formatDecimal(remaining(line))} is left to credit on line ${line.lineNo}.`,
                }
              : requested.some((q) => q.line.id === line.id)
                ? { path: `lines.${i}.lineId`, message: 'This line is named twice.' }
                : undefined;
        if (problem) errors.push(problem);
        else if (line && typeof quantity !== 'string') requested.push({ line, quantity });
      }
    } else {
      for (const line of lines) if (remaining(line).units > 0n) requested.push({ line, quantity: remaining(line) });
    }
    if (errors.length) throw unprocessable(errors[0]?.message ?? 'A line is not valid.', errors);
    if (!requested.length) throw conflict('Everything on this invoice has been credited already.');

    const credited = requested.map(({ line, quantity }) => {
      const f = factorsOf(line);
      const before = lineAmounts(invoice.currency, { ...f, quantity: parseDecimal(line.creditedQuantity) });
      const after = lineAmounts(invoice.currency, {
        ...f,
        quantity: addDecimals(line.creditedQuantity, quantity),
      });
      return { line, quantity, amounts: subtractAmounts(after, before) as LineAmounts };
    });
    const totals = sumAmounts(credited.map((c) => c.amounts));
    if (totals.total <= 0n)
      throw unprocessable('The credit comes to nothing.', [{ path: 'lines', message: 'Nothing to credit.' }]);
    // What the invoice still owes takes the credit first (bigints: no Math.min).
    let applied = invoice.amountDue;
    if (totals.total < applied) applied = totals.total;
    const number = await nextNumber(ctx, 'CN', date);
    const [customer] = await tx
      .select({ name: customers.name })
      .from(customers)
      .where(eq(customers.id, invoice.customerId));
    const entry = await postNewEntry(ctx, caller, {
      date,
      memo: `Credit note ${number} on ${invoice.number} – ${customer?.name ?? ''}`,
      currency: invoice.currency,
      rate: invoice.rate,
      source: 'invoice',
      sourceRef: number,
      lines: await invoiceEntryLines(
        ctx,
        invoice,
        credited.map((c) => ({
          ...c.amounts,
          accountId: c.line.accountId,
          description: c.line.description,
          projectId: c.line.projectId,
        })),
        'credit',
      ),
    });
    const [note] = await tx
      .insert(creditNotes)
      .values({
        number,
        invoiceId,
        customerId: invoice.customerId,
        date,
        reason: body.reason,
        currency: invoice.currency,
        rate: invoice.rate,
        net: totals.net,
        tax: totals.tax,
        withholding: totals.withholding,
        total: totals.total,
        appliedAmount: applied,
        journalEntryId: entry.id,
        createdBy: caller.id,
      })
      .returning();
    if (!note) throw new Error('insert returned nothing');
    await tx.insert(creditNoteLines).values(
      credited.map((c, i) => ({
        creditNoteId: note.id,
        invoiceLineId: c.line.id,
        lineNo: i + 1,
        description: c.line.description,
        quantity: formatDecimal(c.quantity),
        accountId: c.line.accountId,
        net: c.amounts.net,
        tax: c.amounts.tax,
        withholding: c.amounts.withholding,
        total: c.amounts.total,
      })),
    );
    for (const c of credited)
      await tx
        .update(invoiceLines)
        .set({ creditedQuantity: formatDecimal(addDecimals(c.line.creditedQuantity, c.quantity)) })
        .where(eq(invoiceLines.id, c.line.id));
    // A credit note clearing what a partly paid invoice still owed makes it paid.
    if (applied > 0n)
      await publishingInvoicesPaid(ctx, caller, [invoiceId], date, () =>
        tx
          .update(invoices)
          .set({ creditedAmount: sql`${invoices.creditedAmount} + ${applied}`, updatedAt: ctx.now() })
          .where(eq(invoices.id, invoiceId)),
      );
    if (totals.total > applied)
      await tx.insert(customerCredits).values({
        customerId: invoice.customerId,
        currency: invoice.currency,
        amount: totals.total - applied,
        remaining: totals.total - applied,
        creditNoteId: note.id,
      });
    await recordAudit(tx, {
      action: 'invoice.credited',
      entityType: 'invoice',
      entityId: invoiceId,
      after: { creditNote: number, total: toMoneyJson({ minor: totals.total, currency: invoice.currency }).amount },
      actor: caller,
      service: 'finance',
    });
    return note.id;
  });
  return getCreditNote(ctx, id);
}

export async function getCreditNote(ctx: FinanceContext, id: string) {
  const db = executorFor(ctx.db);
  const [note] = await db.select().from(creditNotes).where(eq(creditNotes.id, id));
  if (!note) throw notFound('No such credit note.');
  const lines = await db
    .select()
    .from(creditNoteLines)
    .where(eq(creditNoteLines.creditNoteId, id))
    .orderBy(asc(creditNoteLines.lineNo));
  const money = (minor: bigint) => toMoneyJson({ minor, currency: note.currency }).amount;
  return {
    ...creditNoteJson(note),
    lines: lines.map((l) => ({
      lineNo: l.lineNo,
      invoiceLineId: l.invoiceLineId,
      description: l.description,
      quantity: l.quantity,
      net: money(l.net),
      tax: money(l.tax),
      withholding: money(l.withholding),
      total: money(l.total),
    })),
  };
}

export async function listCreditNotes(ctx: FinanceContext, invoiceId: string) {
  const db = executorFor(ctx.db);
  const [invoice] = await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) throw notFound('No such invoice.');
  const rows = await db
    .select()
    .from(creditNotes)
    .where(eq(creditNotes.invoiceId, invoiceId))
    .orderBy(asc(creditNotes.createdAt));
  return rows.map(creditNoteJson);
}
