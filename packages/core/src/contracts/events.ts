import { attendanceStatus } from '@konecta/db';
import { isoDate } from '../schemas';
import * as z from '../z';
import { defineEvent, type EventContract } from './define-event';

/**
 * Every domain event the services publish, each declared once with its payload. Publishers pass
 * the declaration to `publishEvent` and consumers to `bus.subscribe`, so both sides are typed from
 * here and a payload that does not fit is refused (at publish in local stages and tests, and
 * always at delivery).
 */

const id = z.uuid();

export const hrEvents = {
  /** A person joined; auth links or invites their login (`createLogin`) and answers `auth.user.linked`. */
  employeeHired: defineEvent(
    'hr.employee.hired',
    z.object({
      employeeId: id,
      number: z.string(),
      workEmail: z.email(),
      fullName: z.string(),
      departmentId: z.nullable(id),
      hireDate: isoDate,
      createLogin: z.boolean(),
    }),
  ),
  /** Fields of the record changed (sensitive ones are never named). */
  employeeUpdated: defineEvent('hr.employee.updated', z.object({ employeeId: id, fields: z.array(z.string()) })),
  /** Employment ended; auth disables the login. */
  employeeTerminated: defineEvent(
    'hr.employee.terminated',
    z.object({
      employeeId: id,
      userId: z.nullable(id),
      status: z.enum(['terminated', 'resigned']),
      exitDate: isoDate,
    }),
  ),
  attendanceCorrected: defineEvent(
    'hr.attendance.corrected',
    z.object({ recordId: id, employeeId: id, workDate: isoDate, status: z.enum(attendanceStatus.enumValues) }),
  ),
  leaveRequested: defineEvent(
    'hr.leave.requested',
    z.object({
      requestId: id,
      employeeId: id,
      employeeName: z.string(),
      leaveTypeId: id,
      startDate: isoDate,
      endDate: isoDate,
      days: z.number().check(z.positive()),
      /** Who decides it: the employee's manager (else their department's); null when HR does. */
      approverEmployeeId: z.nullable(id),
    }),
  ),
  /** A pending request was approved, rejected, or withdrawn by its requester. */
  leaveDecided: defineEvent(
    'hr.leave.decided',
    z.object({
      requestId: id,
      employeeId: id,
      employeeName: z.string(),
      decision: z.enum(['approved', 'rejected', 'cancelled']),
      days: z.number().check(z.positive()),
      startDate: isoDate,
      endDate: isoDate,
      /** As in `hr.leave.requested`: who was to decide (told when the requester withdraws). */
      approverEmployeeId: z.nullable(id),
    }),
  ),
  /** A review was submitted, i.e. shared with the employee it is about. */
  reviewSubmitted: defineEvent(
    'hr.review.submitted',
    z.object({ reviewId: id, employeeId: id, reviewerEmployeeId: z.nullable(id) }),
  ),
  /** The employee submitted their self-assessment; their reviewer can finalise the review. */
  reviewSelfAssessed: defineEvent(
    'hr.review.self-assessed',
    z.object({ reviewId: id, employeeId: id, employeeName: z.string(), reviewerEmployeeId: z.nullable(id) }),
  ),
  resignationDecided: defineEvent(
    'hr.resignation.decided',
    z.object({
      resignationId: id,
      employeeId: id,
      decision: z.enum(['approved', 'rejected']),
      lastWorkingDay: isoDate,
    }),
  ),
  /** An employee's scheduled exit date has come: published by HR's daily job as it ends the employment. */
  exitDateReached: defineEvent(
    'hr.employee.exit-date-reached',
    z.object({ employeeId: id, managerEmployeeId: z.nullable(id), exitDate: isoDate, fullName: z.string() }),
  ),
} as const;

export const authEvents = {
  /** Forgot password: its consumer mails a reset link when the address is an active account's. */
  passwordResetRequested: defineEvent('auth.password-reset.requested', z.object({ email: z.email() })),
  /** A login now belongs to an employee; HR records the user id on the employee. */
  userLinked: defineEvent('auth.user.linked', z.object({ userId: id, employeeId: id })),
} as const;

const money = z.object({ amount: z.string(), currency: z.string() });

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

export const operationEvents = {
  /**
   * Goods of a purchase order were received. Finance drafts the vendor's bill from it, keeping the
   * ordered quantities and prices beside the received ones. Quantities are decimal strings (up to
   * 3 decimals); `unitPrice` is the order's price in `currency`.
   */
  goodsReceived: defineEvent(
    'operation.goods.received',
    z.object({
      orderId: id,
      orderNumber: z.string(),
      vendorId: id,
      receivedDate: isoDate,
      currency: z.string(),
      lines: z
        .array(
          z.object({
            itemId: z.nullable(id),
            description: z.string(),
            orderedQuantity: z.string(),
            receivedQuantity: z.string(),
            unitPrice: z.string(),
            /** The account the line is billed to; inventory when not given. */
            accountId: z.optional(z.nullable(id)),
          }),
        )
        .check(z.minLength(1)),
    }),
  ),
} as const;

/** Every declared event, for checks that span them (one declaration per type). */
export const eventCatalogue: readonly EventContract[] = [
  ...Object.values(hrEvents),
  ...Object.values(authEvents),
  ...Object.values(financeEvents),
  ...Object.values(operationEvents),
];
