import {
  type Caller,
  conflict,
  countUpTo,
  executorFor,
  forbidden,
  hrEvents,
  inTransaction,
  type ListPage,
  notFound,
  pageOf,
  publishEvent,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { attendanceRecords, employees, officeLocations } from '@konecta/db';
import { and, asc, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { HrContext } from '../context';
import { inScope, scopeOf } from '../scope';
import { describeDistance, distanceMeters } from './geo';

type RecordRow = typeof attendanceRecords.$inferSelect;

export function toAttendanceView(r: RecordRow, employeeName?: string | null, officeName?: string | null) {
  return {
    id: r.id,
    employeeId: r.employeeId,
    employeeName: employeeName ?? null,
    workDate: r.workDate,
    status: r.status,
    checkInAt: r.checkInAt?.toISOString() ?? null,
    checkOutAt: r.checkOutAt?.toISOString() ?? null,
    officeLocationId: r.officeLocationId,
    /** Where the check-in matched ("Cairo HQ"); null when remote or unknown. */
    officeName: officeName ?? null,
    workedMinutes: r.workedMinutes,
    hours: r.workedMinutes === null ? null : Math.round((r.workedMinutes / 60) * 100) / 100,
    corrected: r.correctedBy !== null,
    correctionReason: r.correctionReason,
  };
}

async function ownEmployee(ctx: HrContext, caller: Caller) {
  const db = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  if (!scope.employeeId) throw notFound('Your sign-in is not linked to an employee record.');
  const [employee] = await db.select().from(employees).where(eq(employees.id, scope.employeeId));
  if (!employee || employee.status === 'terminated' || employee.status === 'resigned') {
    throw forbidden('Only current employees check in.');
  }
  return employee;
}

/**
 * Checks the caller in for today (company time zone). At an office: within its radius. A remote
 * employee anywhere else is checked in as remote. One record per day: a second check-in is 409.
 */
export async function checkIn(ctx: HrContext, caller: Caller, position: { latitude: number; longitude: number }) {
  const employee = await ownEmployee(ctx, caller);
  const now = ctx.now();
  const offices = await ctx.db.select().from(officeLocations).where(eq(officeLocations.active, true));
  const nearest = offices
    .map((o) => ({ office: o, meters: distanceMeters(position, o) }))
    .sort((a, b) => a.meters - b.meters)[0];
  const atOffice = nearest && nearest.meters <= nearest.office.radiusMeters ? nearest.office : undefined;
  if (!atOffice && !employee.remote) {
    throw unprocessable(
      nearest
        ? `You are ${describeDistance(nearest.meters)} from the nearest office (${nearest.office.name}); check in within ${nearest.office.radiusMeters} m of an office.`
        : 'No office locations are set up yet, and you are not marked as working remotely. Ask HR.',
      [{ path: 'latitude', message: 'Outside every office.' }],
    );
  }
  return inTransaction(ctx.db, async (tx) => {
    const workDate = ctx.calendar.dateOf(now);
    const [row] = await tx
      .insert(attendanceRecords)
      .values({
        employeeId: employee.id,
        workDate,
        status: atOffice ? 'present' : 'remote',
        checkInAt: now,
        officeLocationId: atOffice?.id ?? null,
      })
      .onConflictDoNothing({ target: [attendanceRecords.employeeId, attendanceRecords.workDate] })
      .returning();
    if (!row) {
      const [existing] = await tx
        .select()
        .from(attendanceRecords)
        .where(and(eq(attendanceRecords.employeeId, employee.id), eq(attendanceRecords.workDate, workDate)));
      throw conflict(
        existing?.checkInAt
          ? `You already checked in today at ${ctx.calendar.timeOf(existing.checkInAt)}.`
          : `Today already has an attendance record (${existing?.status ?? 'unknown'}).`,
        { recordId: existing?.id },
      );
    }
    return toAttendanceView(row, `${employee.firstName} ${employee.lastName}`, atOffice?.name);
  });
}

/** Checks the caller out: today's record gets its check-out time and the minutes worked. */
export async function checkOut(ctx: HrContext, caller: Caller) {
  const employee = await ownEmployee(ctx, caller);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const workDate = ctx.calendar.dateOf(now);
    const [record] = await tx
      .select()
      .from(attendanceRecords)
      .where(and(eq(attendanceRecords.employeeId, employee.id), eq(attendanceRecords.workDate, workDate)))
      .for('update');
    if (!record?.checkInAt) throw conflict('You have not checked in today.');
    if (record.checkOutAt)
      throw conflict(`You already checked out today at ${ctx.calendar.timeOf(record.checkOutAt)}.`);
    const workedMinutes = Math.max(0, Math.round((now.getTime() - record.checkInAt.getTime()) / 60_000));
    const [after] = await tx
      .update(attendanceRecords)
      .set({ checkOutAt: now, workedMinutes, updatedAt: now })
      .where(eq(attendanceRecords.id, record.id))
      .returning();
    const [office] = record.officeLocationId
      ? await tx
          .select({ name: officeLocations.name })
          .from(officeLocations)
          .where(eq(officeLocations.id, record.officeLocationId))
      : [];
    return toAttendanceView(after as RecordRow, `${employee.firstName} ${employee.lastName}`, office?.name);
  });
}

