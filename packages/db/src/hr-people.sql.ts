import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { departments, employees, positions } from './hr.sql';
import { employmentType } from './hr-enums.sql';
import { hr } from './schemas';

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
    /** The employee's own view, written while the review is a draft; private to them until submitted. */
    selfAssessment: text('self_assessment'),
    selfRating: integer('self_rating'),
    selfSubmittedAt: timestamp('self_submitted_at', { withTimezone: true }),
    status: reviewStatus('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('reviews_cycle_employee_idx').on(t.cycleId, t.employeeId),
    check('reviews_rating_check', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check('reviews_self_rating_check', sql`${t.selfRating} is null or ${t.selfRating} between 1 and 5`),
  ],
);

export const reviewGoalStatus = hr.enum('review_goal_status', [
  'not_started',
  'in_progress',
  'achieved',
  'partly_achieved',
  'not_achieved',
]);

/** A review's goals in order; weights, when set, sum to 100 (checked by the API as the list is replaced whole). */
export const reviewGoals = hr.table(
  'review_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    weight: integer('weight'),
    dueDate: date('due_date'),
    status: reviewGoalStatus('status').notNull().default('not_started'),
    progress: integer('progress').notNull().default(0),
  },
  (t) => [
    uniqueIndex('review_goals_review_position_idx').on(t.reviewId, t.position),
    check('review_goals_weight_check', sql`${t.weight} is null or ${t.weight} between 1 and 100`),
    check('review_goals_progress_check', sql`${t.progress} between 0 and 100`),
  ],
);

/** The conversation on a review, between the employee and their reviewers (HR included). */
export const reviewComments = hr.table(
  'review_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The thread's order: comments written at the same instant keep the order they were written in. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    authorUserId: text('author_user_id').notNull(),
    authorEmployeeId: uuid('author_employee_id').references(() => employees.id),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('review_comments_review_idx').on(t.reviewId, t.seq),
    check('review_comments_body_check', sql`length(${t.body}) between 1 and 4000`),
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
  salaryMin: bigint('salary_min', { mode: 'bigint' }),
  salaryMax: bigint('salary_max', { mode: 'bigint' }),
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
