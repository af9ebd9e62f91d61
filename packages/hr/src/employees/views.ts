import { fromMinor, masked, toMoneyJson } from '@konecta/core';
import type { employees } from '@konecta/db';
import { type HrScope, visibilityOf } from '../scope';

export type EmployeeRow = typeof employees.$inferSelect;

export interface EmployeeNames {
  positionTitle: string | null;
  departmentName: string | null;
  managerName: string | null;
}

/** Directory fields: what any colleague may see. */
function directory(e: EmployeeRow, names: EmployeeNames) {
  return {
    id: e.id,
    number: e.number,
    firstName: e.firstName,
    lastName: e.lastName,
    fullName: `${e.firstName} ${e.lastName}`,
    workEmail: e.workEmail,
    phone: e.phone,
    positionId: e.positionId,
    positionTitle: names.positionTitle,
    departmentId: e.departmentId,
    departmentName: names.departmentName,
    managerId: e.managerId,
    managerName: names.managerName,
    status: e.status,
  };
}

/**
 * An employee as this caller may see them: the directory for everyone; the full record for
 * themself, their manager and HR; pay for themself and those allowed to see pay. National id and
 * payout account are always masked (the clear values only reach payroll, through its view).
 */
export function toEmployeeView(e: EmployeeRow, names: EmployeeNames, scope: HrScope) {
  const { level, pay } = visibilityOf(scope, e);
  const base = directory(e, names);
  if (level === 'directory') return { ...base, visibility: 'directory' as const };
  return {
    ...base,
    visibility: pay ? ('pay' as const) : ('full' as const),
    employmentType: e.employmentType,
    hireDate: e.hireDate,
    exitDate: e.exitDate,
    exitReason: e.exitReason,
    weeklyHours: Number(e.weeklyHours),
    address: e.address,
    emergencyContact: e.emergencyContact,
    remote: e.remote,
    userId: e.userId,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    ...(pay
      ? {
          salary: toMoneyJson(fromMinor(e.salaryAmount, e.salaryCurrency)),
          salaryPeriod: e.salaryPeriod,
          nationalId: masked(e.nationalIdLast4),
          payoutAccount: masked(e.payoutAccountLast4),
        }
      : {}),
  };
}

export type EmployeeView = ReturnType<typeof toEmployeeView>;
