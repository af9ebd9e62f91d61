import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { bigint, boolean, date, integer, numeric, text, uuid } from 'drizzle-orm/pg-core';
import { accountType } from './finance.sql';
import { budgetMode } from './finance-expenses.sql';
import { billStatus, invoiceStatus } from './finance-receivables.sql';
import { finance } from './schemas';

/**
 * The read-only views the finance service publishes for other services (reporting, budgets),
 * typed for their readers. The SQL is the migration's (`migrations/0015_finance_ledger_rules.sql`);
 * `packages/db/test/views.test.ts` compares the two.
 */

/** The chart of accounts as a tree: depth from the root and the codes on the way (`1000/1100/1110`). */
export const chartOfAccounts = finance
  .view('chart_of_accounts', {
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: accountType('type').notNull(),
    parentId: uuid('parent_id'),
    parentCode: text('parent_code'),
    isGroup: boolean('is_group').notNull(),
    active: boolean('active').notNull(),
    currency: text('currency'),
    cash: boolean('cash').notNull(),
    role: text('role'),
    depth: integer('depth').notNull(),
    path: text('path').notNull(),
  })
  .existing();

/** Posted movements per account and month (`YYYY-MM`), in base-currency minor units. */
export const accountBalancesMonthly = finance
  .view('account_balances_monthly', {
    accountId: uuid('account_id').notNull(),
    code: text('code').notNull(),
    type: accountType('type').notNull(),
    month: text('month').notNull(),
    debit: bigint('debit', { mode: 'bigint' }).notNull(),
    credit: bigint('credit', { mode: 'bigint' }).notNull(),
    /** Debit minus credit. */
    net: bigint('net', { mode: 'bigint' }).notNull(),
  })
  .existing();

/**
 * Issued invoices with something still owed, with their due date. Overdue is derived from the due
 * date, never stored, and as of a date the reader passes (its calendar's today, or any as-of date)
 * with `daysPastDue`: a view has no "today" of its own, since the database's `current_date` is the
 * server's day, not the company's calendar. SQL: `migrations/0025_finance_payment_void_rules.sql`.
 */
export const openReceivables = finance
  .view('open_receivables', {
    invoiceId: uuid('invoice_id').notNull(),
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    customerName: text('customer_name').notNull(),
    issueDate: date('issue_date').notNull(),
    dueDate: date('due_date').notNull(),
    currency: text('currency').notNull(),
    rate: numeric('rate', { precision: 18, scale: 6 }).notNull(),
    total: bigint('total', { mode: 'bigint' }).notNull(),
    amountDue: bigint('amount_due', { mode: 'bigint' }).notNull(),
    status: invoiceStatus('status').notNull(),
  })
  .existing();

/** Approved bills with something still owed, as `openReceivables`. */
export const openPayables = finance
  .view('open_payables', {
    billId: uuid('bill_id').notNull(),
    number: text('number').notNull(),
    vendorId: uuid('vendor_id').notNull(),
    vendorName: text('vendor_name').notNull(),
    vendorReference: text('vendor_reference'),
    billDate: date('bill_date').notNull(),
    dueDate: date('due_date').notNull(),
    currency: text('currency').notNull(),
    rate: numeric('rate', { precision: 18, scale: 6 }).notNull(),
    total: bigint('total', { mode: 'bigint' }).notNull(),
    amountDue: bigint('amount_due', { mode: 'bigint' }).notNull(),
    status: billStatus('status').notNull(),
  })
  .existing();

/**
 * Days a document due on `dueDate` is past due on `asOf` (a `YYYY-MM-DD` date from the reader's
 * company calendar, e.g. `ctx.calendar.today()`), 0 when not yet due:
 * `db.select({ ...getViewSelectedFields(openReceivables), daysOverdue: daysPastDue(openReceivables.dueDate, today) })`.
 */
export function daysPastDue(dueDate: AnyColumn | SQL, asOf: string): SQL<number> {
  return sql<number>`greatest(${asOf}::date - ${dueDate}, 0)`.mapWith(Number);
}

const monthlyTotals = {
  month: text('month').notNull(),
  currency: text('currency').notNull(),
  documents: integer('documents').notNull(),
  net: bigint('net', { mode: 'bigint' }).notNull(),
  tax: bigint('tax', { mode: 'bigint' }).notNull(),
  withholding: bigint('withholding', { mode: 'bigint' }).notNull(),
  total: bigint('total', { mode: 'bigint' }).notNull(),
  amountDue: bigint('amount_due', { mode: 'bigint' }).notNull(),
};

/** Issued (not void) invoices per month (`YYYY-MM`) of issue and currency, in minor units. */
export const invoiceTotalsMonthly = finance.view('invoice_totals_monthly', monthlyTotals).existing();

/** Approved (not void) bills per month of the bill date and currency, in minor units. */
export const billTotalsMonthly = finance.view('bill_totals_monthly', monthlyTotals).existing();

/** The vendors, as purchasing reads them: the company's one supplier record. */
export const vendorDirectory = finance
  .view('vendor_directory', {
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    taxNumber: text('tax_number'),
    contactName: text('contact_name'),
    email: text('email'),
    phone: text('phone'),
    paymentTermsDays: integer('payment_terms_days').notNull(),
    currency: text('currency').notNull(),
    active: boolean('active').notNull(),
  })
  .existing();

/**
 * What is left of each budget per month (`YYYY-MM`), for purchasing: the budget less the posted
 * actuals of its account and cost centre and the open commitments, in base-currency minor units
 * (`migrations/0017_finance_expense_rules.sql`).
 */
export const budgetRemaining = finance
  .view('budget_remaining', {
    budgetId: uuid('budget_id').notNull(),
    fiscalYearId: uuid('fiscal_year_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    costCentre: text('cost_centre').notNull(),
    accountId: uuid('account_id').notNull(),
    accountCode: text('account_code').notNull(),
    mode: budgetMode('mode').notNull(),
    month: text('month').notNull(),
    budget: bigint('budget', { mode: 'bigint' }).notNull(),
    actual: bigint('actual', { mode: 'bigint' }).notNull(),
    committed: bigint('committed', { mode: 'bigint' }).notNull(),
    remaining: bigint('remaining', { mode: 'bigint' }).notNull(),
  })
  .existing();
