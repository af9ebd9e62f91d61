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
import { hr } from './schemas';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

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
    salaryMin: bigint('salary_min', { mode: 'number' }).notNull(),
    salaryMax: bigint('salary_max', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('positions_title_department_idx').on(sql`lower(${t.title})`, t.departmentId),
    check('positions_band_check', sql`${t.salaryMin} >= 0 and ${t.salaryMax} >= ${t.salaryMin}`),
  ],
);

export const employmentType = hr.enum('employment_type', ['full_time', 'part_time', 'contract', 'intern']);
export const employeeStatus = hr.enum('employee_status', ['active', 'on_leave', 'resigned', 'terminated']);
export const salaryPeriod = hr.enum('salary_period', ['monthly', 'yearly', 'hourly']);

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
    exitDate: date('exit_date'),
    exitReason: text('exit_reason'),
    /** Minor units of `salaryCurrency` per `salaryPeriod`. Shown only to callers allowed to see pay. */
    salaryAmount: bigint('salary_amount', { mode: 'number' }).notNull(),
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

/** Offices people check in at; a check-in must be within `radiusMeters` of one (unless remote). */
export const officeLocations = hr.table(
  'office_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    latitude: numeric('latitude', { precision: 9, scale: 6, mode: 'number' }).notNull(),
    longitude: numeric('longitude', { precision: 9, scale: 6, mode: 'number' }).notNull(),
    radiusMeters: integer('radius_meters').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('office_locations_name_idx').on(sql`lower(${t.name})`),
    check('office_locations_radius_check', sql`${t.radiusMeters} between 10 and 50000`),
    check(
      'office_locations_coordinates_check',
      sql`${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180`,
    ),
  ],
);

export const attendanceStatus = hr.enum('attendance_status', ['present', 'absent', 'remote', 'on_leave', 'holiday']);

/** One record per employee per working day. */
export const attendanceRecords = hr.table(
  'attendance_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    workDate: date('work_date').notNull(),
    status: attendanceStatus('status').notNull(),
    checkInAt: timestamp('check_in_at', { withTimezone: true }),
    checkOutAt: timestamp('check_out_at', { withTimezone: true }),
    officeLocationId: uuid('office_location_id').references(() => officeLocations.id),
    /** Minutes between check-in and check-out, set at check-out (or by a correction). */
    workedMinutes: integer('worked_minutes'),
    correctedBy: text('corrected_by'),
    correctionReason: text('correction_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('attendance_employee_day_idx').on(t.employeeId, t.workDate),
    index('attendance_day_idx').on(t.workDate),
    check(
      'attendance_times_check',
      sql`${t.checkOutAt} is null or ${t.checkInAt} is null or ${t.checkOutAt} >= ${t.checkInAt}`,
    ),
  ],
);

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

export const reviewCycleStatus = hr.enum('review_cycle_status', ['draft', 'open', 'closed']);

export const reviewCycles = hr.table(
  'review_cycles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    status: reviewCycleStatus('status').notNull().default('open'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('review_cycles_name_idx').on(sql`lower(${t.name})`),
    check('review_cycles_dates_check', sql`${t.endDate} >= ${t.startDate}`),
  ],
);

export const reviewStatus = hr.enum('review_status', ['draft', 'submitted', 'acknowledged']);

/** One review per employee per cycle, written by their manager (or HR). */
export const reviews = hr.table(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => reviewCycles.id),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    reviewerId: uuid('reviewer_id').references(() => employees.id),
    rating: integer('rating'),
    strengths: text('strengths'),
    improvements: text('improvements'),
    goals: jsonb('goals').$type<{ title: string; progress: number }[]>().notNull().default([]),
    status: reviewStatus('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('reviews_cycle_employee_idx').on(t.cycleId, t.employeeId),
    check('reviews_rating_check', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);

export const resignationStatus = hr.enum('resignation_status', [
  'pending',
  'approved',
  'rejected',
  'withdrawn',
  'completed',
]);

/** Offboarding: one pending resignation per employee, then an exit checklist. */
export const resignations = hr.table(
  'resignations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    lastWorkingDay: date('last_working_day').notNull(),
    reason: text('reason').notNull(),
    status: resignationStatus('status').notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    equipmentReturned: boolean('equipment_returned').notNull().default(false),
    accessRevoked: boolean('access_revoked').notNull().default(false),
    finalSettlementDone: boolean('final_settlement_done').notNull().default(false),
    exitNotes: text('exit_notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('resignations_one_pending_idx').on(t.employeeId).where(sql`${t.status} = 'pending'`)],
);

export const courses = hr.table(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description'),
    capacity: integer('capacity').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    check('courses_capacity_check', sql`${t.capacity} > 0`),
    check('courses_dates_check', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const enrolmentStatus = hr.enum('enrolment_status', ['enrolled', 'completed', 'cancelled']);

/** Once per employee per course; completion earns a numbered certificate. */
export const enrolments = hr.table(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    status: enrolmentStatus('status').notNull().default('enrolled'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    certificateNumber: text('certificate_number'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('enrolments_course_employee_idx').on(t.courseId, t.employeeId),
    uniqueIndex('enrolments_certificate_idx').on(t.certificateNumber),
  ],
);

export const openingStatus = hr.enum('opening_status', ['draft', 'open', 'closed']);

export const jobOpenings = hr.table('job_openings', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  departmentId: uuid('department_id')
    .notNull()
    .references(() => departments.id),
  positionId: uuid('position_id').references(() => positions.id),
  location: text('location').notNull(),
  employmentType: employmentType('employment_type').notNull().default('full_time'),
  salaryMin: bigint('salary_min', { mode: 'number' }),
  salaryMax: bigint('salary_max', { mode: 'number' }),
  currency: text('currency'),
  status: openingStatus('status').notNull().default('draft'),
  closingDate: date('closing_date'),
  description: text('description'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const applicationStage = hr.enum('application_stage', [
  'applied',
  'screening',
  'interview',
  'offer',
  'hired',
  'rejected',
  'withdrawn',
]);

export const applications = hr.table(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    openingId: uuid('opening_id')
      .notNull()
      .references(() => jobOpenings.id),
    candidateName: text('candidate_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    stage: applicationStage('stage').notNull().default('applied'),
    notes: text('notes'),
    hiredEmployeeId: uuid('hired_employee_id').references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('applications_opening_email_idx').on(t.openingId, sql`lower(${t.email})`),
    index('applications_stage_idx').on(t.stage),
  ],
);

export const interviews = hr.table('interviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id')
    .notNull()
    .references(() => applications.id),
  scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
  interviewerId: uuid('interviewer_id').references(() => employees.id),
  rating: integer('rating'),
  feedback: text('feedback'),
  createdAt: createdAt(),
});
