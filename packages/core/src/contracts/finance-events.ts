import { isoDate } from '../schemas';
import * as z from '../z';
import { defineEvent } from './define-event';

const id = z.uuid();

const money = z.object({ amount: z.string(), currency: z.string() });

/** The events finance publishes (see `events.ts`). */
export const financeEvents = {
  /** A journal entry was posted (manual, or by invoicing, payroll, stock, closing, revaluation …). */
  entryPosted: defineEvent(
    'finance.journal-entry.posted',
    z.object({
      entryId: id,
      number: z.string(),
      date: isoDate,
      source: z.string(),
      sourceRef: z.nullable(z.string()),
      /** The entry's total debits (= credits) in the base currency. */
      total: money,
    }),
  ),
  /** A posted entry was reversed by another, dated when the reversal was made. */
  entryReversed: defineEvent(
    'finance.journal-entry.reversed',
    z.object({ entryId: id, number: z.string(), reversalId: id, reversalNumber: z.string(), date: isoDate }),
  ),
  periodClosed: defineEvent(
    'finance.period.closed',
    z.object({ periodId: id, name: z.string(), startDate: isoDate, endDate: isoDate }),
  ),
  /** The year's income and expense moved into retained earnings by `closingEntryId` (null when there was none). */
  yearClosed: defineEvent(
    'finance.fiscal-year.closed',
    z.object({
      fiscalYearId: id,
      name: z.string(),
      startDate: isoDate,
      endDate: isoDate,
      closingEntryId: z.nullable(id),
      netIncome: money,
    }),
  ),
  /** An employee submitted an expense claim; their manager (or finance, when they have none) decides it. */
  expenseSubmitted: defineEvent(
    'finance.expense.submitted',
    z.object({
      claimId: id,
      employeeId: id,
      employeeName: z.string(),
      title: z.string(),
      total: money,
      /** Who decides it: the employee's manager; null when finance does. */
      approverEmployeeId: z.nullable(id),
    }),
  ),
  /** A submitted claim was approved (and its expense posted) or rejected with a reason. */
  expenseDecided: defineEvent(
    'finance.expense.decided',
    z.object({
      claimId: id,
      employeeId: id,
      title: z.string(),
      total: money,
      decision: z.enum(['approved', 'rejected']),
      reason: z.nullable(z.string()),
      deciderEmployeeId: z.nullable(id),
    }),
  ),
  /** An approval took a budget's month or year over (let through: warn, or a stop overridden). */
  budgetExceeded: defineEvent(
    'finance.budget.exceeded',
    z.object({
      budgetId: id,
      departmentId: id,
      departmentName: z.string(),
      accountId: id,
      month: z.string(),
      mode: z.enum(['warn', 'stop']),
      /** `month` or `year`: what went over. */
      over: z.array(z.enum(['month', 'year'])),
      amount: money,
      source: z.string(),
      overridden: z.boolean(),
    }),
  ),
  /** A sales invoice was issued: numbered and posted (receivable, income, tax, withholding). */
  invoiceIssued: defineEvent(
    'finance.invoice.issued',
    z.object({
      invoiceId: id,
      number: z.string(),
      customerId: id,
      issueDate: isoDate,
      dueDate: isoDate,
      /** What the customer owes, in the invoice's currency. */
      total: money,
      entryId: id,
    }),
  ),
  /** An unpaid invoice was voided; its entry is reversed by `reversalId`. */
  invoiceVoided: defineEvent(
    'finance.invoice.voided',
    z.object({ invoiceId: id, number: z.string(), customerId: id, reversalId: id }),
  ),
  /**
   * An invoice became paid: what it owed reached zero with something paid, by a payment's allocation
   * or by a credit note that cleared the rest of a partly paid invoice (`paidOn`: that payment's or
   * credit note's date).
   */
  invoicePaid: defineEvent(
    'finance.invoice.paid',
    z.object({ invoiceId: id, number: z.string(), customerId: id, paidOn: isoDate, total: money }),
  ),
  /** A payment was received from a customer or made to a vendor, and posted (bank against receivable or payable). */
  paymentRecorded: defineEvent(
    'finance.payment.recorded',
    z.object({
      paymentId: id,
      direction: z.enum(['received', 'made']),
      /** The customer (received) or the vendor (made). */
      partyId: id,
      date: isoDate,
      amount: money,
      /** What of it was allocated to documents when recorded; the rest is the party's credit. */
      allocated: money,
      entryId: id,
    }),
  ),
  /**
   * A payment was voided: its allocations removed (the documents reopen) and its entry reversed by
   * `reversalId`, dated `date`.
   */
  paymentVoided: defineEvent(
    'finance.payment.voided',
    z.object({
      paymentId: id,
      direction: z.enum(['received', 'made']),
      partyId: id,
      amount: money,
      reason: z.string(),
      date: isoDate,
      reversalId: id,
      /** The invoices or bills its allocations were removed from. */
      documentIds: z.array(id),
    }),
  ),
  /** A vendor bill was approved: numbered and posted (expense, tax receivable, withholding, payable). */
  billApproved: defineEvent(
    'finance.bill.approved',
    z.object({
      billId: id,
      number: z.string(),
      vendorId: id,
      vendorReference: z.nullable(z.string()),
      billDate: isoDate,
      dueDate: isoDate,
      total: money,
      entryId: id,
      /** The purchase order it was drafted from, when it was. */
      orderId: z.nullable(id),
    }),
  ),
} as const;
