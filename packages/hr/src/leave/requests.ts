import {
  type Caller,
  calendarDays,
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
import { departments, type Executor, employees, holidays, leaveLedger, leaveRequests, leaveTypes } from '@konecta/db';
import { and, asc, desc, eq, gte, inArray, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { HrContext } from '../context';
import { inScope, scopeOf } from '../scope';
import { balanceOf, lockEmployeeLeave } from './ledger';

type RequestRow = typeof leaveRequests.$inferSelect;

export interface LeaveRequestInput {
  leaveTypeId: string;
  startDate: string;
  endDate: string;
  halfDayStart?: boolean;
  halfDayEnd?: boolean;
  reason?: string;
}

/** Whether the request may still be withdrawn: pending, or approved and not started by `today`. */
export const isCancellable = (r: Pick<RequestRow, 'status' | 'startDate'>, today: string) =>
  r.status === 'pending' || (r.status === 'approved' && r.startDate > today);

export function toLeaveRequestView(
  r: RequestRow,
  names: { employeeName?: string | null; leaveType?: string | null } = {},
  today?: string,
) {
  return {
    id: r.id,
    employeeId: r.employeeId,
    employeeName: names.employeeName ?? null,
    leaveTypeId: r.leaveTypeId,
    leaveType: names.leaveType ?? null,
    startDate: r.startDate,
    endDate: r.endDate,
    halfDayStart: r.halfDayStart,
    halfDayEnd: r.halfDayEnd,
    days: r.days,
    reason: r.reason,
    status: r.status,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    createdAt: r.createdAt.toISOString(),
    cancellable: today === undefined ? r.status === 'pending' : isCancellable(r, today),
  };
}

async function holidaySet(db: Executor, start: string, end: string): Promise<Set<string>> {
  const rows = await db
    .select({ date: holidays.date })
    .from(holidays)
    .where(and(gte(holidays.date, start), lte(holidays.date, end)));
  return new Set(rows.map((r) => r.date));
}

/**
 * The working days a request would take, and the balance it would draw on — what the form shows
 * before it is sent. Rejects reversed dates, ranges over a year and ranges with no working day.
 */
export async function previewLeave(
  ctx: HrContext,
  employeeId: string,
  input: LeaveRequestInput,
  db: Executor = ctx.db,
) {
  if (input.endDate < input.startDate) {
    throw unprocessable('The leave ends before it starts.', [
      { path: 'endDate', message: 'Choose an end date on or after the start date.' },
    ]);
  }
  if (calendarDays({ from: input.startDate, to: input.endDate }) > 366) {
    throw unprocessable('A request covers at most a year.', [
      { path: 'endDate', message: 'Split long leave into requests of a year or less.' },
    ]);
  }
  const [type] = await db.select().from(leaveTypes).where(eq(leaveTypes.id, input.leaveTypeId));
  if (!type?.active)
    throw unprocessable('The leave type does not exist.', [{ path: 'leaveTypeId', message: 'No such leave type.' }]);
  const days = ctx.calendar.workingDays(
    { from: input.startDate, to: input.endDate },
    {
      holidays: await holidaySet(db, input.startDate, input.endDate),
      halfDayStart: input.halfDayStart,
      halfDayEnd: input.halfDayEnd,
    },
  );
  if (days <= 0) {
    throw unprocessable('These dates contain no working day.', [
      { path: 'startDate', message: 'Weekends and holidays are not taken as leave.' },
    ]);
  }
  const balance = await balanceOf(ctx, employeeId, type.id);
  const [pending] = await db
    .select({ days: sql<number>`coalesce(sum(${leaveRequests.days}), 0)::float8` })
    .from(leaveRequests)
    .where(
      and(
        eq(leaveRequests.employeeId, employeeId),
        eq(leaveRequests.leaveTypeId, type.id),
        eq(leaveRequests.status, 'pending'),
      ),
    );
  const available = Math.round((balance - (pending?.days ?? 0)) * 100) / 100;
  return { days, leaveType: type, balance, available, paid: type.paid };
}

async function requesterEmployee(ctx: HrContext, caller: Caller) {
  const scope = await scopeOf(ctx, caller);
  if (!scope.employeeId) throw notFound('Your sign-in is not linked to an employee record.');
  return scope.employeeId;
}

/**
 * Asks for leave. Refused when the dates are reversed, overlap another pending or approved
 * request, or (paid types) exceed what the balance has left after pending requests.
 */
export async function requestLeave(ctx: HrContext, caller: Caller, input: LeaveRequestInput) {
  const employeeId = await requesterEmployee(ctx, caller);
  return inTransaction(ctx.db, async (tx) => {
    await lockEmployeeLeave(ctx, employeeId);
    const preview = await previewLeave(ctx, employeeId, input, tx);
    const [overlap] = await tx
      .select({
        id: leaveRequests.id,
        startDate: leaveRequests.startDate,
        endDate: leaveRequests.endDate,
        status: leaveRequests.status,
      })
      .from(leaveRequests)
      .where(
        and(
          eq(leaveRequests.employeeId, employeeId),
          inArray(leaveRequests.status, ['pending', 'approved']),
          lte(leaveRequests.startDate, input.endDate),
          gte(leaveRequests.endDate, input.startDate),
        ),
      )
      .limit(1);
    if (overlap) {
      throw conflict(`This overlaps your ${overlap.status} leave from ${overlap.startDate} to ${overlap.endDate}.`, {
        requestId: overlap.id,
      });
    }
    if (preview.paid && preview.days > preview.available) {
      throw unprocessable(
        `${preview.leaveType.name} has ${preview.available} day(s) available; this request needs ${preview.days}.`,
        [{ path: 'endDate', message: `At most ${preview.available} working day(s) of ${preview.leaveType.name}.` }],
      );
    }
    const [row] = await tx
      .insert(leaveRequests)
      .values({
        employeeId,
        leaveTypeId: input.leaveTypeId,
        startDate: input.startDate,
        endDate: input.endDate,
        halfDayStart: input.halfDayStart ?? false,
        halfDayEnd: input.halfDayEnd ?? false,
        days: preview.days,
        reason: input.reason ?? null,
      })
      .returning();
    if (!row) throw new Error('leave request insert returned nothing');
    await recordAudit(tx, { action: 'leave.requested', entityType: 'leave-request', entityId: row.id, after: row });
    await publishEvent(tx, hrEvents.leaveRequested, {
      subject: row.id,
      data: {
        requestId: row.id,
        employeeId,
        ...(await approverOf(ctx, employeeId)),
        leaveTypeId: row.leaveTypeId,
        startDate: row.startDate,
        endDate: row.endDate,
        days: row.days,
      },
    });
    return toLeaveRequestView(row, { leaveType: preview.leaveType.name });
  });
}

/**
 * Who a notification about this employee's leave goes to: their manager, else their department's
 * manager (never themself); null when neither exists and HR decides. Also their name, for the text.
 */
async function approverOf(ctx: HrContext, employeeId: string) {
  const [row] = await executorFor(ctx.db)
    .select({
      managerId: employees.managerId,
      departmentManager: departments.managerId,
      name: sql<string>`${employees.firstName} || ' ' || ${employees.lastName}`,
    })
    .from(employees)
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .where(eq(employees.id, employeeId));
  const approver = [row?.managerId, row?.departmentManager].find((id) => id && id !== employeeId) ?? null;
  return { approverEmployeeId: approver, employeeName: row?.name ?? 'An employee' };
}

/** The approver is the employee's manager, the manager of their department, or HR — never themself. */
async function assertMayDecide(ctx: HrContext, caller: Caller, request: RequestRow) {
  const tx = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  if (scope.employeeId === request.employeeId) throw forbidden('You cannot decide your own leave request.');
  if (scope.seesAll) return;
  const [employee] = await tx
    .select({ managerId: employees.managerId, departmentManager: departments.managerId })
    .from(employees)
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .where(eq(employees.id, request.employeeId));
  const isManager =
    !!scope.employeeId &&
    (employee?.managerId === scope.employeeId || employee?.departmentManager === scope.employeeId);
  if (!isManager) throw forbidden("Only the employee's manager or HR can decide this request.");
}

/**
 * Decides a pending request. Approval writes the ledger's `use` entry in the same transaction,
 * under the employee's leave lock, and refuses when the balance no longer covers it: concurrent
 * approvals can never take a balance below zero.
 */
export async function decideLeave(
  ctx: HrContext,
  caller: Caller,
  id: string,
  decision: 'approved' | 'rejected',
  note?: string,
) {
  return inTransaction(ctx.db, async (tx) => {
    const [peek] = await tx
      .select({ employeeId: leaveRequests.employeeId })
      .from(leaveRequests)
      .where(eq(leaveRequests.id, id));
    if (!peek) throw notFound('There is no such leave request.');
    await lockEmployeeLeave(ctx, peek.employeeId);
    const [request] = await tx.select().from(leaveRequests).where(eq(leaveRequests.id, id)).for('update');
    if (!request) throw notFound('There is no such leave request.');
    await assertMayDecide(ctx, caller, request);
    if (request.status !== 'pending')
      throw conflict(`This request is already ${request.status}; only pending requests can be decided.`);
    const [type] = await tx.select().from(leaveTypes).where(eq(leaveTypes.id, request.leaveTypeId));
    if (decision === 'approved') {
      const balance = await balanceOf(ctx, request.employeeId, request.leaveTypeId);
      if (type?.paid && balance < request.days) {
        throw conflict(
          `The ${type.name} balance is ${balance} day(s); approving ${request.days} would take it below zero.`,
        );
      }
      await tx.insert(leaveLedger).values({
        employeeId: request.employeeId,
        leaveTypeId: request.leaveTypeId,
        kind: 'use',
        days: -request.days,
        effectiveDate: request.startDate,
        requestId: request.id,
        note: `Leave ${request.startDate} to ${request.endDate}`,
        createdBy: caller.id,
      });
    }
    const [after] = await tx
      .update(leaveRequests)
      .set({
        status: decision,
        decidedBy: caller.id,
        decidedAt: ctx.now(),
        decisionNote: note ?? null,
        updatedAt: ctx.now(),
      })
      .where(eq(leaveRequests.id, id))
      .returning();
    if (!after) throw notFound('There is no such leave request.');
    await recordAudit(tx, {
      action: `leave.${decision}`,
      entityType: 'leave-request',
      entityId: id,
      before: { status: request.status },
      after: { status: decision },
      reason: note,
    });
    await publishEvent(tx, hrEvents.leaveDecided, {
      subject: id,
      data: {
        requestId: id,
        employeeId: request.employeeId,
        ...(await approverOf(ctx, request.employeeId)),
        decision,
        days: request.days,
        startDate: request.startDate,
        endDate: request.endDate,
      },
    });
    return toLeaveRequestView(after, { leaveType: type?.name }, ctx.calendar.today());
  });
}

/**
 * The requester (or HR) withdraws a pending request, or cancels approved leave that has not
 * started yet: the days used are given back by a reversing ledger entry in the same transaction,
 * and the approver stays recorded as `decidedBy` so the `hr.leave.decided` (cancelled) event can
 * reach them.
 */
export async function cancelLeave(ctx: HrContext, caller: Caller, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const [peek] = await tx
      .select({ employeeId: leaveRequests.employeeId })
      .from(leaveRequests)
      .where(eq(leaveRequests.id, id));
    if (!peek) throw notFound('There is no such leave request.');
    await lockEmployeeLeave(ctx, peek.employeeId);
    const [request] = await tx.select().from(leaveRequests).where(eq(leaveRequests.id, id)).for('update');
    if (!request) throw notFound('There is no such leave request.');
    const scope = await scopeOf(ctx, caller);
    if (scope.employeeId !== request.employeeId && !caller.permissions.has('hr.leaves.manage')) {
      throw forbidden('Only the requester or HR can cancel a leave request.');
    }
    const approved = request.status === 'approved';
    if (!approved && request.status !== 'pending')
      throw conflict(`This request is already ${request.status}; it cannot be cancelled.`);
    if (approved && request.startDate <= ctx.calendar.today())
      throw conflict(
        `This leave started on ${request.startDate}; only leave that has not started can be cancelled. Ask HR to adjust it.`,
      );
    if (approved) {
      await tx.insert(leaveLedger).values({
        employeeId: request.employeeId,
        leaveTypeId: request.leaveTypeId,
        kind: 'use',
        days: request.days,
        effectiveDate: request.startDate,
        // The request's own entry holds requestId (unique); the reversal is keyed by period, once.
        period: `cancelled:${request.id}`,
        note: `Cancelled leave ${request.startDate} to ${request.endDate}`,
        createdBy: caller.id,
      });
    }
    const [after] = await tx
      .update(leaveRequests)
      .set(
        approved
          ? { status: 'cancelled', updatedAt: ctx.now() }
          : { status: 'cancelled', decidedBy: caller.id, decidedAt: ctx.now(), updatedAt: ctx.now() },
      )
      .where(eq(leaveRequests.id, id))
      .returning();
    await recordAudit(tx, {
      action: 'leave.cancelled',
      entityType: 'leave-request',
      entityId: id,
      before: { status: request.status },
      after: { status: 'cancelled', daysReturned: approved ? request.days : 0 },
    });
    await publishEvent(tx, hrEvents.leaveDecided, {
      subject: id,
      data: {
        requestId: id,
        employeeId: request.employeeId,
        ...(await approverOf(ctx, request.employeeId)),
        decision: 'cancelled',
        days: request.days,
        startDate: request.startDate,
        endDate: request.endDate,
      },
    });
    return toLeaveRequestView(after as RequestRow);
  });
}

