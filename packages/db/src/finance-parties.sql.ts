import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { finance } from './schemas';

/**
 * Customers and vendors, a module apart from their documents: Drizzle's table calls stay in a
 * bundle whenever their module is imported, so a function that names a party (bank
 * reconciliation, payments) does not carry the invoices, bills and credit notes.
 */

export const creditLimitAction = finance.enum('credit_limit_action', ['warn', 'stop']);

const party = {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** The tax registration number (Egypt: 9 digits; others vary). */
  taxNumber: text('tax_number'),
  contactName: text('contact_name'),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
  /** Net days: the due date is the document date plus these calendar days. */
  paymentTermsDays: integer('payment_terms_days').notNull().default(30),
  currency: text('currency').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
};

export const customers = finance.table(
  'customers',
  {
    ...party,
    /** In minor units of the customer's currency; none means no limit. */
    creditLimit: bigint('credit_limit', { mode: 'bigint' }),
    creditLimitAction: creditLimitAction('credit_limit_action').notNull().default('warn'),
  },
  (t) => [
    index('customers_name_idx').on(t.name),
    check('customers_terms_check', sql`${t.paymentTermsDays} between 0 and 365`),
    check('customers_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('customers_credit_limit_check', sql`${t.creditLimit} is null or ${t.creditLimit} >= 0`),
  ],
);

/** The company's one supplier record: bills here, purchase orders in operation. */
export const vendors = finance.table('vendors', party, (t) => [
  index('vendors_name_idx').on(t.name),
  check('vendors_terms_check', sql`${t.paymentTermsDays} between 0 and 365`),
  check('vendors_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
]);
