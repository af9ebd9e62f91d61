import {
  conflict,
  countUpTo,
  executorFor,
  inTransaction,
  type ListPage,
  notFound,
  pageOf,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { departments, type Executor, employees, positions } from '@konecta/db';
import { aliasedTable, and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { HrContext } from '../context';

export interface DepartmentInput {
  name: string;
  costCentre: string;
  parentId?: string | null;
  managerId?: string | null;
}

const manager = aliasedTable(employees, 'manager');
const staff = aliasedTable(employees, 'staff');

/** Departments with their manager's name and current headcount, in one query. */
function withHeadcount(db: Executor) {
  return db
    .select({
      department: departments,
      managerName: sql<string | null>`${manager.firstName} || ' ' || ${manager.lastName}`,
      headcount: sql<number>`count(${staff.id})::int`,
    })
    .from(departments)
    .leftJoin(manager, eq(manager.id, departments.managerId))
    .leftJoin(staff, and(eq(staff.departmentId, departments.id), inArray(staff.status, ['active', 'on_leave'])))
    .groupBy(departments.id, manager.id)
    .$dynamic();
}

export async function listDepartments(ctx: HrContext, page: ListPage) {
  const db = executorFor(ctx.db);
  const rows = await withHeadcount(db)
    .orderBy(asc(departments.name), asc(departments.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await countUpTo(db, db.select({ id: departments.id }).from(departments));
  return pageOf(
    rows.map((r) => toDepartmentView(r.department, r.managerName, r.headcount)),
    total,
    page,
  );
}

export function toDepartmentView(d: typeof departments.$inferSelect, managerName: string | null, headcount: number) {
  return {
    id: d.id,
    name: d.name,
    costCentre: d.costCentre,
    parentId: d.parentId,
    managerId: d.managerId,
    managerName,
    headcount,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export async function getDepartment(ctx: HrContext, id: string) {
  const db = executorFor(ctx.db);
  const [found] = await withHeadcount(db).where(eq(departments.id, id));
  if (!found) throw notFound('There is no such department.');
  return toDepartmentView(found.department, found.managerName, found.headcount);
}

async function checkReferences(tx: Executor, id: string | undefined, input: Partial<DepartmentInput>) {
  if (input.parentId) {
    // Walk up from the new parent: meeting this department would make a cycle.
    let cursor: string | null = input.parentId;
    for (let depth = 0; cursor && depth < 100; depth++) {
      if (cursor === id)
        throw unprocessable('A department cannot be inside itself.', [
          { path: 'parentId', message: 'This would make a cycle.' },
        ]);
      const [parent]: { parentId: string | null }[] = await tx
        .select({ parentId: departments.parentId })
        .from(departments)
        .where(eq(departments.id, cursor));
      if (!parent)
        throw unprocessable('The parent department does not exist.', [
          { path: 'parentId', message: 'No such department.' },
        ]);
      cursor = parent.parentId;
    }
  }
  if (input.managerId) {
    const [manager] = await tx
      .select({ status: employees.status })
      .from(employees)
      .where(eq(employees.id, input.managerId));
    if (!manager || manager.status === 'terminated' || manager.status === 'resigned') {
      throw unprocessable('The manager must be a current employee.', [
        { path: 'managerId', message: 'No such current employee.' },
      ]);
    }
  }
  const clash = await tx
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(
      and(
        sql`(lower(${departments.name}) = lower(${input.name ?? ''}) or lower(${departments.costCentre}) = lower(${input.costCentre ?? ''}))`,
        id ? ne(departments.id, id) : undefined,
      ),
    );
  if (clash.length) throw conflict('A department with this name or cost centre already exists.');
}

export async function createDepartment(ctx: HrContext, input: DepartmentInput) {
  return inTransaction(ctx.db, async (tx) => {
    await checkReferences(tx, undefined, input);
    const [row] = await tx.insert(departments).values(input).returning();
    await recordAudit(tx, { action: 'department.created', entityType: 'department', entityId: row?.id, after: row });
    return getDepartment(ctx, row?.id as string);
  });
}

export async function updateDepartment(ctx: HrContext, id: string, input: Partial<DepartmentInput>) {
  return inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(departments).where(eq(departments.id, id)).for('update');
    if (!before) throw notFound('There is no such department.');
    await checkReferences(tx, id, {
      name: input.name ?? before.name,
      costCentre: input.costCentre ?? before.costCentre,
      ...input,
    });
    const [after] = await tx
      .update(departments)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(departments.id, id))
      .returning();
    await recordAudit(tx, { action: 'department.updated', entityType: 'department', entityId: id, before, after });
    return getDepartment(ctx, id);
  });
}

/** Only an empty department goes: no sub-departments, positions or employees refer to it. */
export async function deleteDepartment(ctx: HrContext, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(departments).where(eq(departments.id, id)).for('update');
    if (!before) throw notFound('There is no such department.');
    const [children] = await tx.select({ n: count() }).from(departments).where(eq(departments.parentId, id));
    const [staff] = await tx.select({ n: count() }).from(employees).where(eq(employees.departmentId, id));
    const [roles] = await tx.select({ n: count() }).from(positions).where(eq(positions.departmentId, id));
    if (children?.n || staff?.n || roles?.n) {
      throw conflict('The department still has sub-departments, positions or employees; move them first.');
    }
    await tx.delete(departments).where(eq(departments.id, id));
    await recordAudit(tx, { action: 'department.deleted', entityType: 'department', entityId: id, before });
  });
}
