import {
  conflict,
  countUpTo,
  executorFor,
  fromMinor,
  inTransaction,
  type ListPage,
  type Money,
  notFound,
  pageOf,
  recordAudit,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import { departments, type Executor, employees, positions } from '@konecta/db';
import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import type { HrContext } from '../context';

export interface PositionInput {
  title: string;
  departmentId: string;
  grade: string;
  salaryMin: Money;
  salaryMax: Money;
}

export function toPositionView(p: typeof positions.$inferSelect) {
  return {
    id: p.id,
    title: p.title,
    departmentId: p.departmentId,
    grade: p.grade,
    salaryMin: toMoneyJson(fromMinor(p.salaryMin, p.currency)),
    salaryMax: toMoneyJson(fromMinor(p.salaryMax, p.currency)),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function listPositions(ctx: HrContext, departmentId: string | undefined, page: ListPage) {
  const db = executorFor(ctx.db);
  const where = departmentId ? eq(positions.departmentId, departmentId) : undefined;
  const rows = await db
    .select()
    .from(positions)
    .where(where)
    .orderBy(asc(positions.title), asc(positions.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await countUpTo(db, db.select({ id: positions.id }).from(positions).where(where));
  return pageOf(rows.map(toPositionView), total, page);
}

function band(input: Pick<PositionInput, 'salaryMin' | 'salaryMax'>) {
  if (input.salaryMin.currency !== input.salaryMax.currency) {
    throw unprocessable('The band is in one currency.', [
      { path: 'salaryMax.currency', message: 'Use the same currency as salaryMin.' },
    ]);
  }
  const min = input.salaryMin.minor;
  const max = input.salaryMax.minor;
  if (min < 0n || max < min) {
    throw unprocessable('The salary band is not valid.', [
      { path: 'salaryMax', message: 'The maximum must be at least the minimum (and both ≥ 0).' },
    ]);
  }
  return { salaryMin: min, salaryMax: max, currency: input.salaryMin.currency };
}

async function checkDepartment(tx: Executor, departmentId: string) {
  const [d] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
  if (!d)
    throw unprocessable('The department does not exist.', [{ path: 'departmentId', message: 'No such department.' }]);
}

async function checkTitle(tx: Executor, title: string, departmentId: string, id?: string) {
  const [clash] = await tx
    .select({ id: positions.id })
    .from(positions)
    .where(
      and(
        sql`lower(${positions.title}) = lower(${title})`,
        eq(positions.departmentId, departmentId),
        id ? ne(positions.id, id) : undefined,
      ),
    );
  if (clash) throw conflict('The department already has a position with this title.');
}

export async function createPosition(ctx: HrContext, input: PositionInput) {
  return inTransaction(ctx.db, async (tx) => {
    await checkDepartment(tx, input.departmentId);
    await checkTitle(tx, input.title, input.departmentId);
    const [row] = await tx
      .insert(positions)
      .values({ title: input.title, departmentId: input.departmentId, grade: input.grade, ...band(input) })
      .returning();
    if (!row) throw new Error('position insert returned nothing');
    await recordAudit(tx, { action: 'position.created', entityType: 'position', entityId: row.id, after: row });
    return toPositionView(row);
  });
}

export async function updatePosition(ctx: HrContext, id: string, input: Partial<PositionInput>) {
  return inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(positions).where(eq(positions.id, id)).for('update');
    if (!before) throw notFound('There is no such position.');
    const departmentId = input.departmentId ?? before.departmentId;
    if (input.departmentId) await checkDepartment(tx, input.departmentId);
    if (input.title || input.departmentId) await checkTitle(tx, input.title ?? before.title, departmentId, id);
    const money =
      input.salaryMin || input.salaryMax
        ? band({
            salaryMin: input.salaryMin ?? fromMinor(before.salaryMin, before.currency),
            salaryMax: input.salaryMax ?? fromMinor(before.salaryMax, before.currency),
          })
        : {};
    const [after] = await tx
      .update(positions)
      .set({ title: input.title, grade: input.grade, departmentId, ...money, updatedAt: ctx.now() })
      .where(eq(positions.id, id))
      .returning();
    if (!after) throw notFound('There is no such position.');
    await recordAudit(tx, { action: 'position.updated', entityType: 'position', entityId: id, before, after });
    return toPositionView(after);
  });
}

export async function deletePosition(ctx: HrContext, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(positions).where(eq(positions.id, id)).for('update');
    if (!before) throw notFound('There is no such position.');
    const [held] = await tx.select({ n: count() }).from(employees).where(eq(employees.positionId, id));
    if (held?.n) throw conflict(`${held.n} employee(s) hold this position; move them first.`);
    await tx.delete(positions).where(eq(positions.id, id));
    await recordAudit(tx, { action: 'position.deleted', entityType: 'position', entityId: id, before });
  });
}
