import { executorFor } from '@konecta/core';
import { departments, employees, positions } from '@konecta/db';
import { asc, eq, inArray } from 'drizzle-orm';
import type { HrContext } from '../context';

export interface OrgNode {
  id: string;
  fullName: string;
  positionTitle: string | null;
  departmentName: string | null;
  reports: OrgNode[];
}

/** Everyone current, as a tree by manager (one query; people whose manager left are roots). */
export async function orgChart(ctx: HrContext): Promise<OrgNode[]> {
  const db = executorFor(ctx.db);
  const rows = await db
    .select({
      id: employees.id,
      firstName: employees.firstName,
      lastName: employees.lastName,
      managerId: employees.managerId,
      positionTitle: positions.title,
      departmentName: departments.name,
    })
    .from(employees)
    .leftJoin(positions, eq(positions.id, employees.positionId))
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .where(inArray(employees.status, ['active', 'on_leave']))
    .orderBy(asc(employees.lastName), asc(employees.firstName));
  const nodes = new Map<string, OrgNode & { managerId: string | null }>();
  for (const r of rows) {
    nodes.set(r.id, {
      id: r.id,
      fullName: `${r.firstName} ${r.lastName}`,
      positionTitle: r.positionTitle,
      departmentName: r.departmentName,
      managerId: r.managerId,
      reports: [],
    });
  }
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.managerId ? nodes.get(node.managerId) : undefined;
    (parent ? parent.reports : roots).push(node);
  }
  const strip = (n: OrgNode & { managerId?: string | null }): OrgNode => ({
    id: n.id,
    fullName: n.fullName,
    positionTitle: n.positionTitle,
    departmentName: n.departmentName,
    reports: n.reports.map(strip),
  });
  return roots.map(strip);
}
