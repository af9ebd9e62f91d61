import { bigint, boolean, date, integer, numeric, text, uuid } from 'drizzle-orm/pg-core';
import { employeeStatus, employmentType, salaryPeriod } from './hr-enums.sql';
import { hr } from './schemas';

/**
 * The read-only views HR publishes for other services (payroll, reporting), typed for their
 * readers. The SQL that defines them is the migration's (`migrations/0005_hr_published_views.sql`);
 * these declarations only describe the columns, and `packages/db/test/views.test.ts` compares
 * them with the migrated database so the two cannot drift. Columns from a left join are nullable
 * whatever the table says.
 */

/** The directory: who works here, where, for whom. No pay, no national id, no bank data. */
export const employeeDirectory = hr
  .view('employee_directory', {
    id: uuid('id').notNull(),
    number: text('number').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    fullName: text('full_name').notNull(),
    workEmail: text('work_email').notNull(),
    phone: text('phone'),
    status: employeeStatus('status').notNull(),
    employmentType: employmentType('employment_type').notNull(),
    hireDate: date('hire_date').notNull(),
    exitDate: date('exit_date'),
    departmentId: uuid('department_id'),
    departmentName: text('department_name'),
    costCentre: text('cost_centre'),
    positionId: uuid('position_id'),
    positionTitle: text('position_title'),
    managerId: uuid('manager_id'),
    userId: uuid('user_id'),
    remote: boolean('remote').notNull(),
  })
  .existing();

/** What payroll needs: pay terms and the payout account (still encrypted; payroll holds the key). */
export const payrollEmployees = hr
  .view('payroll_employees', {
    employeeId: uuid('employee_id').notNull(),
    number: text('number').notNull(),
    fullName: text('full_name').notNull(),
    status: employeeStatus('status').notNull(),
    hireDate: date('hire_date').notNull(),
    exitDate: date('exit_date'),
    departmentId: uuid('department_id'),
    costCentre: text('cost_centre'),
    /** Minor units of `salaryCurrency` per `salaryPeriod`. */
    salaryAmount: bigint('salary_amount', { mode: 'bigint' }).notNull(),
    salaryCurrency: text('salary_currency').notNull(),
    salaryPeriod: salaryPeriod('salary_period').notNull(),
    weeklyHours: numeric('weekly_hours', { precision: 4, scale: 1 }).notNull(),
    payoutAccountEncrypted: text('payout_account_encrypted'),
    payoutAccountLast4: text('payout_account_last4'),
    nationalIdEncrypted: text('national_id_encrypted'),
  })
  .existing();

/** Attendance per employee and month (`YYYY-MM`): days by status and minutes worked. */
export const monthlyAttendance = hr
  .view('monthly_attendance', {
    employeeId: uuid('employee_id').notNull(),
    month: text('month').notNull(),
    presentDays: integer('present_days').notNull(),
    remoteDays: integer('remote_days').notNull(),
    absentDays: integer('absent_days').notNull(),
    leaveDays: integer('leave_days').notNull(),
    holidayDays: integer('holiday_days').notNull(),
    workedMinutes: integer('worked_minutes').notNull(),
  })
  .existing();

/** Approved unpaid leave per employee and month the leave starts in, for payroll's deduction. */
export const monthlyUnpaidLeave = hr
  .view('monthly_unpaid_leave', {
    employeeId: uuid('employee_id').notNull(),
    month: text('month').notNull(),
    unpaidDays: numeric('unpaid_days', { precision: 6, scale: 2, mode: 'number' }).notNull(),
  })
  .existing();
