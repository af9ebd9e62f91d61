import { randomUUID } from 'node:crypto';
import {
  type Caller,
  compareDecimals,
  conflict,
  countUpTo,
  currencyScale,
  DecimalError,
  executorFor,
  type FieldError,
  financeEvents,
  formatDecimal,
  inTransaction,
  type ListPage,
  multiplyMoney,
  notFound,
  pageOf,
  parseDecimal,
  parseMoney,
  publishEvent,
  recordAudit,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import {
  accounts,
  bankStatementLines,
  bills,
  customers,
  invoices,
  journalLines,
  paymentAllocations,
  payments,
  vendors,
} from '@konecta/db';
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { accountByRole } from '../accounts/accounts';
import type { FinanceContext } from '../context';
import { rateOn } from '../currencies/rates';
import { reversalDate } from '../documents/terms';
import { publishingInvoicesPaid } from '../invoices/paid';
import { type EntryLineInput, postNewEntry, reverseEntry } from '../journals/entries';

type Actor = Pick<Caller, 'kind' | 'id'>;
type Payment = typeof payments.$inferSelect;
type Allocation = typeof paymentAllocations.$inferSelect;
type Tx = Parameters<Parameters<typeof inTransaction>[1]>[0];

export interface AllocationInput {
  invoiceId?: string | undefined;
  billId?: string | undefined;
  /** Decimal string in the document's currency. */
  amount: string;
}

export interface PaymentBody {
  direction: 'received' | 'made';
  /** The customer (received) or vendor (made). */
  partyId: string;
  /** Today unless given. */
  date?: string | undefined;
  /** The bank or cash ledger account. */
  accountId: string;
  amount: string;
  /** The party's currency unless given. */
  currency?: string | undefined;
  /** The day's rate unless given (1 for the base currency). */
  rate?: string | undefined;
  reference?: string | undefined;
  memo?: string | undefined;
  allocations?: AllocationInput[] | undefined;
}

export interface PaymentFilter extends ListPage {
  direction?: 'received' | 'made' | undefined;
  partyId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Minor units from a decimal string of `currency`, or why it is refused. */
function parseAmount(amount: string, currency: string): bigint | string {
  try {
    const minor = parseMoney({ amount, currency }).minor;
    return minor > 0n ? minor : 'Must be more than zero.';
  } catch (err) {
    if (err instanceof DecimalError) return err.message;
    throw err;
  }
}

/** Minor units from a decimal string of `currency`, or a 422 naming `path`. */
function minorOf(amount: string, currency: string, path: string): bigint {
  const minor = parseAmount(amount, currency);
  if (typeof minor === 'string') throw unprocessable(minor, [{ path, message: minor }]);
  return minor;
}

/** `minor` units of `currency` at `rate`, in minor units of the base currency, rounded once. */
export function toBase(ctx: FinanceContext, minor: bigint, currency: string, rate: string): bigint {
  const r = parseDecimal(rate);
  const shift = currencyScale(currency) - currencyScale(ctx.config.baseCurrency);
  return multiplyMoney({ minor, currency }, { units: r.units, scale: r.scale + shift }).minor;
}

const money = (minor: bigint, currency: string) => toMoneyJson({ minor, currency }).amount;

async function partyOf(ctx: FinanceContext, direction: 'received' | 'made', partyId: string) {
  const db = executorFor(ctx.db);
  const table = direction === 'received' ? customers : vendors;
  const [party] = await db
    .select({ id: table.id, name: table.name, currency: table.currency })
    .from(table)
    .where(eq(table.id, partyId));
  return party;
}

/**
 * Records a payment received from a customer or made to a vendor and posts it at the payment's
 * rate: received, Dr bank, Cr receivable; made, Dr payable, Cr bank (both with the party). Any
 * allocations given are applied in the same transaction; what is not allocated stays the party's
 * credit (a credit balance of the party on the receivable, a debit one on the payable).
 */
export async function recordPayment(ctx: FinanceContext, caller: Actor, body: PaymentBody) {
  const party = await partyOf(ctx, body.direction, body.partyId);
  if (!party)
    throw unprocessable(`No such ${body.direction === 'received' ? 'customer' : 'vendor'}.`, [
      { path: 'partyId', message: 'No such party.' },
    ]);
  const currency = body.currency ?? party.currency;
  const amount = minorOf(body.amount, currency, 'amount');
  const date = body.date ?? ctx.calendar.today();
  const base = ctx.config.baseCurrency;
  const rate = currency === base ? '1' : (body.rate ?? formatDecimal(await rateOn(ctx, currency, date)));
  if (currency === base && body.rate && compareDecimals(body.rate, '1') !== 0)
    throw unprocessable('A base-currency payment has the rate 1.', [{ path: 'rate', message: 'Must be 1.' }]);
  const [account] = await executorFor(ctx.db).select().from(accounts).where(eq(accounts.id, body.accountId));
  if (account?.type !== 'asset' || account.isGroup || !account.active)
    throw unprocessable('A payment goes through an active bank or cash (asset) account that is not a group.', [
      { path: 'accountId', message: account ? `${account.code} ${account.name} is not one.` : 'No such account.' },
    ]);
  const id = randomUUID();
  await inTransaction(ctx.db, async (tx) => {
    const control = await accountByRole(ctx, body.direction === 'received' ? 'receivables' : 'payables');
    const bankLine: EntryLineInput = { accountId: account.id, debit: 0n, credit: 0n };
    const partyLine: EntryLineInput = { accountId: control.id, debit: 0n, credit: 0n, partyId: party.id };
    if (body.direction === 'received') {
      bankLine.debit = amount;
      partyLine.credit = amount;
    } else {
      partyLine.debit = amount;
      bankLine.credit = amount;
    }
    const entry = await postNewEntry(ctx, caller, {
      date,
      memo: `Payment ${body.direction === 'received' ? 'from' : 'to'} ${party.name}${body.reference ? ` – ${body.reference}` : ''}`,
      currency,
      rate,
      source: 'payment',
      sourceRef: id,
      lines: body.direction === 'received' ? [bankLine, partyLine] : [partyLine, bankLine],
    });
    await tx.insert(payments).values({
      id,
      direction: body.direction,
      customerId: body.direction === 'received' ? party.id : null,
      vendorId: body.direction === 'made' ? party.id : null,
      date,
      accountId: account.id,
      currency,
      rate,
      amount,
      reference: body.reference ?? '',
      memo: body.memo ?? '',
      journalEntryId: entry.id,
      createdBy: caller.id,
    });
    const allocated = body.allocations?.length ? await applyAllocations(ctx, tx, caller, id, body.allocations) : 0n;
    await recordAudit(tx, {
      action: `payment.${body.direction}`,
      entityType: 'payment',
      entityId: id,
      after: { party: party.name, amount: money(amount, currency), currency, entry: entry.number },
      actor: caller,
      service: 'finance',
    });
    await publishEvent(tx, financeEvents.paymentRecorded, {
      subject: id,
      ...(caller.id ? { actorId: caller.id } : {}),
      data: {
        paymentId: id,
        direction: body.direction,
        partyId: party.id,
        date,
        amount: toMoneyJson({ minor: amount, currency }),
        allocated: toMoneyJson({ minor: allocated, currency }),
        entryId: entry.id,
      },
    });
  });
  return getPayment(ctx, id);
}

/** Allocates a recorded payment to open documents of its party; what is left stays the party's credit. */
export async function allocatePayment(ctx: FinanceContext, caller: Actor, paymentId: string, items: AllocationInput[]) {
  await inTransaction(ctx.db, (tx) => applyAllocations(ctx, tx, caller, paymentId, items));
  return getPayment(ctx, paymentId);
}

/**
 * Locks the payment, then its documents in id order (the order the allocations' trigger updates
 * them in too), checks each amount against what the document still owes and the payment holds so
 * the client hears which line is at fault, and inserts the allocations: the trigger moves the
 * amounts and the database's CHECKs hold the rule for any writer. A payment at another rate than
 * the document posts the realised exchange difference between the two (in the base currency).
 */
async function applyAllocations(
  ctx: FinanceContext,
  tx: Tx,
  caller: Actor,
  paymentId: string,
  items: AllocationInput[],
): Promise<bigint> {
  const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
  if (!payment) throw notFound('No such payment.');
  if (payment.status !== 'posted') throw conflict('A void payment cannot be allocated.');
  if (!items.length)
    throw unprocessable('Give at least one allocation.', [{ path: 'allocations', message: 'Nothing to allocate.' }]);
  const received = payment.direction === 'received';
  const errors: FieldError[] = [];
  const wanted: { documentId: string; amount: bigint; index: number }[] = [];
  for (const [i, item] of items.entries()) {
    const documentId = received ? item.invoiceId : item.billId;
    const other = received ? item.billId : item.invoiceId;
    if (!documentId || other) {
      errors.push({
        path: `allocations.${i}.${received ? 'invoiceId' : 'billId'}`,
        message: received ? 'A payment received is allocated to invoices.' : 'A payment made is allocated to bills.',
      });
      continue;
    }
    const amount = parseAmount(item.amount, payment.currency);
    if (typeof amount === 'string') errors.push({ path: `allocations.${i}.amount`, message: amount });
    else wanted.push({ documentId, amount, index: i });
  }
  if (errors.length) throw unprocessable(errors[0]?.message ?? 'An allocation is not valid.', errors);
  const ids = [...new Set(wanted.map((w) => w.documentId))].sort();
  const table = received ? invoices : bills;
  const docs = await tx
    .select({
      id: table.id,
      number: table.number,
      partyId: received ? invoices.customerId : bills.vendorId,
      status: table.status,
      currency: table.currency,
      rate: table.rate,
      total: table.total,
      amountDue: table.amountDue,
    })
    .from(table)
    .where(inArray(table.id, ids))
    .orderBy(asc(table.id))
    .for('update');
  const byId = new Map(docs.map((d) => [d.id, d]));
  const due = new Map(docs.map((d) => [d.id, d.amountDue]));
  let left = payment.amount - payment.allocatedAmount;
  const partyId = received ? payment.customerId : payment.vendorId;
  for (const w of wanted) {
    const doc = byId.get(w.documentId);
    const field = `allocations.${w.index}.${received ? 'invoiceId' : 'billId'}`;
    const amountPath = `allocations.${w.index}.amount`;
    const open = received ? ['issued', 'partially_paid'] : ['approved', 'partially_paid'];
    if (!doc) errors.push({ path: field, message: `No such ${received ? 'invoice' : 'bill'}.` });
    else if (doc.partyId !== partyId) errors.push({ path: field, message: 'Not a document of the payment’s party.' });
    else if (!open.includes(doc.status))
      errors.push({ path: field, message: `${doc.number ?? 'It'} is ${doc.status}.` });
    else if (doc.currency !== payment.currency)
      errors.push({ path: field, message: `${doc.number} is in ${doc.currency}, the payment in ${payment.currency}.` });
    else {
      const owed = due.get(doc.id) ?? 0n;
      if (w.amount > owed)
        errors.push({ path: amountPath, message: `${doc.number} owes ${money(owed, doc.currency)} at most.` });
      else if (w.amount > left)
        errors.push({
          path: amountPath,
          message: `The payment has ${money(left, payment.currency)} left to allocate.`,
        });
      else {
        due.set(doc.id, owed - w.amount);
        left -= w.amount;
      }
    }
  }
  if (errors.length) throw unprocessable(errors[0]?.message ?? 'An allocation is not valid.', errors);
  let total = 0n;
  await publishingInvoicesPaid(ctx, caller, received ? ids : [], payment.date, async () => {
    for (const w of wanted) {
      const doc = byId.get(w.documentId);
      if (!doc) continue;
      const id = randomUUID();
      const exchangeEntryId = await postExchangeDifference(ctx, caller, payment, doc, w.amount, id);
      await tx.insert(paymentAllocations).values({
        id,
        paymentId,
        invoiceId: received ? doc.id : null,
        billId: received ? null : doc.id,
        amount: w.amount,
        exchangeEntryId,
        createdBy: caller.id,
      });
      total += w.amount;
    }
  });
  await recordAudit(tx, {
    action: 'payment.allocated',
    entityType: 'payment',
    entityId: paymentId,
    after: {
      allocations: wanted.map((w) => ({
        document: byId.get(w.documentId)?.number,
        amount: money(w.amount, payment.currency),
      })),
    },
    actor: caller,
    service: 'finance',
  });
  return total;
}

/**
 * The realised exchange difference of `amount` paid at the payment's rate against a document
 * posted at its own: the control account (receivable or payable) is brought back to nothing in the
 * base currency for that amount, the difference going to exchange gains and losses. None when the
 * rates give the same base amount.
 */
async function postExchangeDifference(
  ctx: FinanceContext,
  caller: Actor,
  payment: Payment,
  doc: { number: string | null; rate: string; currency: string },
  amount: bigint,
  allocationId: string,
): Promise<string | null> {
  const atPayment = toBase(ctx, amount, payment.currency, payment.rate);
  const atDocument = toBase(ctx, amount, doc.currency, doc.rate);
  const diff = atPayment - atDocument;
  if (diff === 0n) return null;
  const received = payment.direction === 'received';
  const control = await accountByRole(ctx, received ? 'receivables' : 'payables');
  const fx = await accountByRole(ctx, 'exchange_gain_loss');
  const size = diff < 0n ? -diff : diff;
  // Received: the receivable was credited at the payment's rate; a higher rate (a gain) leaves it
  // short, so it is debited back. Made: the payable was debited at the payment's rate; a higher rate
  // (a loss) leaves it over, so it is credited back.
  const controlDebit = received === diff > 0n;
  const partyId = received ? payment.customerId : payment.vendorId;
  const entry = await postNewEntry(ctx, caller, {
    date: payment.date,
    memo: `Realised exchange difference on ${doc.number ?? 'document'} (${payment.currency} ${doc.rate} → ${payment.rate})`,
    currency: ctx.config.baseCurrency,
    rate: '1',
    source: 'payment',
    sourceRef: allocationId,
    lines: [
      { accountId: control.id, debit: controlDebit ? size : 0n, credit: controlDebit ? 0n : size, partyId },
      { accountId: fx.id, debit: controlDebit ? 0n : size, credit: controlDebit ? size : 0n },
    ],
  });
  return entry.id;
}

/**
 * Removes an allocation: the trigger gives the amount back to the document (which reopens, its
 * status deriving back) and to the payment (the party's credit again), and its exchange difference
 * is reversed.
 */
export async function deleteAllocation(ctx: FinanceContext, caller: Actor, paymentId: string, allocationId: string) {
  await inTransaction(ctx.db, async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
    if (!payment) throw notFound('No such payment.');
    const [allocation] = await tx
      .select()
      .from(paymentAllocations)
      .where(and(eq(paymentAllocations.id, allocationId), eq(paymentAllocations.paymentId, paymentId)));
    if (!allocation) throw notFound('No such allocation of this payment.');
    await lockDocuments(tx, [allocation]);
    await removeAllocation(ctx, tx, caller, payment, allocation, reversalDate(ctx, payment.date));
  });
  return getPayment(ctx, paymentId);
}

/** The invoices and bills of some allocations, locked in id order (the order allocating takes). */
async function lockDocuments(tx: Tx, allocations: Allocation[]) {
  const invoiceIds = [...new Set(allocations.flatMap((a) => (a.invoiceId ? [a.invoiceId] : [])))].sort();
  const billIds = [...new Set(allocations.flatMap((a) => (a.billId ? [a.billId] : [])))].sort();
  if (invoiceIds.length)
    await tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(inArray(invoices.id, invoiceIds))
      .orderBy(asc(invoices.id))
      .for('update');
  if (billIds.length)
    await tx
      .select({ id: bills.id })
      .from(bills)
      .where(inArray(bills.id, billIds))
      .orderBy(asc(bills.id))
      .for('update');
}

/** Deletes one allocation of a locked payment (its documents locked too), reversing its exchange difference on `date`. */
async function removeAllocation(
  ctx: FinanceContext,
  tx: Tx,
  caller: Actor,
  payment: Payment,
  allocation: Allocation,
  date: string,
) {
  if (allocation.exchangeEntryId)
    await reverseEntry(ctx, caller, allocation.exchangeEntryId, {
      date,
      memo: 'Allocation removed: exchange difference reversed',
    });
  await tx.delete(paymentAllocations).where(eq(paymentAllocations.id, allocation.id));
  await recordAudit(tx, {
    action: 'payment.unallocated',
    entityType: 'payment',
    entityId: payment.id,
    before: {
      invoiceId: allocation.invoiceId,
      billId: allocation.billId,
      amount: money(allocation.amount, payment.currency),
    },
    actor: caller,
    service: 'finance',
  });
}

/**
 * Voids a payment, with the reason: its allocations are removed (the documents reopen, their
 * statuses deriving back, exchange differences reversed), its entry is reversed dated today (or
 * the payment's date when that is later; refused into a closed period), and it is marked void.
 * Refused while its entry is matched to a bank statement line (undo the match first) and when it is
 * already void (409); the database holds both too (migrations/0025_finance_payment_void_rules.sql).
 */
export async function voidPayment(ctx: FinanceContext, caller: Actor, id: string, body: { reason: string }) {
  await inTransaction(ctx.db, async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
    if (!payment) throw notFound('No such payment.');
    if (payment.status === 'void') throw conflict('This payment is already void.');
    const [matched] = await tx
      .select({ id: bankStatementLines.id })
      .from(bankStatementLines)
      .innerJoin(journalLines, eq(journalLines.id, bankStatementLines.journalLineId))
      .where(eq(journalLines.entryId, payment.journalEntryId))
      .limit(1);
    if (matched) throw conflict('The payment is matched to a bank statement line; undo the match first.');
    const date = reversalDate(ctx, payment.date);
    const allocations = await tx
      .select()
      .from(paymentAllocations)
      .where(eq(paymentAllocations.paymentId, id))
      .orderBy(asc(paymentAllocations.createdAt), asc(paymentAllocations.id));
    await lockDocuments(tx, allocations);
    for (const allocation of allocations) await removeAllocation(ctx, tx, caller, payment, allocation, date);
    const reversal = await reverseEntry(ctx, caller, payment.journalEntryId, {
      date,
      memo: `Void of payment ${payment.direction === 'received' ? 'received' : 'made'}: ${body.reason}`,
    });
    await tx
      .update(payments)
      .set({
        status: 'void',
        voidReason: body.reason,
        voidEntryId: reversal.id,
        voidedBy: caller.id ?? null,
        voidedAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .where(eq(payments.id, id));
    await recordAudit(tx, {
      action: 'payment.voided',
      entityType: 'payment',
      entityId: id,
      before: { status: 'posted', allocations: allocations.length },
      after: { status: 'void', reason: body.reason, reversal: reversal.number, date },
      actor: caller,
      service: 'finance',
    });
    await publishEvent(tx, financeEvents.paymentVoided, {
      subject: id,
      ...(caller.id ? { actorId: caller.id } : {}),
      data: {
        paymentId: id,
        direction: payment.direction,
        partyId: (payment.customerId ?? payment.vendorId) as string,
        amount: toMoneyJson({ minor: payment.amount, currency: payment.currency }),
        reason: body.reason,
        date,
        reversalId: reversal.id,
        documentIds: [...new Set(allocations.map((a) => (a.invoiceId ?? a.billId) as string))],
      },
    });
  });
  return getPayment(ctx, id);
}

function paymentJson(p: Payment, partyName: string | null, accountName: string | null) {
  return {
    id: p.id,
    direction: p.direction,
    partyId: (p.direction === 'received' ? p.customerId : p.vendorId) ?? '',
    partyName,
    date: p.date,
    accountId: p.accountId,
    accountName,
    currency: p.currency,
    rate: p.rate,
    amount: money(p.amount, p.currency),
    allocatedAmount: money(p.allocatedAmount, p.currency),
    unappliedAmount: money(p.unappliedAmount, p.currency),
    reference: p.reference,
    memo: p.memo,
    journalEntryId: p.journalEntryId,
    status: p.status,
    voidReason: p.voidReason,
    voidEntryId: p.voidEntryId,
    voidedAt: p.voidedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}

const partyName = sql<string | null>`coalesce(${customers.name}, ${vendors.name})`;
const accountName = sql<string>`${accounts.code} || ' ' || ${accounts.name}`;

export async function getPayment(ctx: FinanceContext, id: string) {
  const db = executorFor(ctx.db);
  const [row] = await db
    .select({ payment: payments, partyName, accountName })
    .from(payments)
    .leftJoin(customers, eq(customers.id, payments.customerId))
    .leftJoin(vendors, eq(vendors.id, payments.vendorId))
    .innerJoin(accounts, eq(accounts.id, payments.accountId))
    .where(eq(payments.id, id));
  if (!row) throw notFound('No such payment.');
  const allocations = await db
    .select({
      allocation: paymentAllocations,
      number: sql<string | null>`coalesce(${invoices.number}, ${bills.number})`,
    })
    .from(paymentAllocations)
    .leftJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
    .leftJoin(bills, eq(bills.id, paymentAllocations.billId))
    .where(eq(paymentAllocations.paymentId, id))
    .orderBy(asc(paymentAllocations.createdAt), asc(paymentAllocations.id));
  return {
    ...paymentJson(row.payment, row.partyName, row.accountName),
    allocations: allocations.map(({ allocation: a, number }) => ({
      id: a.id,
      invoiceId: a.invoiceId,
      billId: a.billId,
      documentNumber: number,
      amount: money(a.amount, row.payment.currency),
      exchangeEntryId: a.exchangeEntryId,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}

export async function listPayments(ctx: FinanceContext, filter: PaymentFilter) {
  const db = executorFor(ctx.db);
  const where: SQL[] = [];
  if (filter.direction) where.push(eq(payments.direction, filter.direction));
  if (filter.partyId) where.push(sql`coalesce(${payments.customerId}, ${payments.vendorId}) = ${filter.partyId}`);
  if (filter.from) where.push(gte(payments.date, filter.from));
  if (filter.to) where.push(lte(payments.date, filter.to));
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select({ payment: payments, partyName, accountName })
    .from(payments)
    .leftJoin(customers, eq(customers.id, payments.customerId))
    .leftJoin(vendors, eq(vendors.id, payments.vendorId))
    .innerJoin(accounts, eq(accounts.id, payments.accountId))
    .where(condition)
    .orderBy(desc(payments.date), desc(payments.createdAt), asc(payments.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const total = await countUpTo(db, db.select({ id: payments.id }).from(payments).where(condition));
  return pageOf(
    rows.map((r) => paymentJson(r.payment, r.partyName, r.accountName)),
    total,
    filter,
  );
}

/**
 * A party's open documents with what each still owes (invoices of a customer, bills of a vendor),
 * oldest due first, and the party's unapplied credit from payments.
 */
export async function openDocuments(ctx: FinanceContext, partyId: string) {
  const db = executorFor(ctx.db);
  const customer = await partyOf(ctx, 'received', partyId);
  const vendor = customer ? undefined : await partyOf(ctx, 'made', partyId);
  const party = customer ?? vendor;
  if (!party) throw notFound('No such customer or vendor.');
  const docs = customer
    ? await db
        .select({
          id: invoices.id,
          number: invoices.number,
          date: invoices.issueDate,
          dueDate: invoices.dueDate,
          currency: invoices.currency,
          total: invoices.total,
          amountDue: invoices.amountDue,
          status: invoices.status,
        })
        .from(invoices)
        .where(
          and(
            eq(invoices.customerId, partyId),
            inArray(invoices.status, ['issued', 'partially_paid']),
            sql`${invoices.amountDue} > 0`,
          ),
        )
        .orderBy(asc(invoices.dueDate), asc(invoices.number))
    : await db
        .select({
          id: bills.id,
          number: bills.number,
          date: bills.billDate,
          dueDate: bills.dueDate,
          currency: bills.currency,
          total: bills.total,
          amountDue: bills.amountDue,
          status: bills.status,
        })
        .from(bills)
        .where(
          and(
            eq(bills.vendorId, partyId),
            inArray(bills.status, ['approved', 'partially_paid']),
            sql`${bills.amountDue} > 0`,
          ),
        )
        .orderBy(asc(bills.dueDate), asc(bills.number));
  const credits = await db
    .select({ id: payments.id, date: payments.date, currency: payments.currency, unapplied: payments.unappliedAmount })
    .from(payments)
    .where(
      and(
        eq(customer ? payments.customerId : payments.vendorId, partyId),
        eq(payments.status, 'posted'),
        sql`${payments.unappliedAmount} > 0`,
      ),
    )
    .orderBy(asc(payments.date), asc(payments.id));
  return {
    partyId,
    partyName: party.name,
    kind: customer ? ('customer' as const) : ('vendor' as const),
    currency: party.currency,
    documents: docs.map((d) => ({
      id: d.id,
      kind: customer ? ('invoice' as const) : ('bill' as const),
      number: d.number ?? '',
      date: d.date,
      dueDate: d.dueDate,
      currency: d.currency,
      status: d.status,
      total: money(d.total, d.currency),
      amountDue: money(d.amountDue, d.currency),
    })),
    unappliedPayments: credits.map((c) => ({
      paymentId: c.id,
      date: c.date,
      currency: c.currency,
      unappliedAmount: money(c.unapplied, c.currency),
    })),
  };
}
