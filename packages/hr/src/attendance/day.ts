import { type Caller, countUpTo, executorFor, type IsoDate, type ListPage, pageOf } from '@konecta/core';
import { attendanceRecords, departments, employees, holidays, leaveRequests, leaveTypes } from '@konecta/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { HrContext } from '../context';
import { employedOn, inScope, scopeOf } from '../scope';
import { toAttendanceView } from './attendance';

/**
 * A person's state on a day. A record wins (present, remote, absent, on leave, holiday as HR
 * recorded it); without one, approved leave, a public holiday or the weekend explain the day;
 * otherwise the person is not in yet (today or later) or absent (a past working day).
 */
export const dayStates = ['present', 'remote', 'absent', 'on_leave', 'holiday', 'weekend', 'not_in_yet'] as const;
export type DayState = (typeof dayStates)[number];

export interface DayFilters extends ListPage {
  date?: IsoDate;
  state?: DayState;
}

/**
 * Everyone employed on `date` within the caller's scope (a manager's team, HR everyone), with
 * their state that day and their record when there is one; plus counts per state over the scope.
 */
export async function attendanceDay(ctx: HrContext, caller: Caller, filters: DayFilters) {
  const db = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const date = filters.date ?? ctx.calendar.today();
  const [holiday] = await db.select({ name: holidays.name }).from(holidays).where(eq(holidays.date, date));
  const weekend = ctx.calendar.isWeekend(date);
  const upcoming = date >= ctx.calendar.today();
  const leaveType = sql<string | null>`(
    select ${leaveTypes.name} from ${leaveRequests}
    join ${leaveTypes} on ${leaveTypes.id} = ${leaveRequests.leaveTypeId}
    where ${leaveRequests.employeeId} = ${employees.id} and ${leaveRequests.status} = 'approved'
      and ${leaveRequests.startDate} <= ${date} and ${leaveRequests.endDate} >= ${date}
    limit 1)`;
  const fallback = holiday ? 'holiday' : weekend ? 'weekend' : upcoming ? 'not_in_yet' : 'absent';
  const state = sql<DayState>`case
    when ${attendanceRecords.id} is not null then ${attendanceRecords.status}::text
    when ${leaveType} is not null then 'on_leave'
    else ${fallback} end`;
  const employed = and(inScope(scope), employedOn(date));
  const onTheDay = and(eq(attendanceRecords.employeeId, employees.id), eq(attendanceRecords.workDate, date));
  const where = and(employed, filters.state ? sql`${state} = ${filters.state}` : undefined);
  const rows = await db
    .select({
      id: employees.id,
      name: sql<string>`${employees.firstName} || ' ' || ${employees.lastName}`,
      number: employees.number,
      department: departments.name,
      state,
      leaveType,
      record: attendanceRecords,
    })
    .from(employees)
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .leftJoin(attendanceRecords, onTheDay)
    .where(where)
    .orderBy(asc(employees.lastName), asc(employees.firstName), asc(employees.id))
    .limit(filters.limit)
    .offset(filters.offset);
  const total = await countUpTo(
    db,
    db.select({ id: employees.id }).from(employees).leftJoin(attendanceRecords, onTheDay).where(where),
  );
  const counted = await db
    .select({ state, n: sql<number>`count(*)::int` })
    .from(employees)
    .leftJoin(attendanceRecords, onTheDay)
    .where(employed)
    .groupBy(sql`1`);
  const counts = Object.fromEntries(dayStates.map((s) => [s, 0])) as Record<DayState, number>;
  for (const c of counted) counts[c.state] = c.n;
  return {
    ...pageOf(
      rows.map((r) => ({
        employeeId: r.id,
        employeeName: r.name,
        employeeNumber: r.number,
        departmentName: r.department,
        state: r.state,
        leaveTypeName: r.record ? null : r.leaveType,
        record: r.record ? toAttendanceView(r.record, r.name) : null,
      })),
      total,
      filters,
    ),
    date,
    holidayName: holiday?.name ?? null,
    workingDay: !weekend && !holiday,
    counts,
  };
}
