import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { employeeStatus, employmentType, salaryPeriod } from './hr-enums.sql';
import { hr } from './schemas';

export const departments = hr.table(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Cost-centre code finance books against, e.g. `CC-410`. */
    costCentre: text('cost_centre').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    /** The employee who manages it (no FK: departments and employees refer to each other). */
    managerId: uuid('manager_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('departments_name_idx').on(sql`lower(${t.name})`),
    uniqueIndex('departments_cost_centre_idx').on(sql`lower(${t.costCentre})`),
    index('departments_parent_idx').on(t.parentId),
  ],
);

export const positions = hr.table(
  'positions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    grade: text('grade').notNull(),
    /** Salary band in minor units of `currency`, per month. */
    salaryMin: bigint('salary_min', { mode: 'bigint' }).notNull(),
    salaryMax: bigint('salary_max', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('positions_title_department_idx').on(sql`lower(${t.title})`, t.departmentId),
    check('positions_band_check', sql`${t.salaryMin} >= 0 and ${t.salaryMax} >= ${t.salaryMin}`),
  ],
);

export const employees = hr.table(
  'employees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `EMP-00042`: assigned on creation, never reused. */
    number: text('number').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    workEmail: text('work_email').notNull(),
    phone: text('phone'),
    positionId: uuid('position_id').references(() => positions.id),
    departmentId: uuid('department_id').references(() => departments.id),
    managerId: uuid('manager_id').references((): AnyPgColumn => employees.id),
    employmentType: employmentType('employment_type').notNull().default('full_time'),
    hireDate: date('hire_date').notNull(),
    status: employeeStatus('status').notNull().default('active'),
    /** The last day of employment; while it is in the future the exit is only scheduled. */
    exitDate: date('exit_date'),
    exitReason: text('exit_reason'),
    /** The status (resigned or terminated) a scheduled exit gives on `exitDate`; null when none is. */
    exitStatus: employeeStatus('exit_status'),
    /** Who scheduled the exit: the exit acts in their name when it takes effect (auth checks their permissions). */
    exitScheduledBy: text('exit_scheduled_by'),
    /** Minor units of `salaryCurrency` per `salaryPeriod`. Shown only to callers allowed to see pay. */
    salaryAmount: bigint('salary_amount', { mode: 'bigint' }).notNull(),
    salaryCurrency: text('salary_currency').notNull(),
    salaryPeriod: salaryPeriod('salary_period').notNull().default('monthly'),
    weeklyHours: numeric('weekly_hours', { precision: 4, scale: 1 }).notNull().default('40'),
    /** AES-256-GCM ciphertexts; the last 4 characters are kept apart for masked display. */
    nationalIdEncrypted: text('national_id_encrypted'),
    nationalIdLast4: text('national_id_last4'),
    payoutAccountEncrypted: text('payout_account_encrypted'),
    payoutAccountLast4: text('payout_account_last4'),
    address: text('address'),
    emergencyContact: jsonb('emergency_contact').$type<{ name: string; phone: string; relation?: string }>(),
    /** Works remotely: may check in without being at an office. */
    remote: boolean('remote').notNull().default(false),
    /** The auth user of this employee, once their login exists. */
    userId: uuid('user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('employees_number_idx').on(t.number),
    uniqueIndex('employees_work_email_idx').on(sql`lower(${t.workEmail})`),
    uniqueIndex('employees_user_idx').on(t.userId),
    index('employees_department_idx').on(t.departmentId),
    index('employees_manager_idx').on(t.managerId),
    index('employees_status_idx').on(t.status),
    index('employees_name_idx').on(t.lastName, t.firstName),
    check('employees_salary_check', sql`${t.salaryAmount} >= 0`),
    check('employees_exit_check', sql`${t.exitDate} is null or ${t.exitDate} >= ${t.hireDate}`),
  ],
);

/** Lifecycle history: hired, moved, paid differently, on leave, resigned, terminated. */
export const employeeHistory = hr.table(
  'employee_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    kind: text('kind').notNull(),
    effectiveDate: date('effective_date').notNull(),
    details: jsonb('details').notNull().default({}),
    actorId: text('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('employee_history_employee_idx').on(t.employeeId, t.at)],
);

/** Employee numbers come from a counter row, so they never repeat. */
export const counters = hr.table('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull().default(0),
});
