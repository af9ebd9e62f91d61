import { sql } from 'drizzle-orm';
import { bigint, check, date, index, numeric, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { accounts, journalEntries } from './finance.sql';
import { customers, vendors } from './finance-parties.sql';
import { finance } from './schemas';

/**
 * Payments received from customers and made to vendors (their allocations to the party's open
 * invoices or bills are finance-allocations.sql.ts, so a function reading payments alone does not
 * carry the documents' tables). Amounts are minor units of the payment's currency (an allocation's document
 * has the same currency). The database holds what money depends on
 * (migrations/0023_finance_payment_rules.sql): inserting or deleting an allocation moves the
 * document's `paid_amount` and the payment's `allocated_amount` in the same statement, so the
 * documents' CHECK (credited + paid ≤ total) and this table's (allocated ≤ amount) refuse any
 * over-allocation, also from two transactions at once (each UPDATE waits for the other's row lock
 * and checks the committed amounts).
 */
export const paymentDirection = finance.enum('payment_direction', ['received', 'made']);
export const paymentStatus = finance.enum('payment_status', ['posted', 'void']);

export const payments = finance.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    direction: paymentDirection('direction').notNull(),
    /** Received: from this customer. */
    customerId: uuid('customer_id').references(() => customers.id),
    /** Made: to this vendor. */
    vendorId: uuid('vendor_id').references(() => vendors.id),
    date: date('date').notNull(),
    /** The bank or cash account the money went through: an active asset account. */
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    currency: text('currency').notNull(),
    /** Base-currency units per unit of `currency` on the payment date. */
    rate: numeric('rate', { precision: 18, scale: 6 }).notNull().default('1'),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    /** Kept by the allocations' trigger: what of the amount is applied to documents. */
    allocatedAmount: bigint('allocated_amount', { mode: 'bigint' }).notNull().default(sql`0`),
    /** What is left: the party's unapplied credit. */
    unappliedAmount: bigint('unapplied_amount', { mode: 'bigint' })
      .notNull()
      .generatedAlwaysAs(sql`amount - allocated_amount`),
    reference: text('reference').notNull().default(''),
    memo: text('memo').notNull().default(''),
    journalEntryId: uuid('journal_entry_id')
      .notNull()
      .references(() => journalEntries.id),
    status: paymentStatus('status').notNull().default('posted'),
    /** Void: why, the reversal of its entry, who and when (set once, with the status). */
    voidReason: text('void_reason'),
    voidEntryId: uuid('void_entry_id').references(() => journalEntries.id),
    voidedBy: text('voided_by'),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payments_customer_idx').on(t.customerId),
    index('payments_vendor_idx').on(t.vendorId),
    index('payments_date_idx').on(t.date),
    check('payments_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('payments_rate_check', sql`${t.rate} > 0`),
    check(
      'payments_party_check',
      sql`(${t.direction} = 'received' and ${t.customerId} is not null and ${t.vendorId} is null) or (${t.direction} = 'made' and ${t.vendorId} is not null and ${t.customerId} is null)`,
    ),
    check('payments_amount_check', sql`${t.amount} > 0`),
    check('payments_allocated_check', sql`${t.allocatedAmount} between 0 and ${t.amount}`),
    check(
      'payments_void_check',
      sql`${t.status} <> 'void' or (${t.allocatedAmount} = 0 and ${t.voidEntryId} is not null and ${t.voidReason} is not null)`,
    ),
  ],
);
