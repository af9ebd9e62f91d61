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
import { attendanceRecords, type Executor, officeLocations } from '@konecta/db';
import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import type { HrContext } from '../context';

export interface OfficeInput {
  name: string;
  latitude: number;
  longitude: number;
  radiusMeters: number;
  active?: boolean;
}

export function toOfficeView(o: typeof officeLocations.$inferSelect) {
  return {
    id: o.id,
    name: o.name,
    latitude: o.latitude,
    longitude: o.longitude,
    radiusMeters: o.radiusMeters,
    active: o.active,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export async function listOffices(ctx: HrContext, page: ListPage) {
  const db = executorFor(ctx.db);
  const rows = await db
    .select()
    .from(officeLocations)
    .orderBy(asc(officeLocations.name), asc(officeLocations.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await countUpTo(db, db.select({ id: officeLocations.id }).from(officeLocations));
  return pageOf(rows.map(toOfficeView), total, page);
}

async function checkName(tx: Executor, name: string, id?: string) {
  const [clash] = await tx
    .select({ id: officeLocations.id })
    .from(officeLocations)
    .where(and(sql`lower(${officeLocations.name}) = lower(${name})`, id ? ne(officeLocations.id, id) : undefined));
  if (clash) throw conflict('An office with this name already exists.');
}

export async function createOffice(ctx: HrContext, input: OfficeInput) {
  return inTransaction(ctx.db, async (tx) => {
    await checkName(tx, input.name);
    const [row] = await tx.insert(officeLocations).values(input).returning();
    if (!row) throw new Error('office insert returned nothing');
    await recordAudit(tx, { action: 'office.created', entityType: 'office', entityId: row.id, after: row });
    return toOfficeView(row);
  });
}

export async function updateOffice(ctx: HrContext, id: string, input: Partial<OfficeInput>) {
  return inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(officeLocations).where(eq(officeLocations.id, id)).for('update');
    if (!before) throw notFound('There is no such office.');
    if (input.name) await checkName(tx, input.name, id);
    const [after] = await tx
      .update(officeLocations)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(officeLocations.id, id))
      .returning();
    await recordAudit(tx, { action: 'office.updated', entityType: 'office', entityId: id, before, after });
    return toOfficeView(after as typeof before);
  });
}

/** An office with check-ins keeps its history: it is deactivated rather than deleted. */
export async function deleteOffice(ctx: HrContext, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(officeLocations).where(eq(officeLocations.id, id)).for('update');
    if (!before) throw notFound('There is no such office.');
    const [used] = await tx
      .select({ n: count() })
      .from(attendanceRecords)
      .where(eq(attendanceRecords.officeLocationId, id));
    if (used?.n) throw conflict(`${used.n} check-in(s) happened at this office; deactivate it instead.`);
    await tx.delete(officeLocations).where(eq(officeLocations.id, id));
    await recordAudit(tx, { action: 'office.deleted', entityType: 'office', entityId: id, before });
  });
}