export interface AttendanceFilters extends ListPage {
  employeeId?: string;
  from?: string;
  to?: string;
  status?: RecordRow['status'];
}

/**
 * Attendance records within the caller's scope: their own; with `hr.attendance.read`, their
 * team's (manager) or everyone's (HR, with `hr.employees.read-all`).
 */
export async function listAttendance(ctx: HrContext, caller: Caller, filters: AttendanceFilters) {
  const db = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const conditions: (SQL | undefined)[] = [];
  if (caller.permissions.has('hr.attendance.read')) conditions.push(inScope(scope));
  else conditions.push(scope.employeeId ? eq(attendanceRecords.employeeId, scope.employeeId) : sql`false`);
  if (filters.employeeId) conditions.push(eq(attendanceRecords.employeeId, filters.employeeId));
  if (filters.from) conditions.push(gte(attendanceRecords.workDate, filters.from));
  if (filters.to) conditions.push(lte(attendanceRecords.workDate, filters.to));
  if (filters.status) conditions.push(eq(attendanceRecords.status, filters.status));
  const where = and(...conditions);
  const rows = await db
    .select({
      record: attendanceRecords,
      name: sql<string>`${employees.firstName} || ' ' || ${employees.lastName}`,
      office: officeLocations.name,
    })
    .from(attendanceRecords)
    .innerJoin(employees, eq(employees.id, attendanceRecords.employeeId))
    .leftJoin(officeLocations, eq(officeLocations.id, attendanceRecords.officeLocationId))
    .where(where)
    .orderBy(desc(attendanceRecords.workDate), asc(employees.lastName), asc(attendanceRecords.id))
    .limit(filters.limit)
    .offset(filters.offset);
  const total = await countUpTo(
    db,
    db
      .select({ id: attendanceRecords.id })
      .from(attendanceRecords)
      .innerJoin(employees, eq(employees.id, attendanceRecords.employeeId))
      .where(where),
  );
  return pageOf(
    rows.map((r) => toAttendanceView(r.record, r.name, r.office)),
    total,
    filters,
  );
}

export interface CorrectionInput {
  status?: RecordRow['status'];
  checkInAt?: string | null;
  checkOutAt?: string | null;
  reason: string;
}

function minutesBetween(checkIn: Date | null, checkOut: Date | null): number | null {
  return checkIn && checkOut ? Math.max(0, Math.round((checkOut.getTime() - checkIn.getTime()) / 60_000)) : null;
}

