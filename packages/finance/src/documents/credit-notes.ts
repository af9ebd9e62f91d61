import {
  addDecimals,
  allocateMoney,
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
  parseMoney,
  prorateMoney,
  recordAudit,
  subtractDecimals,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import { type billLines, bills, creditNoteLines, creditNotes, type invoiceLines, invoices } from '@konecta/db';
import { asc, eq } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { publishingInvoicesPaid } from '../invoices/paid';
import { postNewEntry } from '../journals/entries';
import { nextNumber } from '../numbering/numbering';
import { factorsOf, type LineAmounts, lineAmounts, subtractAmounts, sumAmounts } from './lines';
import { documentEntryLines, type Side } from './posting';
import { type LockedDocument, SIDES } from './sides';

type Actor = Pick<Caller, 'kind' | 'id'>;
type CreditNote = typeof creditNotes.$inferSelect;
type DocumentLine = typeof invoiceLines.$inferSelect | typeof billLines.$inferSelect;

export interface CreditNoteBody {
  /** Today unless given; not before the document's date. */
  date?: string | undefined;
  reason: string;
  /** The lines and quantities taken back. */
  lines?: { lineId: string; quantity: string }[] | undefined;
  /** Or a net amount taken off (a price reduction); tax and withholding follow the document's. */
  amount?: string | undefined;
}

/** One line of a credit note as worked out: the document line, the quantity taken back and its amounts. */
interface Credited {
  line: DocumentLine;
  quantity: Decimal;
  amounts: LineAmounts;
}

const ZERO: Decimal = { units: 0n, scale: 0 };
/** The smaller of two amounts (bigints: no Math.min). */
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const remainingQuantity = (l: DocumentLine) => subtractDecimals(l.quantity, l.creditedQuantity);
/** The line's amounts for the quantity credited on it so far. */
const creditedByQuantity = (currency: string, l: DocumentLine) =>
  lineAmounts(currency, { ...factorsOf(l), quantity: parseDecimal(l.creditedQuantity) });
/** Whether a credit by amount took some of the line's net (its quantity no longer tells its amounts). */
const creditedByAmount = (currency: string, l: DocumentLine) => l.creditedNet !== creditedByQuantity(currency, l).net;

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

/**
 * By lines: each line's credited amounts are the amounts of its credited quantity so far less those
 * before, so crediting a line in parts adds up exactly to the line.
 */
function creditByLines(
  d: LockedDocument,
  lines: DocumentLine[],
  requested: readonly { lineId: string; quantity: string }[],
): Credited[] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const errors: FieldError[] = [];
  const out: Credited[] = [];
  for (const [i, r] of requested.entries()) {
    const line = byId.get(r.lineId);
    const quantity = parseQuantity(r.quantity);
    const problem: FieldError | undefined = !line
      ? { path: `lines.${i}.lineId`, message: 'Not a line of this document.' }
      : typeof quantity === 'string'
        ? { path: `lines.${i}.quantity`, message: quantity }
        : creditedByAmount(d.currency, line)
          ? {
              path: `lines.${i}.lineId`,
              message: `Line ${line.lineNo} was credited by amount; credit the rest by amount.`,
            }
          : compareDecimals(quantity, remainingQuantity(line)) > 0
            ? {
                path: `lines.${i}.quantity`,
                message: `At most ${formatDecimal(remainingQuantity(line))} is left to credit on line ${line.lineNo}.`,
              }
            : out.some((q) => q.line.id === line.id)
              ? { path: `lines.${i}.lineId`, message: 'This line is named twice.' }
              : undefined;
    if (problem) errors.push(problem);
    else if (line && typeof quantity !== 'string') out.push(credited(d.currency, line, quantity));
  }
  if (errors.length) throw unprocessable(errors[0]?.message ?? 'A line is not valid.', errors);
  return out;
}

function credited(currency: string, line: DocumentLine, quantity: Decimal): Credited {
  const after = lineAmounts(currency, { ...factorsOf(line), quantity: addDecimals(line.creditedQuantity, quantity) });
  return { line, quantity, amounts: subtractAmounts(after, creditedByQuantity(currency, line)) };
}

/**
 * By amount: `net` off the document, with tax and withholding at the document's own proportions
 * (rounded half away from zero; the last credit takes exactly what is left of each), spread over
 * the lines in proportion to the net each has left, so the income or expense accounts are reversed
 * where they were posted and each line's credited net adds up to its own.
 */
