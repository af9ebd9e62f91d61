import { type Caller, executorFor, type IsoDate, intersectRanges, monthRange } from '@konecta/core';
import { attendanceRecords, departments, employees, holidays, leaveRequests, leaveTypes } from '@konecta/db';
import { and, asc, count, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { HrContext } from '../context';
import { employedOn, inScope, scopeOf } from '../scope';

type AttendanceStatus = (typeof attendanceRecords.$inferSelect)['status'];

/**
 * The figures behind the dashboard, computed here from the one calendar and in the caller's
 * scope, so the browser shows what HR's own lists would count and never works a figure out itself.
 */

export interface AttendanceToday {
  /** `everyone` for HR, `team` for a manager. */
  scope: 'everyone' | 'team';
  workingDay: boolean;
  /** People employed today in the scope. */
  expected: number;
  present: number;
  remote: number;
  /** Checked in after the workday start plus the grace minutes. */
  late: number;
  onLeave: number;
  holiday: number;
  absent: number;
  /** No record, no approved leave, on a working day. */
  notInYet: number;
}

export interface Dashboard {
  today: IsoDate;
  month: { month: string; from: IsoDate; to: IsoDate };
  timeZone: string;
  headcount?: { total: number; byDepartment: { departmentId: string | null; name: string; headcount: number }[] };
  attendanceToday?: AttendanceToday;
  leaveThisMonth?: { days: number; byType: { leaveTypeId: string; leaveType: string; days: number }[] };
  outToday?: { employeeId: string; name: string; leaveType: string; until: IsoDate }[];
  pendingApprovals?: number;
  /** The caller's own attendance today, when their sign-in is linked to an employee. */
  myDay?: { status: AttendanceStatus; checkInAt: string | null; checkOutAt: string | null } | null;
}

export async function dashboardOf(ctx: HrContext, caller: Caller): Promise<Dashboard> {
  const db = executorFor(ctx.db);
  const { calendar } = ctx;
  const today = calendar.today();
  const month = monthRange(calendar.thisMonth());
  const can = (p: string) => caller.permissions.has(p);
  const scope = await scopeOf(ctx, caller);
  const scoped = inScope(scope);
  const teamScope = scope.seesAll ? 'everyone' : 'team';
  const out: Dashboard = { today, month, timeZone: calendar.timeZone };

  if (scope.employeeId && can('hr.attendance.self')) {
    const [own] = await db
      .select({
        status: attendanceRecords.status,
        checkInAt: attendanceRecords.checkInAt,
        checkOutAt: attendanceRecords.checkOutAt,
      })
      .from(attendanceRecords)
      .where(and(eq(attendanceRecords.employeeId, scope.employeeId), eq(attendanceRecords.workDate, today)));
    out.myDay = own
      ? {
          status: own.status,
          checkInAt: own.checkInAt?.toISOString() ?? null,
          checkOutAt: own.checkOutAt?.toISOString() ?? null,
        }
      : null;
  }

  if (scope.seesAll) {
    // People without a department are a row of their own, so the rows always add up to the total.
    const rows = await db
      .select({
        departmentId: employees.departmentId,
        name: sql<string>`coalesce(${departments.name}, 'No department')`,
        headcount: count(),
      })
      .from(employees)
      .leftJoin(departments, eq(departments.id, employees.departmentId))
      .where(employedOn(today))
      .groupBy(employees.departmentId, departments.name)
      .orderBy(desc(count()), asc(departments.name));
    out.headcount = { total: rows.reduce((s, r) => s + r.headcount, 0), byDepartment: rows };
  }

  // This month's public holidays, read once: today's working-day test and the leave count use them.
  const monthHolidays = new Set(
    (
      await db
        .select({ date: holidays.date })
        .from(holidays)
        .where(and(gte(holidays.date, month.from), lte(holidays.date, month.to)))
    ).map((r) => r.date),
  );
  const workingDay = calendar.isWorkingDay(today, monthHolidays);

  if (can('hr.attendance.read')) {
    const [h = 0, m = 0] = ctx.config.workday.start.split(':').map(Number);
    const lateAfter = new Date(
      calendar.startOf(today).getTime() + (h * 60 + m + ctx.config.workday.lateGraceMinutes) * 60_000,
    );
    const onApprovedLeave = sql`exists (select 1 from ${leaveRequests} where ${leaveRequests.employeeId} = ${employees.id}
      and ${leaveRequests.status} = 'approved' and ${leaveRequests.startDate} <= ${today} and ${leaveRequests.endDate} >= ${today})`;
    const [f] = await db
      .select({
        expected: count(),
        present: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'present')::int`,
        remote: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'remote')::int`,
        late: sql<number>`count(*) filter (where ${attendanceRecords.checkInAt} > ${lateAfter.toISOString()}::timestamptz)::int`,
        onLeave: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'on_leave' or (${attendanceRecords.id} is null and ${onApprovedLeave}))::int`,
        holiday: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'holiday')::int`,
        absent: sql<number>`count(*) filter (where ${attendanceRecords.status} = 'absent')::int`,
        notInYet: sql<number>`count(*) filter (where ${attendanceRecords.id} is null and not ${onApprovedLeave})::int`,
      })
      .from(employees)
      .leftJoin(
        attendanceRecords,
        and(eq(attendanceRecords.employeeId, employees.id), eq(attendanceRecords.workDate, today)),
      )
      .where(and(employedOn(today), scoped));
    const figures = {
      expected: f?.expected ?? 0,
      present: f?.present ?? 0,
      remote: f?.remote ?? 0,
      late: f?.late ?? 0,
      onLeave: f?.onLeave ?? 0,
      holiday: f?.holiday ?? 0,
      absent: f?.absent ?? 0,
      notInYet: f?.notInYet ?? 0,
    };
    // On a weekend or holiday nobody is expected in: those without a record are not "not in yet".
    if (!workingDay) {
      figures.holiday += figures.notInYet;
      figures.notInYet = 0;
    }
    out.attendanceToday = { scope: teamScope, workingDay, ...figures };
  }

  if (can('hr.leaves.read') || can('hr.leaves.approve')) {
    const approved = await db
      .select({
        employeeId: leaveRequests.employeeId,
        name: sql<string>`${employees.firstName} || ' ' || ${employees.lastName}`,
        leaveTypeId: leaveTypes.id,
        leaveType: leaveTypes.name,
        startDate: leaveRequests.startDate,
        endDate: leaveRequests.endDate,
        halfDayStart: leaveRequests.halfDayStart,
        halfDayEnd: leaveRequests.halfDayEnd,
      })
      .from(leaveRequests)
      .innerJoin(employees, eq(employees.id, leaveRequests.employeeId))
      .innerJoin(leaveTypes, eq(leaveTypes.id, leaveRequests.leaveTypeId))
      .where(
        and(
          eq(leaveRequests.status, 'approved'),
          lte(leaveRequests.startDate, month.to),
          gte(leaveRequests.endDate, month.from),
          scoped,
        ),
      )
      .orderBy(asc(employees.lastName), asc(employees.firstName));
    // Each request counts the working days it has inside this month, by the same rule a request's days are counted.
    const byType = new Map<string, { leaveTypeId: string; leaveType: string; days: number }>();
    for (const r of approved) {
      const inside = intersectRanges({ from: r.startDate, to: r.endDate }, month);
      if (!inside) continue;
      const days = calendar.workingDays(inside, {
        holidays: monthHolidays,
        halfDayStart: r.halfDayStart && inside.from === r.startDate,
        halfDayEnd: r.halfDayEnd && inside.to === r.endDate,
      });
      const entry = byType.get(r.leaveTypeId) ?? { leaveTypeId: r.leaveTypeId, leaveType: r.leaveType, days: 0 };
      entry.days += days;
      byType.set(r.leaveTypeId, entry);
    }
    const types = [...byType.values()].filter((t) => t.days > 0).sort((a, b) => b.days - a.days);
    out.leaveThisMonth = { days: types.reduce((s, t) => s + t.days, 0), byType: types };
    const seen = new Set<string>();
    out.outToday = approved
      .filter((r) => r.startDate <= today && r.endDate >= today && r.employeeId !== scope.employeeId)
      .filter((r) => !seen.has(r.employeeId) && seen.add(r.employeeId))
      .map((r) => ({ employeeId: r.employeeId, name: r.name, leaveType: r.leaveType, until: r.endDate }));
  }

  if (can('hr.leaves.approve')) {
    const [p] = await db
      .select({ n: count() })
      .from(leaveRequests)
      .innerJoin(employees, eq(employees.id, leaveRequests.employeeId))
      .where(
        and(
          eq(leaveRequests.status, 'pending'),
          scoped,
          // Nobody decides their own request: it waits for someone else.
          scope.employeeId ? sql`${leaveRequests.employeeId} <> ${scope.employeeId}` : undefined,
        ),
      );
    out.pendingApprovals = p?.n ?? 0;
  }
  return out;
}