/** HR corrects a record (or records a missing day) with a reason: audited and published. */
export async function correctAttendance(
  ctx: HrContext,
  caller: Caller,
  target: { recordId: string } | { employeeId: string; workDate: string },
  input: CorrectionInput,
) {
  return inTransaction(ctx.db, async (tx) => {
    let before: RecordRow | undefined;
    if ('recordId' in target) {
      [before] = await tx
        .select()
        .from(attendanceRecords)
        .where(eq(attendanceRecords.id, target.recordId))
        .for('update');
      if (!before) throw notFound('There is no such attendance record.');
    } else {
      const [employee] = await tx
        .select({ id: employees.id })
        .from(employees)
        .where(eq(employees.id, target.employeeId));
      if (!employee)
        throw unprocessable('The employee does not exist.', [{ path: 'employeeId', message: 'No such employee.' }]);
      [before] = await tx
        .select()
        .from(attendanceRecords)
        .where(
          and(eq(attendanceRecords.employeeId, target.employeeId), eq(attendanceRecords.workDate, target.workDate)),
        )
        .for('update');
    }
    const checkInAt =
      input.checkInAt === undefined ? (before?.checkInAt ?? null) : input.checkInAt ? new Date(input.checkInAt) : null;
    const checkOutAt =
      input.checkOutAt === undefined
        ? (before?.checkOutAt ?? null)
        : input.checkOutAt
          ? new Date(input.checkOutAt)
          : null;
    if (checkInAt && checkOutAt && checkOutAt < checkInAt) {
      throw unprocessable('Check-out is before check-in.', [
        { path: 'checkOutAt', message: 'Must be after the check-in.' },
      ]);
    }
    const status = input.status ?? before?.status ?? (checkInAt ? 'present' : 'absent');
    const values = {
      status,
      checkInAt,
      checkOutAt,
      workedMinutes: minutesBetween(checkInAt, checkOutAt),
      correctedBy: caller.id,
      correctionReason: input.reason,
      updatedAt: ctx.now(),
    };
    const [after] = before
      ? await tx.update(attendanceRecords).set(values).where(eq(attendanceRecords.id, before.id)).returning()
      : await tx
          .insert(attendanceRecords)
          .values({
            ...values,
            employeeId: (target as { employeeId: string }).employeeId,
            workDate: (target as { workDate: string }).workDate,
          })
          .returning();
    if (!after) throw new Error('attendance correction wrote nothing');
    await recordAudit(tx, {
      action: 'attendance.corrected',
      entityType: 'attendance',
      entityId: after.id,
      before,
      after,
      reason: input.reason,
    });
    await publishEvent(tx, hrEvents.attendanceCorrected, {
      subject: after.id,
      data: { recordId: after.id, employeeId: after.employeeId, workDate: after.workDate, status: after.status },
    });
    return toAttendanceView(after);
  });
}

/** Per employee for one month: days by status and hours worked (scope as for the list). */
export async function monthlySummary(ctx: HrContext, caller: Caller, month: string, employeeId?: string) {
  const db = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const from = `${month}-01`;
  const scoped = caller.permissions.has('hr.attendance.read')
    ? inScope(scope)
    : scope.employeeId
      ? eq(employees.id, scope.employeeId)
      : sql`false`;
  const rows = await db
    .select({
      employeeId: employees.id,
      employeeName: sql<string>`${employees.firstName} || ' ' || ${employees.lastName}`,
      present: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'present')::int`,
      remote: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'remote')::int`,
      absent: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'absent')::int`,
      onLeave: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'on_leave')::int`,
      holiday: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'holiday')::int`,
      workedMinutes: sql<number>`coalesce(sum(${attendanceRecords.workedMinutes}), 0)::int`,
    })
    .from(attendanceRecords)
    .innerJoin(employees, eq(employees.id, attendanceRecords.employeeId))
    .where(
      and(
        scoped,
        employeeId ? eq(employees.id, employeeId) : undefined,
        gte(attendanceRecords.workDate, from),
        sql`${attendanceRecords.workDate} < (${from}::date + interval '1 month')`,
      ),
    )
    .groupBy(employees.id)
    .orderBy(asc(employees.lastName), asc(employees.firstName));
  return rows.map((r) => ({ ...r, month, hours: Math.round((r.workedMinutes / 60) * 100) / 100 }));
}
