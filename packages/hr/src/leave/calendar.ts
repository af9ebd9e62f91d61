import {
  conflict,
  countUpTo,
  executorFor,
  inTransaction,
  type ListPage,
  notFound,
  pageOf,
  recordAudit,
} from '@konecta/core';
import { type Executor, holidays, leaveRequests, leaveTypes } from '@konecta/db';
import { and, asc, count, eq, gte, lte, ne, sql } from 'drizzle-orm';
import type { HrContext } from '../context';

export async function listHolidays(ctx: HrContext, year: number | undefined, page: ListPage) {
  const db = executorFor(ctx.db);
  const where = year ? and(gte(holidays.date, `${year}-01-01`), lte(holidays.date, `${year}-12-31`)) : undefined;
  const rows = await db
    .select()
    .from(holidays)
    .where(where)
    .orderBy(asc(holidays.date))
    .limit(page.limit)
    .offset(page.offset);
  const total = await countUpTo(db, db.select({ id: holidays.id }).from(holidays).where(where));
  return pageOf(
    rows.map((h) => ({ id: h.id, date: h.date, name: h.name })),
    total,
    page,
  );
}

export async function addHoliday(ctx: HrContext, input: { date: string; name: string }) {
  return inTransaction(ctx.db, async (tx) => {
    const [clash] = await tx.select({ id: holidays.id }).from(holidays).where(eq(holidays.date, input.date));
    if (clash) throw conflict(`${input.date} is already a holiday.`);
    const [row] = await tx.insert(holidays).values(input).returning();
    await recordAudit(tx, { action: 'holiday.added', entityType: 'holiday', entityId: row?.id, after: row });
    return { id: row?.id as string, date: input.date, name: input.name };
  });
}

export async function removeHoliday(ctx: HrContext, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.delete(holidays).where(eq(holidays.id, id)).returning();
    if (!row) throw notFound('There is no such holiday.');
    await recordAudit(tx, { action: 'holiday.removed', entityType: 'holiday', entityId: id, before: row });
  });
}

export interface LeaveTypeInput {
  name: string;
  code: string;
  paid: boolean;
  yearlyEntitlement: number;
  accrual: 'upfront' | 'monthly';
  carryForwardCap?: number;
  active?: boolean;
}

export function toLeaveTypeView(t: typeof leaveTypes.$inferSelect) {
  return {
    id: t.id,
    name: t.name,
    code: t.code,
    paid: t.paid,
    yearlyEntitlement: t.yearlyEntitlement,
    accrual: t.accrual,
    carryForwardCap: t.carryForwardCap,
    active: t.active,
  };
}

export async function listLeaveTypes(ctx: HrContext, page: ListPage) {
  const db = executorFor(ctx.db);
  const rows = await db
    .select()
    .from(leaveTypes)
    .orderBy(asc(leaveTypes.name), asc(leaveTypes.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await countUpTo(db, db.select({ id: leaveTypes.id }).from(leaveTypes));
  return pageOf(rows.map(toLeaveTypeView), total, page);
}

async function checkUnique(tx: Executor, input: Partial<LeaveTypeInput>, id?: string) {
  const [clash] = await tx
    .select({ id: leaveTypes.id })
    .from(leaveTypes)
    .where(
      and(
        sql`(lower(${leaveTypes.name}) = lower(${input.name ?? ''}) or lower(${leaveTypes.code}) = lower(${input.code ?? ''}))`,
        id ? ne(leaveTypes.id, id) : undefined,
      ),
    );
  if (clash) throw conflict('A leave type with this name or code already exists.');
}

export async function createLeaveType(ctx: HrContext, input: LeaveTypeInput) {
  return inTransaction(ctx.db, async (tx) => {
    await checkUnique(tx, input);
    const [row] = await tx.insert(leaveTypes).values(input).returning();
    if (!row) throw new Error('leave type insert returned nothing');
    await recordAudit(tx, { action: 'leave-type.created', entityType: 'leave-type', entityId: row.id, after: row });
    return toLeaveTypeView(row);
  });
}

/** Edits a type; one with requests keeps its paid/unpaid nature (balances depend on it). */
export async function updateLeaveType(ctx: HrContext, id: string, input: Partial<LeaveTypeInput>) {
  return inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(leaveTypes).where(eq(leaveTypes.id, id)).for('update');
    if (!before) throw notFound('There is no such leave type.');
    await checkUnique(tx, { name: input.name, code: input.code }, id);
    if (input.paid !== undefined && input.paid !== before.paid) {
      const [used] = await tx.select({ n: count() }).from(leaveRequests).where(eq(leaveRequests.leaveTypeId, id));
      if (used?.n)
        throw conflict('This type has requests; it cannot switch between paid and unpaid. Create a new type.');
    }
    const [after] = await tx
      .update(leaveTypes)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(leaveTypes.id, id))
      .returning();
    await recordAudit(tx, { action: 'leave-type.updated', entityType: 'leave-type', entityId: id, before, after });
    return toLeaveTypeView(after as typeof before);
  });
}