export interface LeaveFilters extends ListPage {
  status?: RequestRow['status'];
  employeeId?: string;
  /** `mine`: the caller's own; `team`: those the caller may decide or see (managers, HR). */
  scope?: 'mine' | 'team';
  /** `by-me`: requests the caller decided (approved or rejected), newest decision first. */
  decided?: 'by-me';
  /** Only approved or pending requests: leave that is or may be taken (the team calendar). */
  open?: boolean;
  from?: string;
  to?: string;
}

export async function listLeaveRequests(ctx: HrContext, caller: Caller, filters: LeaveFilters) {
  const db = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const conditions: (SQL | undefined)[] = [];
  const canSeeTeam = caller.permissions.has('hr.leaves.read') || caller.permissions.has('hr.leaves.approve');
  if (filters.scope === 'team' && canSeeTeam) {
    conditions.push(inScope(scope));
    if (scope.employeeId) conditions.push(ne(leaveRequests.employeeId, scope.employeeId));
  } else if (filters.scope !== 'mine' && canSeeTeam) {
    conditions.push(inScope(scope));
  } else {
    conditions.push(scope.employeeId ? eq(leaveRequests.employeeId, scope.employeeId) : sql`false`);
  }
  if (filters.status) conditions.push(eq(leaveRequests.status, filters.status));
  if (filters.open) conditions.push(inArray(leaveRequests.status, ['approved', 'pending']));
  if (filters.decided === 'by-me') {
    // A cancelled approval keeps its approver; a request withdrawn by its requester is no decision.
    conditions.push(eq(leaveRequests.decidedBy, caller.id), ne(leaveRequests.status, 'pending'));
    if (scope.employeeId) conditions.push(ne(leaveRequests.employeeId, scope.employeeId));
  }
  if (filters.employeeId) conditions.push(eq(leaveRequests.employeeId, filters.employeeId));
  if (filters.from) conditions.push(gte(leaveRequests.endDate, filters.from));
  if (filters.to) conditions.push(lte(leaveRequests.startDate, filters.to));
  const where = and(...conditions);
  const rows = await db
    .select({
      request: leaveRequests,
      employeeName: sql<string>`${employees.firstName} || ' ' || ${employees.lastName}`,
      leaveType: leaveTypes.name,
    })
    .from(leaveRequests)
    .innerJoin(employees, eq(employees.id, leaveRequests.employeeId))
    .innerJoin(leaveTypes, eq(leaveTypes.id, leaveRequests.leaveTypeId))
    .where(where)
    .orderBy(
      ...(filters.decided ? [desc(leaveRequests.decidedAt)] : []),
      desc(leaveRequests.startDate),
      asc(employees.lastName),
      asc(leaveRequests.id),
    )
    .limit(filters.limit)
    .offset(filters.offset);
  const total = await countUpTo(
    db,
    db
      .select({ id: leaveRequests.id })
      .from(leaveRequests)
      .innerJoin(employees, eq(employees.id, leaveRequests.employeeId))
      .where(where),
  );
  return pageOf(
    rows.map((r) => toLeaveRequestView(r.request, r, ctx.calendar.today())),
    total,
    filters,
  );
}
