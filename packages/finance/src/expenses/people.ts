import { type Caller, executorFor, unprocessable } from '@konecta/core';
import { employeeDirectory } from '@konecta/db';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { FinanceContext } from '../context';

/** A person as HR's published directory shows them: all finance needs of an employee. */
export type DirectoryEntry = typeof employeeDirectory.$inferSelect;

export async function directoryEntry(ctx: FinanceContext, employeeId: string): Promise<DirectoryEntry | undefined> {
  const [row] = await executorFor(ctx.db).select().from(employeeDirectory).where(eq(employeeDirectory.id, employeeId));
  return row;
}

/** The caller's own directory entry: a claim is always the caller's own, so they must be an employee. */
export async function callerEmployee(ctx: FinanceContext, caller: Caller): Promise<DirectoryEntry> {
  const employeeId = caller.kind === 'user' ? caller.employeeId : undefined;
  const entry = employeeId ? await directoryEntry(ctx, employeeId) : undefined;
  if (!entry) throw unprocessable('Your login is not linked to an employee, so you cannot claim expenses.');
  return entry;
}

export interface Department {
  id: string;
  name: string;
  costCentre: string | null;
}

/** The departments people work in, with their cost centres (from the directory). */
export async function departments(ctx: FinanceContext): Promise<Department[]> {
  const rows = await executorFor(ctx.db)
    .selectDistinct({
      id: employeeDirectory.departmentId,
      name: employeeDirectory.departmentName,
      costCentre: employeeDirectory.costCentre,
    })
    .from(employeeDirectory)
    .where(and(isNotNull(employeeDirectory.departmentId)))
    .orderBy(employeeDirectory.departmentName);
  return rows.map((r) => ({ id: r.id as string, name: r.name ?? '', costCentre: r.costCentre }));
}

export async function department(ctx: FinanceContext, id: string): Promise<Department | undefined> {
  return (await departments(ctx)).find((d) => d.id === id);
}