function creditByAmount(d: LockedDocument, lines: DocumentLine[], net: bigint): Credited[] {
  const left = {
    net: d.net - d.creditedNet,
    tax: d.tax - d.creditedTax,
    withholding: d.withholding - d.creditedWithholding,
  };
  const share = (of: bigint) =>
    prorateMoney({ minor: of, currency: d.currency }, net.toString(), d.net.toString()).minor;
  const last = net === left.net;
  const tax = last ? left.tax : min(share(d.tax), left.tax);
  const withholding = last ? left.withholding : min(share(d.withholding), left.withholding);
  const weights = lines.map((l) => (l.net - l.creditedNet).toString());
  const spread = (amount: bigint) =>
    allocateMoney({ minor: amount, currency: d.currency }, weights).map((m) => m.minor);
  const nets = spread(net);
  const taxes = spread(tax);
  const withheld = spread(withholding);
  return lines
    .map((line, i) => {
      const n = nets[i] ?? 0n;
      const t = taxes[i] ?? 0n;
      const w = withheld[i] ?? 0n;
      return {
        line,
        quantity: ZERO,
        amounts: { gross: n, discount: 0n, net: n, tax: t, withholding: w, total: n + t - w },
      };
    })
    .filter((c) => c.amounts.net > 0n || c.amounts.tax > 0n || c.amounts.withholding > 0n);
}

/**
 * A credit note against an issued invoice or an approved bill: whole (what is left of it), by lines
 * and quantities, or by a net amount. It posts the reverse of the document's entry for those
 * amounts and lowers what the document owes; what exceeds that (it was paid already) becomes the
 * party's credit. Under the document's row lock, and the database refuses any credit beyond the
 * document's net, tax, withholding or a line's quantity and net, so two credit notes at once never
 * take back the same thing twice.
 */
