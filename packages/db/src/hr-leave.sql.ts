import { sql } from 'drizzle-orm';
import { boolean, check, date, index, numeric, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { employees } from './hr.sql';
import { hr } from './schemas';

/** The company's public holidays: not counted as working days. */
export const holidays = hr.table(
  'holidays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    date: date('date').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('holidays_date_idx').on(t.date)],
);

export const accrualMethod = hr.enum('accrual_method', ['upfront', 'monthly']);

export const leaveTypes = hr.table(
  'leave_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    /** Paid types need a balance; unpaid ones are only counted. */
    paid: boolean('paid').notNull(),
    yearlyEntitlement: numeric('yearly_entitlement', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    accrual: accrualMethod('accrual').notNull(),
    /** Days that may move into the next year; the rest expires at year end. */
    carryForwardCap: numeric('carry_forward_cap', { precision: 5, scale: 2, mode: 'number' }).notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('leave_types_name_idx').on(sql`lower(${t.name})`),
    uniqueIndex('leave_types_code_idx').on(sql`lower(${t.code})`),
  ],
);

export const ledgerKind = hr.enum('leave_ledger_kind', [
  'allocation',
  'accrual',
  'use',
  'carry_forward',
  'expiry',
  'adjustment',
]);

/**
 * Append-only: balances are sums over it. `period` names the allocation, accrual or year-end run an
 * entry belongs to, so running a job twice adds nothing the second time.
 */
export const leaveLedger = hr.table(
  'leave_ledger',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    leaveTypeId: uuid('leave_type_id')
      .notNull()
      .references(() => leaveTypes.id),
    kind: ledgerKind('kind').notNull(),
    /** Positive adds to the balance, negative takes from it. */
    days: numeric('days', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    effectiveDate: date('effective_date').notNull(),
    period: text('period'),
    requestId: uuid('request_id'),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('leave_ledger_balance_idx').on(t.employeeId, t.leaveTypeId),
    uniqueIndex('leave_ledger_period_idx')
      .on(t.employeeId, t.leaveTypeId, t.kind, t.period)
      .where(sql`${t.period} is not null`),
    uniqueIndex('leave_ledger_request_idx').on(t.requestId).where(sql`${t.requestId} is not null`),
  ],
);

export const leaveRequestStatus = hr.enum('leave_request_status', ['pending', 'approved', 'rejected', 'cancelled']);

export const leaveRequests = hr.table(
  'leave_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    leaveTypeId: uuid('leave_type_id')
      .notNull()
      .references(() => leaveTypes.id),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    halfDayStart: boolean('half_day_start').notNull().default(false),
    halfDayEnd: boolean('half_day_end').notNull().default(false),
    /** Working days requested: weekends and holidays excluded, half days counted as 0.5. */
    days: numeric('days', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    reason: text('reason'),
    status: leaveRequestStatus('status').notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('leave_requests_employee_idx').on(t.employeeId, t.startDate),
    index('leave_requests_status_idx').on(t.status),
    check('leave_requests_dates_check', sql`${t.endDate} >= ${t.startDate}`),
    check('leave_requests_days_check', sql`${t.days} > 0`),
  ],
);
