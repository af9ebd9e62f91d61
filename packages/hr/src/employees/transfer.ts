import { type Caller, inTransaction, ProblemError, toProblemError, unprocessable } from '@konecta/core';
import { departments, employees, positions } from '@konecta/db';
import { hrConstraints } from '../constraints';
import type { HrContext } from '../context';
import { scopeOf } from '../scope';
import { createEmployee, type EmployeeFilters, type EmployeeInput, listEmployees } from './employees';
import { employeeBody } from './schemas';
import { readSheet, type SheetFormat, writeSheet } from './spreadsheets';

export const MAX_IMPORT_ROWS = 2000;

const EXPORT_COLUMNS = [
  { header: 'Number', key: 'number', width: 12 },
  { header: 'First name', key: 'firstName' },
  { header: 'Last name', key: 'lastName' },
  { header: 'Work email', key: 'workEmail', width: 32 },
  { header: 'Phone', key: 'phone' },
  { header: 'Department', key: 'department' },
  { header: 'Position', key: 'position', width: 24 },
  { header: 'Manager email', key: 'managerEmail', width: 32 },
  { header: 'Employment type', key: 'employmentType' },
  { header: 'Hire date', key: 'hireDate', width: 12 },
  { header: 'Status', key: 'status', width: 12 },
  { header: 'Remote', key: 'remote', width: 8 },
];
const PAY_COLUMNS = [
  { header: 'Salary', key: 'salary', width: 12 },
  { header: 'Currency', key: 'currency', width: 10 },
  { header: 'Salary period', key: 'salaryPeriod', width: 14 },
];

/**
 * Employees as CSV or XLSX, with the list's filters; pay columns only for callers who may see pay.
 * The columns are the ones the import reads, so an export can be edited and imported back.
 */
export async function exportEmployees(
  ctx: HrContext,
  caller: Caller,
  filters: Omit<EmployeeFilters, 'limit' | 'offset'>,
  format: SheetFormat,
) {
  const scope = await scopeOf(ctx.db, caller);
  const { items } = await listEmployees(ctx.db, caller, { ...filters, limit: 100_000, offset: 0 });
  const emails = new Map(
    (await ctx.db.select({ id: employees.id, email: employees.workEmail }).from(employees)).map((e) => [e.id, e.email]),
  );
  const rows = items.map((e) => {
    const full = e as Record<string, unknown>;
    const salary = full.salary as { amount: string; currency: string } | undefined;
    return {
      number: e.number,
      firstName: e.firstName,
      lastName: e.lastName,
      workEmail: e.workEmail,
      phone: e.phone,
      department: e.departmentName,
      position: e.positionTitle,
      managerEmail: e.managerId ? (emails.get(e.managerId) ?? '') : '',
      employmentType: (full.employmentType as string | undefined) ?? '',
      hireDate: (full.hireDate as string | undefined) ?? '',
      status: e.status,
      remote: full.remote === undefined ? '' : full.remote ? 'yes' : 'no',
      salary: salary?.amount ?? '',
      currency: salary?.currency ?? '',
      salaryPeriod: (full.salaryPeriod as string | undefined) ?? '',
    };
  });
  return writeSheet('Employees', scope.seesPay ? [...EXPORT_COLUMNS, ...PAY_COLUMNS] : EXPORT_COLUMNS, rows, format);
}

export interface ImportRowReport {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  status: 'valid' | 'invalid' | 'created';
  workEmail?: string;
  employeeNumber?: string;
  errors?: { path: string; message: string }[];
}

export interface ImportReport {
  mode: 'all-or-nothing' | 'partial';
  dryRun: boolean;
  total: number;
  valid: number;
  invalid: number;
  created: number;
  rows: ImportRowReport[];
}

const YES = new Set(['yes', 'y', 'true', '1', 'x']);

/** One spreadsheet row as an EmployeeInput, or the reasons it is not one. */
function toInput(
  raw: Record<string, string>,
  lookups: {
    departments: Map<string, string>;
    positions: Map<string, { id: string; departmentId: string }[]>;
    managers: Map<string, string>;
  },
): { input?: EmployeeInput & { createLogin?: boolean }; errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  const value = (...keys: string[]) => keys.map((k) => raw[k]).find((v) => v !== undefined && v !== '');
  let departmentId: string | undefined;
  const department = value('department', 'departmentname');
  if (department) {
    departmentId = lookups.departments.get(department.toLowerCase());
    if (!departmentId) errors.push({ path: 'department', message: `No department named "${department}".` });
  }
  let positionId: string | undefined;
  const position = value('position', 'positiontitle', 'title');
  if (position) {
    const candidates = (lookups.positions.get(position.toLowerCase()) ?? []).filter(
      (p) => !departmentId || p.departmentId === departmentId,
    );
    if (candidates.length === 1) positionId = candidates[0]?.id;
    else
      errors.push({
        path: 'position',
        message: candidates.length
          ? `"${position}" exists in several departments; give the department.`
          : `No position titled "${position}"${department ? ` in ${department}` : ''}.`,
      });
  }
  let managerId: string | undefined;
  const manager = value('manageremail', 'manager');
  if (manager) {
    managerId = lookups.managers.get(manager.toLowerCase());
    if (!managerId) errors.push({ path: 'managerEmail', message: `No current employee with the email "${manager}".` });
  }
  const weeklyHours = value('weeklyhours');
  const candidate = {
    firstName: value('firstname'),
    lastName: value('lastname'),
    workEmail: value('workemail', 'email'),
    phone: value('phone'),
    departmentId,
    positionId,
    managerId,
    employmentType: value('employmenttype')?.toLowerCase().replace(/[\s-]/g, '_'),
    hireDate: value('hiredate'),
    salary: {
      amount: value('salary', 'salaryamount') ?? '',
      currency: (value('currency', 'salarycurrency') ?? '').toUpperCase(),
    },
    salaryPeriod: value('salaryperiod')?.toLowerCase(),
    weeklyHours: weeklyHours === undefined ? undefined : Number(weeklyHours),
    nationalId: value('nationalid'),
    payoutAccount: value('payoutaccount', 'iban'),
    address: value('address'),
    remote: value('remote') === undefined ? undefined : YES.has((value('remote') as string).toLowerCase()),
  };
  const parsed = employeeBody.safeParse(
    Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors.push({ path: issue.path.join('.') || '(row)', message: issue.message });
  }
  if (errors.length || !parsed.success) return { errors };
  return { input: { ...parsed.data, createLogin: YES.has((value('createlogin') ?? '').toLowerCase()) }, errors };
}

