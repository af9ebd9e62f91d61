import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { accounts, journalEntries } from './finance.sql';
import { customers, vendors } from './finance-parties.sql';
import { finance } from './schemas';

/**
 * Receivables and payables: sales invoices and vendors' bills (customers and vendors are
 * finance-parties.sql.ts), credit notes and the gap-free numbering they share. Amounts are minor units of the document's currency.
 * The database holds what money depends on (migrations/0019_finance_receivables_rules.sql): an
 * issued invoice or an approved bill and their lines cannot change except for the amounts paid
 * and credited (its status follows from them), a credit note never changes, and `amount_due` is
 * generated from the total and never goes below zero or above the total.
 */

/**
 * The last number given per series (`INV`, `CN`, `BILL`) and fiscal year. A document takes its
 * number in the transaction that issues it, by an upsert that locks this row until commit: the
 * next issuer waits, and a rolled-back issue gives its number back. Gap-free, unlike a sequence.
 */
export const numberSeries = finance.table(
  'number_series',
  {
    series: text('series').notNull(),
    /** The fiscal year's first calendar year (`2026` for FY2026 and FY2026/27). */
    fiscalYear: integer('fiscal_year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.series, t.fiscalYear] }),
    check('number_series_last_check', sql`${t.lastNumber} > 0`),
  ],
);

export const invoiceStatus = finance.enum('invoice_status', [
  'draft',
  'issued',
  'partially_paid',
  'paid',
  'credited',
  'void',
]);
export const billStatus = finance.enum('bill_status', [
  'draft',
  'approved',
  'partially_paid',
  'paid',
  'void',
  'credited',
]);

/** The amounts every document carries: sums of its lines' rounded amounts. */
const documentAmounts = {
  currency: text('currency').notNull(),
  /** Base-currency units per unit of `currency` on the document date; 1 for the base currency. */
  rate: numeric('rate', { precision: 18, scale: 6 }).notNull().default('1'),
  /** Quantity × price, before discounts. */
  gross: bigint('gross', { mode: 'bigint' }).notNull().default(sql`0`),
  discount: bigint('discount', { mode: 'bigint' }).notNull().default(sql`0`),
  /** Gross less discounts: what income (or expense) is. */
  net: bigint('net', { mode: 'bigint' }).notNull().default(sql`0`),
  tax: bigint('tax', { mode: 'bigint' }).notNull().default(sql`0`),
  /** Withheld at source, a percentage of each line's net amount. */
  withholding: bigint('withholding', { mode: 'bigint' }).notNull().default(sql`0`),
  /** What the other party owes (net + tax − withholding). */
  total: bigint('total', { mode: 'bigint' }).notNull().default(sql`0`),
  creditedAmount: bigint('credited_amount', { mode: 'bigint' }).notNull().default(sql`0`),
  /**
   * What credit notes took back in all, applied or turned into the party's credit: never more than
   * the document's own net, tax and withholding (checked per table), so nothing is credited twice.
   */
  creditedNet: bigint('credited_net', { mode: 'bigint' }).notNull().default(sql`0`),
  creditedTax: bigint('credited_tax', { mode: 'bigint' }).notNull().default(sql`0`),
  creditedWithholding: bigint('credited_withholding', { mode: 'bigint' }).notNull().default(sql`0`),
  paidAmount: bigint('paid_amount', { mode: 'bigint' }).notNull().default(sql`0`),
  /** Total less credits and payments, kept by the database. */
  amountDue: bigint('amount_due', { mode: 'bigint' })
    .notNull()
    .generatedAlwaysAs(sql`total - credited_amount - paid_amount`),
  memo: text('memo').notNull().default(''),
  journalEntryId: uuid('journal_entry_id').references(() => journalEntries.id),
  voidEntryId: uuid('void_entry_id').references(() => journalEntries.id),
  voidedBy: text('voided_by'),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  createdBy: text('created_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
};

export const invoices = finance.table(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Given at issue: `INV-2026-00042`. */
    number: text('number'),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    issueDate: date('issue_date').notNull(),
    dueDate: date('due_date').notNull(),
    status: invoiceStatus('status').notNull().default('draft'),
    issuedBy: text('issued_by'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    ...documentAmounts,
  },
  (t) => [
    uniqueIndex('invoices_number_idx').on(t.number),
    index('invoices_customer_idx').on(t.customerId, t.status),
    index('invoices_issue_date_idx').on(t.issueDate),
    check('invoices_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('invoices_rate_check', sql`${t.rate} > 0`),
    check('invoices_due_check', sql`${t.dueDate} >= ${t.issueDate}`),
    check(
      'invoices_credited_check',
      sql`${t.creditedNet} between 0 and ${t.net} and ${t.creditedTax} between 0 and ${t.tax} and ${t.creditedWithholding} between 0 and ${t.withholding}`,
    ),
    check(
      'invoices_amounts_check',
      sql`${t.creditedAmount} >= 0 and ${t.paidAmount} >= 0 and ${t.creditedAmount} + ${t.paidAmount} <= ${t.total}`,
    ),
    check(
      'invoices_issued_check',
      sql`${t.status} = 'draft' or (${t.number} is not null and ${t.journalEntryId} is not null and ${t.issuedAt} is not null)`,
    ),
    check(
      'invoices_void_check',
      sql`${t.status} <> 'void' or (${t.paidAmount} = 0 and ${t.creditedAmount} = 0 and ${t.voidEntryId} is not null)`,
    ),
  ],
);

/** What every document line carries: the inputs and the amounts rounded once each (half away from zero). */
const lineAmounts = {
  id: uuid('id').primaryKey().defaultRandom(),
  lineNo: integer('line_no').notNull(),
  description: text('description').notNull(),
  quantity: numeric('quantity', { precision: 14, scale: 3 }).notNull(),
  /** Minor units of the document's currency per unit. */
  unitPrice: bigint('unit_price', { mode: 'bigint' }).notNull(),
  discountPercent: numeric('discount_percent', { precision: 5, scale: 2 }).notNull().default('0'),
  taxPercent: numeric('tax_percent', { precision: 5, scale: 2 }).notNull().default('0'),
  withholdingPercent: numeric('withholding_percent', { precision: 5, scale: 2 }).notNull().default('0'),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  departmentId: uuid('department_id'),
  projectId: uuid('project_id'),
  gross: bigint('gross', { mode: 'bigint' }).notNull(),
  discount: bigint('discount', { mode: 'bigint' }).notNull(),
  net: bigint('net', { mode: 'bigint' }).notNull(),
  tax: bigint('tax', { mode: 'bigint' }).notNull(),
  withholding: bigint('withholding', { mode: 'bigint' }).notNull(),
  total: bigint('total', { mode: 'bigint' }).notNull(),
  /** How much of the quantity credit notes by lines have taken back (kept under the document's lock). */
  creditedQuantity: numeric('credited_quantity', { precision: 14, scale: 3 }).notNull().default('0'),
  /** The net amount credit notes took back from this line, by lines or by amount. */
  creditedNet: bigint('credited_net', { mode: 'bigint' }).notNull().default(sql`0`),
};

const lineChecks = (name: string, c: Record<keyof typeof lineAmounts, AnyPgColumn>) => {
  return [
    check(`${name}_quantity_check`, sql`${c.quantity} > 0`),
    check(`${name}_price_check`, sql`${c.unitPrice} >= 0`),
    check(
      `${name}_percent_check`,
      sql`${c.discountPercent} between 0 and 100 and ${c.taxPercent} between 0 and 100 and ${c.withholdingPercent} between 0 and 100`,
    ),
    check(
      `${name}_amounts_check`,
      sql`${c.net} = ${c.gross} - ${c.discount} and ${c.total} = ${c.net} + ${c.tax} - ${c.withholding}`,
    ),
    check(`${name}_credited_check`, sql`${c.creditedQuantity} between 0 and ${c.quantity}`),
    check(`${name}_credited_net_check`, sql`${c.creditedNet} between 0 and ${c.net}`),
  ];
};

export const invoiceLines = finance.table(
  'invoice_lines',
  {
    ...lineAmounts,
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('invoice_lines_line_idx').on(t.invoiceId, t.lineNo), ...lineChecks('invoice_lines', t)],
);

/**
 * A credit note against an issued invoice (the customer's) or an approved bill (the vendor's):
 * posted when made, never changed. Exactly one side is set. By lines, its lines name the credited
 * quantities; by amount, its lines carry the net spread over the document's lines, quantity 0.
 */
export const creditNotes = finance.table(
  'credit_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    customerId: uuid('customer_id').references(() => customers.id),
    billId: uuid('bill_id').references((): AnyPgColumn => bills.id),
    vendorId: uuid('vendor_id').references(() => vendors.id),
    date: date('date').notNull(),
    reason: text('reason').notNull(),
    currency: text('currency').notNull(),
    rate: numeric('rate', { precision: 18, scale: 6 }).notNull(),
    net: bigint('net', { mode: 'bigint' }).notNull(),
    tax: bigint('tax', { mode: 'bigint' }).notNull(),
    withholding: bigint('withholding', { mode: 'bigint' }).notNull(),
    total: bigint('total', { mode: 'bigint' }).notNull(),
    /** The part that lowered what the document owed; the rest became the party's credit. */
    appliedAmount: bigint('applied_amount', { mode: 'bigint' }).notNull(),
    journalEntryId: uuid('journal_entry_id')
      .notNull()
      .references(() => journalEntries.id),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('credit_notes_number_idx').on(t.number),
    index('credit_notes_invoice_idx').on(t.invoiceId),
    index('credit_notes_bill_idx').on(t.billId),
    check('credit_notes_amounts_check', sql`${t.total} > 0 and ${t.appliedAmount} between 0 and ${t.total}`),
    check(
      'credit_notes_side_check',
      sql`(${t.invoiceId} is not null and ${t.customerId} is not null and ${t.billId} is null and ${t.vendorId} is null) or (${t.invoiceId} is null and ${t.customerId} is null and ${t.billId} is not null and ${t.vendorId} is not null)`,
    ),
  ],
);

export const creditNoteLines = finance.table(
  'credit_note_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    creditNoteId: uuid('credit_note_id')
      .notNull()
      .references(() => creditNotes.id),
    invoiceLineId: uuid('invoice_line_id').references(() => invoiceLines.id),
    billLineId: uuid('bill_line_id').references((): AnyPgColumn => billLines.id),
    lineNo: integer('line_no').notNull(),
    description: text('description').notNull(),
    /** The quantity taken back; 0 on a credit note by amount. */
    quantity: numeric('quantity', { precision: 14, scale: 3 }).notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    net: bigint('net', { mode: 'bigint' }).notNull(),
    tax: bigint('tax', { mode: 'bigint' }).notNull(),
    withholding: bigint('withholding', { mode: 'bigint' }).notNull(),
    total: bigint('total', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    uniqueIndex('credit_note_lines_line_idx').on(t.creditNoteId, t.lineNo),
    check('credit_note_lines_quantity_check', sql`${t.quantity} >= 0`),
    check('credit_note_lines_side_check', sql`(${t.invoiceLineId} is null) <> (${t.billLineId} is null)`),
  ],
);

/** What a party has to their credit (the excess of a credit note), to be applied by payments later. */
const partyCredit = {
  id: uuid('id').primaryKey().defaultRandom(),
  currency: text('currency').notNull(),
  amount: bigint('amount', { mode: 'bigint' }).notNull(),
  /** What is left to apply; payments lower it. */
  remaining: bigint('remaining', { mode: 'bigint' }).notNull(),
  creditNoteId: uuid('credit_note_id').references(() => creditNotes.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
};

export const customerCredits = finance.table(
  'customer_credits',
  {
    ...partyCredit,
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
  },
  (t) => [
    index('customer_credits_customer_idx').on(t.customerId),
    uniqueIndex('customer_credits_note_idx').on(t.creditNoteId),
    check('customer_credits_amount_check', sql`${t.amount} > 0 and ${t.remaining} between 0 and ${t.amount}`),
  ],
);

/** The payable mirror: what a vendor credit note took back beyond what the bill still owed. */
export const vendorCredits = finance.table(
  'vendor_credits',
  {
    ...partyCredit,
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
  },
  (t) => [
    index('vendor_credits_vendor_idx').on(t.vendorId),
    uniqueIndex('vendor_credits_note_idx').on(t.creditNoteId),
    check('vendor_credits_amount_check', sql`${t.amount} > 0 and ${t.remaining} between 0 and ${t.amount}`),
  ],
);

export const bills = finance.table(
  'bills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Given at approval: `BILL-2026-00042`. */
    number: text('number'),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
    /** The vendor's own invoice number: one bill per number and vendor. */
    vendorReference: text('vendor_reference'),
    billDate: date('bill_date').notNull(),
    dueDate: date('due_date').notNull(),
    status: billStatus('status').notNull().default('draft'),
    /** The purchase order whose received goods this bill was drafted from. */
    orderId: uuid('order_id'),
    orderNumber: text('order_number'),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    ...documentAmounts,
  },
  (t) => [
    uniqueIndex('bills_number_idx').on(t.number),
    uniqueIndex('bills_vendor_reference_idx')
      .on(t.vendorId, t.vendorReference)
      .where(sql`${t.vendorReference} is not null and ${t.status} <> 'void'`),
    index('bills_vendor_idx').on(t.vendorId, t.status),
    index('bills_date_idx').on(t.billDate),
    check('bills_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('bills_rate_check', sql`${t.rate} > 0`),
    check('bills_due_check', sql`${t.dueDate} >= ${t.billDate}`),
    check(
      'bills_credited_check',
      sql`${t.creditedNet} between 0 and ${t.net} and ${t.creditedTax} between 0 and ${t.tax} and ${t.creditedWithholding} between 0 and ${t.withholding}`,
    ),
    check(
      'bills_amounts_check',
      sql`${t.creditedAmount} >= 0 and ${t.paidAmount} >= 0 and ${t.creditedAmount} + ${t.paidAmount} <= ${t.total}`,
    ),
    check(
      'bills_approved_check',
      sql`${t.status} = 'draft' or (${t.number} is not null and ${t.journalEntryId} is not null and ${t.approvedAt} is not null)`,
    ),
    check(
      'bills_void_check',
      sql`${t.status} <> 'void' or (${t.paidAmount} = 0 and ${t.creditedAmount} = 0 and ${t.voidEntryId} is not null)`,
    ),
  ],
);

export const billLines = finance.table(
  'bill_lines',
  {
    ...lineAmounts,
    billId: uuid('bill_id')
      .notNull()
      .references(() => bills.id, { onDelete: 'cascade' }),
    /** From received goods: the item, and the order's quantity and price beside what was received. */
    itemId: uuid('item_id'),
    orderedQuantity: numeric('ordered_quantity', { precision: 14, scale: 3 }),
    receivedQuantity: numeric('received_quantity', { precision: 14, scale: 3 }),
    orderedUnitPrice: bigint('ordered_unit_price', { mode: 'bigint' }),
    /** Billed quantity or price differs from what was ordered or received. */
    hasDifference: boolean('has_difference')
      .notNull()
      .generatedAlwaysAs(
        sql`coalesce(ordered_quantity <> received_quantity or quantity <> received_quantity or unit_price <> ordered_unit_price, false)`,
      ),
  },
  (t) => [uniqueIndex('bill_lines_line_idx').on(t.billId, t.lineNo), ...lineChecks('bill_lines', t)],
);
