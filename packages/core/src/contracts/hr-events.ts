import { attendanceStatus } from '@konecta/db';
import { isoDate } from '../schemas';
import * as z from '../z';
import { defineEvent } from './define-event';

const id = z.uuid();

/** The events HR publishes (see `events.ts`). */
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
