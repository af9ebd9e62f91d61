import { sql } from 'drizzle-orm';
import { bigint, check, index, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { journalEntries } from './finance.sql';
import { payments } from './finance-payments.sql';
import { bills, invoices } from './finance-receivables.sql';
import { finance } from './schemas';

/** A payment's allocations to its party's open invoices or bills (finance-payments.sql.ts). */
export const paymentAllocations = finance.table(
  'payment_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    billId: uuid('bill_id').references(() => bills.id),
    /** Minor units of the document's (and the payment's) currency. */
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    /** The realised exchange difference posted for it (payment at another rate than the document). */
    exchangeEntryId: uuid('exchange_entry_id').references(() => journalEntries.id),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('payment_allocations_payment_idx').on(t.paymentId),
    index('payment_allocations_invoice_idx').on(t.invoiceId),
    index('payment_allocations_bill_idx').on(t.billId),
    check('payment_allocations_amount_check', sql`${t.amount} > 0`),
    check('payment_allocations_document_check', sql`(${t.invoiceId} is null) <> (${t.billId} is null)`),
  ],
);
