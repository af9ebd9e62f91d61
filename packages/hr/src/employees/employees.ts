import {
  type Caller,
  conflict,
  countUpTo,
  executorFor,
  fromMinor,
  hrEvents,
  inTransaction,
  type ListPage,
  type Money,
  notFound,
  pageOf,
  publishEvent,
  recordAudit,
  type SortKey,
  sortOrder,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import {
  counters,
  departments,
  type Executor,
  employeeHistory,
  employees,
  positions,
  type Transaction,
} from '@konecta/db';
import { aliasedTable, and, asc, eq, ilike, inArray, isNotNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { HrContext } from '../context';
import { assertAtMostAYearAhead } from '../dates';
import { type HrScope, inScope, scopeOf } from '../scope';
import { type EmployeeRow, type EmployeeView, toEmployeeView } from './views';

export interface EmployeeInput {
  firstName: string;
  lastName: string;
  workEmail: string;
  phone?: string | null;
  positionId?: string | null;
  departmentId?: string | null;
  managerId?: string | null;
  employmentType?: 'full_time' | 'part_time' | 'contract' | 'intern';
  hireDate: string;
  salary: Money;
  salaryPeriod?: 'monthly' | 'yearly' | 'hourly';
  weeklyHours?: number;
  nationalId?: string | null;
  payoutAccount?: string | null;
  address?: string | null;
  emergencyContact?: { name: string; phone: string; relation?: string } | null;
  remote?: boolean;
}

const manager = aliasedTable(employees, 'manager');

/** Employees with the names of their position, department and manager, in one query. */
function withNames(db: Executor) {
  return db
    .select({
      employee: employees,
      positionTitle: positions.title,
      departmentName: departments.name,
      managerName: sql<string | null>`${manager.firstName} || ' ' || ${manager.lastName}`,
    })
    .from(employees)
    .leftJoin(positions, eq(positions.id, employees.positionId))
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .leftJoin(manager, eq(manager.id, employees.managerId));
}

type Named = {
  employee: EmployeeRow;
  positionTitle: string | null;
  departmentName: string | null;
  managerName: string | null;
};
const view = (r: Named, scope: HrScope) => toEmployeeView(r.employee, r, scope);

export interface EmployeeFilters extends ListPage {
  search?: string;
  departmentId?: string;
  status?: EmployeeRow['status'];
  employmentType?: EmployeeRow['employmentType'];
  managerId?: string;
  /** Only people employed now (active or on leave). */
  current?: boolean;
  /** `mine`: only full records in the caller's scope (self, reports, managed departments; HR all). */
  scope?: 'directory' | 'mine';
  sort?: SortKey<'name' | 'number' | 'hireDate'>;
}

const sorts = {
  name: [employees.lastName, employees.firstName],
  number: employees.number,
  hireDate: employees.hireDate,
};

export async function listEmployees(ctx: HrContext, caller: Caller, filters: EmployeeFilters) {
  const db = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const conditions: SQL[] = [];
  if (filters.search) {
    const like = `%${filters.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conditions.push(
      or(
        ilike(employees.firstName, like),
        ilike(employees.lastName, like),
        ilike(employees.workEmail, like),
        ilike(employees.number, like),
        sql`${employees.firstName} || ' ' || ${employees.lastName} ilike ${like}`,
      ) as SQL,
    );
  }
  if (filters.departmentId) conditions.push(eq(employees.departmentId, filters.departmentId));
  if (filters.status) conditions.push(eq(employees.status, filters.status));
  if (filters.employmentType) conditions.push(eq(employees.employmentType, filters.employmentType));
  if (filters.managerId) conditions.push(eq(employees.managerId, filters.managerId));
  if (filters.current) conditions.push(inArray(employees.status, ['active', 'on_leave']));
  if (filters.scope === 'mine') {
    const mine = inScope(scope);
    if (mine) conditions.push(mine);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await withNames(db)
    .where(where)
    .orderBy(...sortOrder(filters.sort, sorts, 'name'), asc(employees.id))
    .limit(filters.limit)
    .offset(filters.offset);
  const total = await countUpTo(db, db.select({ id: employees.id }).from(employees).where(where));
  return pageOf(
    rows.map((r) => view(r, scope)),
    total,
    filters,
  );
}

export async function getEmployee(ctx: HrContext, caller: Caller, id: string): Promise<EmployeeView> {
  const db = executorFor(ctx.db);
  const [row] = await withNames(db).where(eq(employees.id, id)).limit(1);
  if (!row) throw notFound('There is no such employee.');
  return view(row, await scopeOf(ctx, caller));
}

/** The caller's own record (`GET /employees/me`). */
export async function getMyEmployee(ctx: HrContext, caller: Caller): Promise<EmployeeView> {
  const scope = await scopeOf(ctx, caller);
  if (!scope.employeeId) throw notFound('Your sign-in is not linked to an employee record.');
  return getEmployee(ctx, caller, scope.employeeId);
}

async function nextNumber(tx: Executor): Promise<string> {
  const [row] = await tx
    .insert(counters)
    .values({ name: 'employee', value: 1 })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
    .returning({ value: counters.value });
  return `EMP-${String(row?.value ?? 1).padStart(5, '0')}`;
}

/** Checks references and the position's salary band; returns the department implied by the position. */
async function checkReferences(
  tx: Executor,
  input: Partial<EmployeeInput>,
  id?: string,
): Promise<string | null | undefined> {
  let departmentId = input.departmentId;
  if (input.positionId) {
    const [position] = await tx.select().from(positions).where(eq(positions.id, input.positionId));
    if (!position)
      throw unprocessable('The position does not exist.', [{ path: 'positionId', message: 'No such position.' }]);
    if (departmentId && departmentId !== position.departmentId) {
      throw unprocessable('The position belongs to another department.', [
        { path: 'positionId', message: 'Choose a position of the chosen department.' },
      ]);
    }
    departmentId = position.departmentId;
    if (input.salary) {
      const { minor, currency } = input.salary;
      const bandEdge = (edge: bigint) => toMoneyJson(fromMinor(edge, position.currency)).amount;
      if (currency !== position.currency || minor < position.salaryMin || minor > position.salaryMax) {
        throw unprocessable('The salary is outside the position’s band.', [
          {
            path: 'salary',
            message: `The band of ${position.title} is ${bandEdge(position.salaryMin)}–${bandEdge(position.salaryMax)} ${position.currency}.`,
          },
        ]);
      }
    }
  }
  if (departmentId) {
    const [d] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
    if (!d)
      throw unprocessable('The department does not exist.', [{ path: 'departmentId', message: 'No such department.' }]);
  }
  if (input.managerId) {
    if (input.managerId === id)
      throw unprocessable('Nobody manages themself.', [{ path: 'managerId', message: 'Choose someone else.' }]);
    const [m] = await tx.select({ status: employees.status }).from(employees).where(eq(employees.id, input.managerId));
    if (!m || m.status === 'terminated' || m.status === 'resigned') {
      throw unprocessable('The manager must be a current employee.', [
        { path: 'managerId', message: 'No such current employee.' },
      ]);
    }
    // Walk up from the new manager: meeting this employee would make a reporting cycle.
    let cursor: string | null = input.managerId;
    for (let depth = 0; id && cursor && depth < 100; depth++) {
      const [up]: { managerId: string | null }[] = await tx
        .select({ managerId: employees.managerId })
        .from(employees)
        .where(eq(employees.id, cursor));
      cursor = up?.managerId ?? null;
      if (cursor === id)
        throw unprocessable('Nobody can be managed by someone who reports to them.', [
          { path: 'managerId', message: 'This would make a reporting cycle.' },
        ]);
    }
  }
  if (input.workEmail) {
    const [clash] = await tx
      .select({ id: employees.id })
      .from(employees)
      .where(
        and(
          sql`lower(${employees.workEmail}) = lower(${input.workEmail})`,
          id ? sql`${employees.id} <> ${id}` : undefined,
        ),
      );
    if (clash) throw conflict('Another employee has this work email.', { employeeId: clash.id });
  }
  return departmentId;
}

async function sensitive(ctx: HrContext, input: Pick<EmployeeInput, 'nationalId' | 'payoutAccount'>) {
  const out: Partial<EmployeeRow> = {};
  if (input.nationalId !== undefined) {
    out.nationalIdEncrypted = input.nationalId ? await ctx.cipher.encrypt(input.nationalId) : null;
    out.nationalIdLast4 = input.nationalId ? input.nationalId.slice(-4) : null;
  }
  if (input.payoutAccount !== undefined) {
    out.payoutAccountEncrypted = input.payoutAccount ? await ctx.cipher.encrypt(input.payoutAccount) : null;
    out.payoutAccountLast4 = input.payoutAccount ? input.payoutAccount.replace(/\s/g, '').slice(-4) : null;
  }
  return out;
}

/**
 * Hires an employee: the record, its first history entry and the `hr.employee.hired` event (on
 * which the auth service invites them with the Employee role when `createLogin` is set) commit
 * together.
 */
export async function createEmployee(ctx: HrContext, caller: Caller, input: EmployeeInput & { createLogin?: boolean }) {
  assertAtMostAYearAhead(ctx, input.hireDate, 'hireDate');
  const secret = await sensitive(ctx, input);
  const id = await inTransaction(ctx.db, async (tx) => {
    const departmentId = await checkReferences(tx, input);
    const { salary, nationalId, payoutAccount, createLogin, weeklyHours, ...rest } = input;
    const [row] = await tx
      .insert(employees)
      .values({
        ...rest,
        departmentId: departmentId ?? null,
        number: await nextNumber(tx),
        salaryAmount: salary.minor,
        salaryCurrency: salary.currency,
        weeklyHours: String(weeklyHours ?? 40),
        ...secret,
      })
      .returning();
    if (!row) throw new Error('employee insert returned nothing');
    await tx.insert(employeeHistory).values({
      employeeId: row.id,
      kind: 'hired',
      effectiveDate: row.hireDate,
      details: { positionId: row.positionId, departmentId: row.departmentId },
      actorId: caller.id,
    });
    await recordAudit(tx, {
      action: 'employee.hired',
      entityType: 'employee',
      entityId: row.id,
      after: { ...row, ...secret },
    });
    await publishEvent(tx, hrEvents.employeeHired, {
      subject: row.id,
      // Who hired, also outside a request (the seed's system actor): auth links a login by it.
      actorId: caller.id,
      data: {
        employeeId: row.id,
        number: row.number,
        workEmail: row.workEmail,
        fullName: `${row.firstName} ${row.lastName}`,
        departmentId: row.departmentId,
        hireDate: row.hireDate,
        createLogin: !!createLogin,
      },
    });
    return row.id;
  });
  return getEmployee(ctx, caller, id);
}

export async function updateEmployee(ctx: HrContext, caller: Caller, id: string, input: Partial<EmployeeInput>) {
  assertAtMostAYearAhead(ctx, input.hireDate, 'hireDate');
  const secret = await sensitive(ctx, input);
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(employees).where(eq(employees.id, id)).for('update');
    if (!before) throw notFound('There is no such employee.');
    if (before.status === 'terminated' || before.status === 'resigned')
      throw conflict('The record of an employee who has left is closed.');
    const positionId = input.positionId === undefined ? before.positionId : input.positionId;
    const departmentId = await checkReferences(
      tx,
      {
        ...input,
        positionId,
        // The band check needs the salary that will apply: the new one, or the current one on a move.
        salary: input.salary ?? (input.positionId ? fromMinor(before.salaryAmount, before.salaryCurrency) : undefined),
      },
      id,
    );
    const { salary, nationalId, payoutAccount, weeklyHours, ...rest } = input;
    const [after] = await tx
      .update(employees)
      .set({
        ...rest,
        ...(departmentId !== undefined ? { departmentId } : {}),
        ...(salary ? { salaryAmount: salary.minor, salaryCurrency: salary.currency } : {}),
        ...(weeklyHours !== undefined ? { weeklyHours: String(weeklyHours) } : {}),
        ...secret,
        updatedAt: ctx.now(),
      })
      .where(eq(employees.id, id))
      .returning();
    if (!after) throw notFound('There is no such employee.');
    const changes: Record<string, unknown> = {};
    if (after.positionId !== before.positionId || after.departmentId !== before.departmentId) {
      changes.moved = { positionId: after.positionId, departmentId: after.departmentId };
    }
    if (after.salaryAmount !== before.salaryAmount || after.salaryCurrency !== before.salaryCurrency)
      changes.salaryChanged = true;
    if (after.managerId !== before.managerId) changes.managerId = after.managerId;
    if (Object.keys(changes).length) {
      await tx.insert(employeeHistory).values({
        employeeId: id,
        kind: 'updated',
        effectiveDate: ctx.calendar.today(),
        details: changes,
        actorId: caller.id,
      });
    }
    await recordAudit(tx, {
      action: 'employee.updated',
      entityType: 'employee',
      entityId: id,
      before,
      after: { ...after, ...secret },
    });
    await publishEvent(tx, hrEvents.employeeUpdated, {
      subject: id,
      data: { employeeId: id, fields: Object.keys(input).filter((k) => k !== 'nationalId' && k !== 'payoutAccount') },
    });
  });
  return getEmployee(ctx, caller, id);
}

/**
 * Ends employment on the exit date. An exit dated today or earlier takes effect at once; a later
 * one is only scheduled (the record stays active with its exit date, and the person keeps their
 * access) until `runScheduledExits` ends it on that date.
 */
export async function terminateEmployee(
  ctx: HrContext,
  caller: Caller,
  id: string,
  input: { exitDate: string; reason: string; status?: 'terminated' | 'resigned' },
) {
  assertAtMostAYearAhead(ctx, input.exitDate, 'exitDate');
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(employees).where(eq(employees.id, id)).for('update');
    if (!before) throw notFound('There is no such employee.');
    if (before.status === 'terminated' || before.status === 'resigned')
      throw conflict('This employee has already left.');
    if (input.exitDate < before.hireDate) {
      throw unprocessable('The exit date is before the hire date.', [
        { path: 'exitDate', message: `Choose ${before.hireDate} or later.` },
      ]);
    }
    const status = input.status ?? 'terminated';
    if (input.exitDate <= ctx.calendar.today()) {
      await endEmployment(ctx, tx, before, { status, exitDate: input.exitDate, reason: input.reason }, caller.id);
      return;
    }
    await tx
      .update(employees)
      .set({
        exitDate: input.exitDate,
        exitReason: input.reason,
        exitStatus: status,
        exitScheduledBy: caller.id,
        updatedAt: ctx.now(),
      })
      .where(eq(employees.id, id));
    await recordAudit(tx, {
      action: 'employee.exit-scheduled',
      entityType: 'employee',
      entityId: id,
      before: { exitDate: before.exitDate, exitStatus: before.exitStatus },
      after: { exitDate: input.exitDate, exitStatus: status },
      reason: input.reason,
    });
  });
  return getEmployee(ctx, caller, id);
}

/** The exit itself: status, history dated the exit date, reports moved up, and the event on which auth disables the login. */
async function endEmployment(
  ctx: HrContext,
  tx: Transaction,
  before: EmployeeRow,
  exit: { status: 'terminated' | 'resigned'; exitDate: string; reason: string },
  actorId: string | null,
) {
  const id = before.id;
  await tx
    .update(employees)
    .set({
      status: exit.status,
      exitDate: exit.exitDate,
      exitReason: exit.reason,
      exitStatus: null,
      exitScheduledBy: null,
      updatedAt: ctx.now(),
    })
    .where(eq(employees.id, id));
  // Nobody keeps reporting to, or being managed by, someone who left.
  await tx.update(employees).set({ managerId: before.managerId }).where(eq(employees.managerId, id));
  await tx.update(departments).set({ managerId: null }).where(eq(departments.managerId, id));
  await tx.insert(employeeHistory).values({
    employeeId: id,
    kind: exit.status,
    effectiveDate: exit.exitDate,
    details: { reason: exit.reason },
    actorId,
  });
  await recordAudit(tx, {
    action: `employee.${exit.status}`,
    entityType: 'employee',
    entityId: id,
    before: { status: before.status },
    after: { status: exit.status, exitDate: exit.exitDate },
    reason: exit.reason,
  });
  await publishEvent(tx, hrEvents.employeeTerminated, {
    subject: id,
    // Auth disables the login only if this person (who ended or scheduled the exit) holds every
    // permission it holds; a scheduled exit acts in the name of whoever scheduled it.
    ...(actorId ? { actorId } : {}),
    data: { employeeId: id, userId: before.userId, status: exit.status, exitDate: exit.exitDate },
  });
}

/**
 * Daily job: ends the employment of everyone whose scheduled exit date has come. Each exit commits
 * on its own, so one failure does not hold back the others; a rerun finds only what is left.
 */
export async function runScheduledExits(ctx: HrContext): Promise<{ ended: number }> {
  const today = ctx.calendar.today();
  const due = await executorFor(ctx.db)
    .select({ id: employees.id })
    .from(employees)
    .where(
      and(
        inArray(employees.status, ['active', 'on_leave']),
        isNotNull(employees.exitStatus),
        lte(employees.exitDate, today),
      ),
    );
  let ended = 0;
  for (const { id } of due) {
    const done = await inTransaction(ctx.db, async (tx) => {
      const [row] = await tx.select().from(employees).where(eq(employees.id, id)).for('update');
      // Re-read under the lock: the exit may have been ended or moved since the list was read.
      if (!row?.exitStatus || !row.exitDate || row.exitDate > today) return false;
      if (row.status !== 'active' && row.status !== 'on_leave') return false;
      const status = row.exitStatus === 'resigned' ? 'resigned' : 'terminated';
      await endEmployment(
        ctx,
        tx,
        row,
        { status, exitDate: row.exitDate, reason: row.exitReason ?? '' },
        row.exitScheduledBy,
      );
      await publishEvent(tx, hrEvents.exitDateReached, {
        subject: row.id,
        data: {
          employeeId: row.id,
          managerEmployeeId: row.managerId,
          exitDate: row.exitDate,
          fullName: `${row.firstName} ${row.lastName}`,
        },
      });
      return true;
    });
    if (done) ended += 1;
  }
  if (ended) ctx.logger.info({ ended }, 'scheduled exits ended');
  return { ended };
}

export async function employeeHistoryOf(ctx: HrContext, id: string) {
  const db = executorFor(ctx.db);
  const [exists] = await db.select({ id: employees.id }).from(employees).where(eq(employees.id, id));
  if (!exists) throw notFound('There is no such employee.');
  const rows = await db
    .select()
    .from(employeeHistory)
    .where(eq(employeeHistory.employeeId, id))
    .orderBy(asc(employeeHistory.at));
  return rows.map((h) => ({
    id: h.id,
    kind: h.kind,
    effectiveDate: h.effectiveDate,
    details: h.details,
    at: h.at.toISOString(),
  }));
}

/** Links an employee to their auth user (from the auth service's `auth.user.linked` event). */
export async function linkUser(ctx: HrContext, employeeId: string, userId: string) {
  await inTransaction(ctx.db, async (tx) => {
    await tx.update(employees).set({ userId }).where(eq(employees.id, employeeId));
  });
}