/**
 * Imports employees from a CSV or XLSX sheet with a report per row. All-or-nothing (the default):
 * any invalid row rejects the file and nothing is written. Partial: valid rows are created and
 * invalid rows listed. `dryRun` only validates.
 */
export async function importEmployees(
  ctx: HrContext,
  caller: Caller,
  file: { data: Buffer; format: SheetFormat },
  options: { mode: 'all-or-nothing' | 'partial'; dryRun: boolean },
): Promise<ImportReport> {
  const rawRows = await readSheet(file.data, file.format);
  if (!rawRows.length)
    throw unprocessable('The file has a header but no rows.', [{ path: 'file', message: 'No rows.' }]);
  if (rawRows.length > MAX_IMPORT_ROWS) {
    throw unprocessable(`The file has ${rawRows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`, [
      { path: 'file', message: 'Too many rows.' },
    ]);
  }
  const [deptRows, positionRows, people] = await Promise.all([
    ctx.db.select({ id: departments.id, name: departments.name }).from(departments),
    ctx.db.select({ id: positions.id, title: positions.title, departmentId: positions.departmentId }).from(positions),
    ctx.db.select({ id: employees.id, email: employees.workEmail, status: employees.status }).from(employees),
  ]);
  const positionsByTitle = new Map<string, { id: string; departmentId: string }[]>();
  for (const p of positionRows)
    positionsByTitle.set(p.title.toLowerCase(), [...(positionsByTitle.get(p.title.toLowerCase()) ?? []), p]);
  const lookups = {
    departments: new Map(deptRows.map((d) => [d.name.toLowerCase(), d.id])),
    positions: positionsByTitle,
    managers: new Map(
      people.filter((p) => p.status === 'active' || p.status === 'on_leave').map((p) => [p.email.toLowerCase(), p.id]),
    ),
  };
  const existing = new Set(people.map((p) => p.email.toLowerCase()));
  const seen = new Set<string>();
  const rows: (ImportRowReport & { input?: EmployeeInput & { createLogin?: boolean } })[] = rawRows.map((raw, i) => {
    const { input, errors } = toInput(raw, lookups);
    const email = input?.workEmail.toLowerCase() ?? (raw.workemail ?? raw.email ?? '').toLowerCase();
    if (email && existing.has(email))
      errors.push({ path: 'workEmail', message: 'An employee with this work email already exists.' });
    if (email && seen.has(email))
      errors.push({ path: 'workEmail', message: 'This work email appears earlier in the file.' });
    if (email) seen.add(email);
    return errors.length
      ? { row: i + 2, status: 'invalid' as const, workEmail: email || undefined, errors }
      : { row: i + 2, status: 'valid' as const, workEmail: email, input };
  });
  const invalid = rows.filter((r) => r.status === 'invalid').length;
  const report = (): ImportReport => ({
    mode: options.mode,
    dryRun: options.dryRun,
    total: rows.length,
    valid: rows.filter((r) => r.status !== 'invalid').length,
    invalid: rows.filter((r) => r.status === 'invalid').length,
    created: rows.filter((r) => r.status === 'created').length,
    rows: rows.map(({ input: _input, ...r }) => r),
  });
  if (options.dryRun) return report();
  if (invalid && options.mode === 'all-or-nothing') {
    throw new ProblemError(422, `${invalid} of ${rows.length} rows are invalid; nothing was imported.`, {
      report: report(),
    });
  }
  const create = async (r: (typeof rows)[number]) => {
    if (!r.input) return;
    const created = await createEmployee(ctx, caller, r.input);
    r.status = 'created';
    r.employeeNumber = created.number;
  };
  if (options.mode === 'all-or-nothing') {
    await inTransaction(ctx.db, async () => {
      for (const r of rows) await create(r);
    });
  } else {
    for (const r of rows.filter((x) => x.status === 'valid')) {
      try {
        await create(r);
      } catch (err) {
        const problem = toProblemError(err, hrConstraints);
        if (!problem) throw err;
        r.status = 'invalid';
        r.errors = problem.extra.errors ?? [{ path: '(row)', message: problem.detail }];
      }
    }
  }
  return report();
}