export async function createCreditNote(
  ctx: FinanceContext,
  caller: Actor,
  side: Side,
  documentId: string,
  body: CreditNoteBody,
) {
  const s = SIDES[side];
  const id = await inTransaction(ctx.db, async (tx) => {
    const d = await s.lock(ctx, documentId);
    if (!d) throw notFound(`No such ${s.noun}.`);
    if (!(s.creditable as readonly string[]).includes(d.status))
      throw conflict(`A ${d.status.replace('_', ' ')} ${s.noun} cannot be credited.`);
    if (body.lines && body.amount !== undefined)
      throw unprocessable('Credit by lines or by an amount, not both.', [
        { path: 'amount', message: 'Leave the amount out when naming lines.' },
      ]);
    const date = body.date ?? ctx.calendar.today();
    if (date < d.date)
      throw unprocessable(`A credit note cannot be dated before its ${s.noun}.`, [
        { path: 'date', message: `Use ${d.date} or later.` },
      ]);
    const lines = await s.lines(ctx, documentId);
    const leftNet = d.net - d.creditedNet;
    let credits: Credited[];
    if (body.amount !== undefined) {
      const net = parseMoney({ amount: body.amount, currency: d.currency }).minor;
      const most = toMoneyJson({ minor: leftNet, currency: d.currency }).amount;
      if (net <= 0n || net > leftNet)
        throw unprocessable(net <= 0n ? 'Credit an amount above zero.' : `At most ${most} net is left to credit.`, [
          { path: 'amount', message: net <= 0n ? 'Above zero.' : `At most ${most}.` },
        ]);
      credits = creditByAmount(d, lines, net);
    } else if (body.lines) {
      credits = creditByLines(d, lines, body.lines);
    } else if (lines.some((l) => creditedByAmount(d.currency, l))) {
      // Credited by amount before: the rest is what is left of the amounts, not of the quantities.
      if (leftNet <= 0n) throw conflict(`Everything on this ${s.noun} has been credited already.`);
      credits = creditByAmount(d, lines, leftNet);
    } else {
      credits = lines
        .filter((l) => remainingQuantity(l).units > 0n)
        .map((l) => credited(d.currency, l, remainingQuantity(l)));
      if (!credits.length) throw conflict(`Everything on this ${s.noun} has been credited already.`);
    }
    const totals = sumAmounts(credits.map((c) => c.amounts));
    if (totals.total <= 0n)
      throw unprocessable('The credit comes to nothing.', [{ path: 'lines', message: 'Nothing to credit.' }]);
    // What the document still owes takes the credit first.
    const applied = min(totals.total, d.amountDue);
    const number = await nextNumber(ctx, s.series, date);
    const entry = await postNewEntry(ctx, caller, {
      date,
      memo: `Credit note ${number} on ${d.number} – ${await s.partyName(ctx, d.partyId)}`,
      currency: d.currency,
      rate: d.rate,
      source: s.source,
      sourceRef: number,
      lines: await documentEntryLines(
        ctx,
        side,
        d.partyId,
        credits.map((c) => ({
          ...c.amounts,
          accountId: c.line.accountId,
          description: c.line.description,
          projectId: c.line.projectId,
        })),
        'credit',
      ),
    });
    // The credit note's applied amount lowers what the document owes (a trigger adds it to
    // credited_amount): one clearing what a partly paid invoice still owed makes it paid.
    const record = async () => {
      const [note] = await tx
        .insert(creditNotes)
        .values({
          number,
          ...s.keys(d),
          date,
          reason: body.reason,
          currency: d.currency,
          rate: d.rate,
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
        credits.map((c, i) => ({
          creditNoteId: note.id,
          ...s.lineKey(c.line.id),
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
      for (const c of credits) await s.creditLine(ctx, c.line.id, c.quantity, c.amounts.net);
      await s.credit(ctx, d, totals);
      return note;
    };
    const note =
      side === 'receivable' && applied > 0n
        ? await publishingInvoicesPaid(ctx, caller, [documentId], date, record)
        : await record();
    if (totals.total > applied) await s.partyCredit(ctx, d, note.id, totals.total - applied);
    await recordAudit(tx, {
      action: `${s.noun}.credited`,
      entityType: s.noun,
      entityId: documentId,
      after: {
        creditNote: number,
        total: toMoneyJson({ minor: totals.total, currency: d.currency }).amount,
        ...(body.amount !== undefined ? { byAmount: body.amount } : {}),
      },
      actor: caller,
      service: 'finance',
    });
    return note.id;
  });
  return getCreditNote(ctx, side, id);
}

export function creditNoteJson(n: CreditNote) {
  const money = (minor: bigint) => toMoneyJson({ minor, currency: n.currency }).amount;
  const credit = money(n.total - n.appliedAmount);
  return {
    id: n.id,
    number: n.number,
    ...(n.invoiceId
      ? { invoiceId: n.invoiceId, customerId: n.customerId as string }
      : { billId: n.billId as string, vendorId: n.vendorId as string }),
    date: n.date,
    reason: n.reason,
    currency: n.currency,
    net: money(n.net),
    tax: money(n.tax),
    withholding: money(n.withholding),
    total: money(n.total),
    appliedAmount: money(n.appliedAmount),
    ...(n.invoiceId ? { customerCredit: credit } : { vendorCredit: credit }),
    journalEntryId: n.journalEntryId,
    createdAt: n.createdAt.toISOString(),
  };
}

/** One credit note with its lines; `side` keeps an invoice's notes and a bill's apart (404 across). */
export async function getCreditNote(ctx: FinanceContext, side: Side, id: string) {
  const db = executorFor(ctx.db);
  const [note] = await db.select().from(creditNotes).where(eq(creditNotes.id, id));
  if (!note || (side === 'receivable') !== (note.invoiceId !== null)) throw notFound('No such credit note.');
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
      ...(side === 'receivable'
        ? { invoiceLineId: l.invoiceLineId as string }
        : { billLineId: l.billLineId as string }),
      description: l.description,
      quantity: l.quantity,
      net: money(l.net),
      tax: money(l.tax),
      withholding: money(l.withholding),
      total: money(l.total),
    })),
  };
}

export async function listCreditNotes(ctx: FinanceContext, side: Side, documentId: string) {
  const db = executorFor(ctx.db);
  const table = side === 'receivable' ? invoices : bills;
  const [found] = await db.select({ id: table.id }).from(table).where(eq(table.id, documentId));
  if (!found) throw notFound(`No such ${SIDES[side].noun}.`);
  const rows = await db
    .select()
    .from(creditNotes)
    .where(eq(side === 'receivable' ? creditNotes.invoiceId : creditNotes.billId, documentId))
    .orderBy(asc(creditNotes.createdAt), asc(creditNotes.number));
  return rows.map(creditNoteJson);
}
