import { type Caller, executorFor, type IsoDate } from '@konecta/core';
import { departments, employees } from '@konecta/db';
import { and, eq, gte, inArray, isNotNull, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { HrContext } from './context';

/**
 * Who the caller is in HR terms: their own employee record, the departments they manage, and
 * which permissions widen their view. Record scope follows docs/product.md: an employee sees their
 * own records, a department manager their department's, HR everyone's.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface HrScope {
  caller: Caller;
  employeeId?: string;
  managedDepartmentIds: string[];
  seesAll: boolean;
  seesPay: boolean;
}

export async function scopeOf(ctx: HrContext, caller: Caller): Promise<HrScope> {
  const db = executorFor(ctx.db);
  let employeeId = caller.kind === 'user' ? caller.employeeId : undefined;
  if (!employeeId && caller.kind === 'user' && UUID.test(caller.id)) {
    const [own] = await db.select({ id: employees.id }).from(employees).where(eq(employees.userId, caller.id)).limit(1);
    employeeId = own?.id;
  }
  const managed = employeeId
    ? await db.select({ id: departments.id }).from(departments).where(eq(departments.managerId, employeeId))
    : [];
  return {
    caller,
    employeeId,
    managedDepartmentIds: managed.map((d) => d.id),
    seesAll: caller.permissions.has('hr.employees.read-all'),
    seesPay: caller.permissions.has('hr.employees.read-sensitive'),
  };
}

export type Visibility = 'directory' | 'full';

/** How much of an employee record the caller may see. */
export function visibilityOf(
  scope: HrScope,
  record: { id: string; departmentId: string | null; managerId: string | null },
): { level: Visibility; pay: boolean } {
  const self = scope.employeeId === record.id;
  const manages =
    !!scope.employeeId &&
    (record.managerId === scope.employeeId ||
      (!!record.departmentId && scope.managedDepartmentIds.includes(record.departmentId)));
  return { level: self || manages || scope.seesAll ? 'full' : 'directory', pay: self || scope.seesPay };
}

/** SQL filter for "records in my scope" (self, reports, managed departments), for HR-only lists. */
export function inScope(scope: HrScope) {
  if (scope.seesAll) return undefined;
  const own = scope.employeeId ? [eq(employees.id, scope.employeeId), eq(employees.managerId, scope.employeeId)] : [];
  const depts = scope.managedDepartmentIds.map((id) => eq(employees.departmentId, id));
  const all = [...own, ...depts];
  return all.length ? or(...all) : eq(employees.id, '00000000-0000-0000-0000-000000000000');
}

/**
 * People employed on `day`: hired on or before it and not yet gone. An exit takes effect after its
 * date (the person works their last day), whether or not the job that ends employment has run yet.
 */
export function employedOn(day: IsoDate): SQL {
  return and(
    lte(employees.hireDate, day),
    or(isNull(employees.exitDate), gte(employees.exitDate, day)),
    or(inArray(employees.status, ['active', 'on_leave']), isNotNull(employees.exitDate)),
  ) as SQL;
}
