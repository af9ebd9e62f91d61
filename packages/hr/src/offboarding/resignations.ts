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
import { type Executor, employees, resignations } from '@konecta/db';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { HrContext } from '../context';
import { assertAtMostAYearAhead } from '../dates';
import { terminateEmployee } from '../employees/employees';
import { inScope, scopeOf } from '../scope';

type ResignationRow = typeof resignations.$inferSelect;

export function toResignationView(r: ResignationRow, employeeName?: string | null) {
  return {
    id: r.id,
    employeeId: r.employeeId,
    employeeName: employeeName ?? null,
    lastWorkingDay: r.lastWorkingDay,
    reason: r.reason,
    status: r.status,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    checklist: {
      equipmentReturned: r.equipmentReturned,
      accessRevoked: r.accessRevoked,
      finalSettlementDone: r.finalSettlementDone,
    },
    exitNotes: r.exitNotes,
    createdAt: r.createdAt.toISOString(),
  };
}

/** An employee resigns: one pending resignation at a time, effective no earlier than their hire date. */
export async function submitResignation(
  ctx: HrContext,
  caller: Caller,
  input: { lastWorkingDay: string; reason: string },
) {
  assertAtMostAYearAhead(ctx, input.lastWorkingDay, 'lastWorkingDay');
  return inTransaction(ctx.db, async (tx) => {
    const scope = await scopeOf(ctx, caller);
    if (!scope.employeeId) throw notFound('Your sign-in is not linked to an employee record.');
    const [employee] = await tx.select().from(employees).where(eq(employees.id, scope.employeeId)).for('update');
    if (!employee || employee.status === 'resigned' || employee.status === 'terminated')
      throw conflict('You have already left.');
    if (input.lastWorkingDay < employee.hireDate) {
      throw unprocessable('The last working day is before your hire date.', [
        { path: 'lastWorkingDay', message: `Choose ${employee.hireDate} or later.` },
      ]);
    }
    const [row] = await tx
      .insert(resignations)
      .values({ employeeId: employee.id, ...input })
      .onConflictDoNothing({ target: resignations.employeeId, where: sql`${resignations.status} = 'pending'` })
      .returning();
    if (!row) throw conflict('You already have a pending resignation.');
    await recordAudit(tx, { action: 'resignation.submitted', entityType: 'resignation', entityId: row.id, after: row });
    return toResignationView(row, `${employee.firstName} ${employee.lastName}`);
  });
}

async function load(tx: Executor, id: string) {
  const [row] = await tx.select().from(resignations).where(eq(resignations.id, id)).for('update');
  if (!row) throw notFound('There is no such resignation.');
  return row;
}

export async function decideResignation(
  ctx: HrContext,
  caller: Caller,
  id: string,
  decision: 'approved' | 'rejected',
  note?: string,
) {
  return inTransaction(ctx.db, async (tx) => {
    const row = await load(tx, id);
    if (row.status !== 'pending')
      throw conflict(`This resignation is already ${row.status}; only pending ones can be decided.`);
    const [after] = await tx
      .update(resignations)
      .set({
        status: decision,
        decidedBy: caller.id,
        decidedAt: ctx.now(),
        decisionNote: note ?? null,
        updatedAt: ctx.now(),
      })
      .where(eq(resignations.id, id))
      .returning();
    await recordAudit(tx, { action: `resignation.${decision}`, entityType: 'resignation', entityId: id, reason: note });
    await publishEvent(tx, hrEvents.resignationDecided, {
      subject: id,
      data: { resignationId: id, employeeId: row.employeeId, decision, lastWorkingDay: row.lastWorkingDay },
    });
    return toResignationView(after as ResignationRow);
  });
}

export async function withdrawResignation(ctx: HrContext, caller: Caller, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const row = await load(tx, id);
    const scope = await scopeOf(ctx, caller);
    if (row.employeeId !== scope.employeeId) throw forbidden('Only the employee withdraws their resignation.');
    if (row.status !== 'pending') throw conflict(`This resignation is already ${row.status}.`);
    const [after] = await tx
      .update(resignations)
      .set({ status: 'withdrawn', updatedAt: ctx.now() })
      .where(eq(resignations.id, id))
      .returning();
    await recordAudit(tx, { action: 'resignation.withdrawn', entityType: 'resignation', entityId: id });
    return toResignationView(after as ResignationRow);
  });
}

/** HR ticks the exit checklist of an approved resignation. */
export async function updateChecklist(
  ctx: HrContext,
  id: string,
  input: {
    equipmentReturned?: boolean;
    accessRevoked?: boolean;
    finalSettlementDone?: boolean;
    exitNotes?: string | null;
  },
) {
  return inTransaction(ctx.db, async (tx) => {
    const before = await load(tx, id);
    if (before.status !== 'approved') throw conflict('The checklist is for approved resignations.');
    const [after] = await tx
      .update(resignations)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(resignations.id, id))
      .returning();
    await recordAudit(tx, {
      action: 'resignation.checklist-updated',
      entityType: 'resignation',
      entityId: id,
      before,
      after,
    });
    return toResignationView(after as ResignationRow);
  });
}

/**
 * Closes the offboarding once every checklist item is done: the employee becomes resigned as of
 * the last working day (their login is disabled through the termination event).
 */
export async function completeResignation(ctx: HrContext, caller: Caller, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const row = await load(tx, id);
    if (row.status !== 'approved') throw conflict('Only an approved resignation can be completed.');
    const missing = [
      !row.equipmentReturned && 'equipment returned',
      !row.accessRevoked && 'access revoked',
      !row.finalSettlementDone && 'final settlement',
    ].filter(Boolean);
    if (missing.length) throw conflict(`The exit checklist is not done: ${missing.join(', ')}.`);
    // The route's permission (hr.offboarding.manage) is what allows this; the history names the person.
    await terminateEmployee(ctx, caller, row.employeeId, {
      exitDate: row.lastWorkingDay,
      reason: `Resigned: ${row.reason}`,
      status: 'resigned',
    });
    const [after] = await tx
      .update(resignations)
      .set({ status: 'completed', updatedAt: ctx.now() })
      .where(eq(resignations.id, id))
      .returning();
    await recordAudit(tx, { action: 'resignation.completed', entityType: 'resignation', entityId: id });
    return toResignationView(after as ResignationRow);
  });
}

export async function listResignations(
  ctx: HrContext,
  caller: Caller,
  filters: { status?: ResignationRow['status']; open?: boolean },
  page: ListPage,
) {
  const db = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const scoped: SQL | undefined = caller.permissions.has('hr.offboarding.manage')
    ? inScope(scope)
    : scope.employeeId
      ? eq(resignations.employeeId, scope.employeeId)
      : sql`false`;
  const where = and(
    scoped,
    filters.status ? eq(resignations.status, filters.status) : undefined,
    // Open: still to be handled, pending a decision or approved and not yet completed.
    filters.open ? inArray(resignations.status, ['pending', 'approved']) : undefined,
  );
  const rows = await db
    .select({ resignation: resignations, name: sql<string>`${employees.firstName} || ' ' || ${employees.lastName}` })
    .from(resignations)
    .innerJoin(employees, eq(employees.id, resignations.employeeId))
    .where(where)
    .orderBy(desc(resignations.createdAt), asc(resignations.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await countUpTo(
    db,
    db
      .select({ id: resignations.id })
      .from(resignations)
      .innerJoin(employees, eq(employees.id, resignations.employeeId))
      .where(where),
  );
  return pageOf(
    rows.map((r) => toResignationView(r.resignation, r.name)),
    total,
    page,
  );
}
