import { type Caller, hasPermission, inTransaction, ProblemError, toProblemError, unprocessable } from '@konecta/core';
import { readSheet, type SheetColumn, type SheetFormat, writeSheet } from '@konecta/core/spreadsheets';
import * as z from '@konecta/core/z';
import { departments, employees, positions } from '@konecta/db';
import type { HrContext } from '../context';
import { scopeOf } from '../scope';
import { createEmployee, type EmployeeFilters, type EmployeeInput, listEmployees, updateEmployee } from './employees';
import { employeeBody } from './schemas';

export const MAX_IMPORT_ROWS = 2000;

const EXPORT_COLUMNS: SheetColumn[] = [
  { header: 'Number', key: 'number', width: 12 },
  { header: 'First name', key: 'firstName' },
  { header: 'Last name', key: 'lastName' },
  { header: 'Work email', key: 'workEmail', width: 32 },
  { header: 'Phone', key: 'phone' },
  { header: 'Department', key: 'department' },
  { header: 'Position', key: 'position', width: 24 },
  { header: 'Manager email', key: 'managerEmail', width: 32 },
  { header: 'Employment type', key: 'employmentType' },
  { header: 'Hire date', key: 'hireDate', width: 12, type: 'date' },
  { header: 'Status', key: 'status', width: 12 },
  { header: 'Remote', key: 'remote', width: 8 },
];
const PAY_COLUMNS: SheetColumn[] = [
  { header: 'Salary', key: 'salary', width: 12, type: 'amount' },
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
  const scope = await scopeOf(ctx, caller);
  const { items } = await listEmployees(ctx, caller, { ...filters, limit: 100_000, offset: 0 });
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
  /**
   * `valid`: passes every rule (a dry run, or a file rolled back); `created`/`updated`: written;
   * `unchanged`: the row is the stored person as they are, nothing to write; `invalid`: refused.
   */
  status: 'valid' | 'invalid' | 'created' | 'updated' | 'unchanged';
  workEmail?: string;
  employeeNumber?: string;
  /** For a row that matches an existing employee: the fields it changes (or would change). */
  changes?: string[];
  errors?: { path: string; message: string }[];
}

export interface ImportReport {
  mode: 'all-or-nothing' | 'partial';
  dryRun: boolean;
  total: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  rows: ImportRowReport[];
}

const YES = new Set(['yes', 'y', 'true', '1', 'x']);

type Person = typeof employees.$inferSelect;
type RowError = { path: string; message: string };
type NewEmployee = EmployeeInput & { createLogin?: boolean };

interface Lookups {
  departments: Map<string, string[]>;
  positions: Map<string, { id: string; departmentId: string }[]>;
  positionDepartment: Map<string, string>;
  byEmail: Map<string, Person>;
  byNumber: Map<string, Person>;
}

/**
 * A sheet row's cells: `value` the first non-empty cell of these columns; `present` whether the
 * sheet has one of these columns at all (an export's column left empty clears a clearable field).
 */
function cells(raw: Record<string, string>) {
  return {
    value: (...keys: string[]) => keys.map((k) => raw[k]).find((v) => v !== undefined && v !== ''),
    present: (...keys: string[]) => keys.some((k) => raw[k] !== undefined),
  };
}

/** The row's department, position and manager as ids (null: the cell clears it; undefined: no column). */
function references(raw: Record<string, string>, lookups: Lookups, existing: Person | undefined, errors: RowError[]) {
  const { value, present } = cells(raw);
  let departmentId: string | null | undefined;
  const department = value('department', 'departmentname');
  if (department) {
    const ids = lookups.departments.get(department.toLowerCase()) ?? [];
    departmentId = ids.length === 1 ? ids[0] : ids.find((id) => id === existing?.departmentId);
    if (!departmentId)
      errors.push({
        path: 'department',
        message: ids.length ? `Several departments are named "${department}".` : `No department named "${department}".`,
      });
  } else if (present('department', 'departmentname')) departmentId = null;
  let positionId: string | null | undefined;
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
  } else if (present('position', 'positiontitle', 'title')) positionId = null;
  // A position implies its department (as hiring and editing do).
  if (positionId && !departmentId) departmentId = lookups.positionDepartment.get(positionId);
  let managerId: string | null | undefined;
  const manager = value('manageremail', 'manager');
  if (manager) {
    const found = lookups.byEmail.get(manager.toLowerCase());
    const current = found && (found.status === 'active' || found.status === 'on_leave');
    // Someone's manager who has since left stays as they are; a new manager must be current.
    if (found && (current || found.id === existing?.managerId)) managerId = found.id;
    else errors.push({ path: 'managerEmail', message: `No current employee with the email "${manager}".` });
  } else if (present('manageremail', 'manager')) managerId = null;
  return { departmentId, positionId, managerId };
}

/** The row's fields as the employee body reads them (undefined: leave as it is). */
function candidateOf(raw: Record<string, string>, refs: ReturnType<typeof references>, existing: Person | undefined) {
  const { value, present } = cells(raw);
  const weeklyHours = value('weeklyhours');
  const amount = value('salary', 'salaryamount');
  const currency = value('currency', 'salarycurrency');
  const remote = value('remote');
  const candidate = {
    firstName: value('firstname'),
    lastName: value('lastname'),
    workEmail: value('workemail', 'email'),
    phone: value('phone') ?? (present('phone') ? null : undefined),
    ...refs,
    employmentType: value('employmenttype')?.toLowerCase().replace(/[\s-]/g, '_'),
    hireDate: value('hiredate'),
    // A new person needs a salary; an existing one keeps theirs when the sheet has none (no pay columns).
    salary:
      amount !== undefined || currency !== undefined || !existing
        ? { amount: amount ?? '', currency: (currency ?? existing?.salaryCurrency ?? '').toUpperCase() }
        : undefined,
    salaryPeriod: value('salaryperiod')?.toLowerCase(),
    weeklyHours: weeklyHours === undefined ? undefined : Number(weeklyHours),
    nationalId: value('nationalid'),
    payoutAccount: value('payoutaccount', 'iban'),
    address: value('address'),
    remote: remote === undefined ? undefined : YES.has(remote.toLowerCase()),
  };
  return Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined));
}

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }): RowError[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(row)', message: issue.message }));

const STATUS_WORDS: Record<string, string> = {
  active: 'active',
  onleave: 'on_leave',
  terminated: 'terminated',
  resigned: 'resigned',
};

/** The status cell, which the import never changes: it must read as the person's status. */
function checkStatus(raw: Record<string, string>, existing: Person | undefined, errors: RowError[]) {
  const cell = cells(raw).value('status');
  if (!cell) return;
  const status = STATUS_WORDS[cell.toLowerCase().replace(/[^a-z]/g, '')] ?? cell;
  const expected = existing?.status ?? 'active';
  if (status === expected) return;
  errors.push({
    path: 'status',
    message: existing
      ? `The import does not change a status (${existing.status}); record leave, a resignation or the end of employment instead.`
      : 'A new employee starts as active; leave Status empty or write active.',
  });
}

const SIMPLE_FIELDS = [
  'firstName',
  'lastName',
  'workEmail',
  'phone',
  'positionId',
  'departmentId',
  'managerId',
  'employmentType',
  'hireDate',
  'salaryPeriod',
  'address',
  'remote',
] as const;

/** What the parsed row changes on the stored person: only the fields that differ. */
async function changesOf(ctx: HrContext, parsed: Partial<EmployeeInput>, e: Person): Promise<Partial<EmployeeInput>> {
  const patch: Record<string, unknown> = {};
  for (const key of SIMPLE_FIELDS) {
    const next = parsed[key];
    if (next !== undefined && (next ?? null) !== (e[key] ?? null)) patch[key] = next;
  }
  if (parsed.weeklyHours !== undefined && parsed.weeklyHours !== Number(e.weeklyHours))
    patch.weeklyHours = parsed.weeklyHours;
  if (parsed.salary && (parsed.salary.minor !== e.salaryAmount || parsed.salary.currency !== e.salaryCurrency))
    patch.salary = parsed.salary;
  const sealed = { nationalId: e.nationalIdEncrypted, payoutAccount: e.payoutAccountEncrypted };
  for (const key of ['nationalId', 'payoutAccount'] as const) {
    const next = parsed[key];
    if (next === undefined) continue;
    const stored = sealed[key] ? await ctx.cipher.decrypt(sealed[key]) : null;
    if ((next ?? null) !== stored) patch[key] = next;
  }
  return patch as Partial<EmployeeInput>;
}

type PlannedRow = ImportRowReport & {
  create?: NewEmployee;
  update?: { id: string; patch: Partial<EmployeeInput> };
};

/**
 * One sheet row planned: which person it is (by employee number when the sheet gives one, else by
 * work email), and what it creates or changes, or why it cannot.
 */
async function planRow(
  ctx: HrContext,
  caller: Caller,
  raw: Record<string, string>,
  row: number,
  lookups: Lookups,
  seen: { emails: Map<string, number>; people: Map<string, number> },
): Promise<PlannedRow> {
  const errors: RowError[] = [];
  const { value } = cells(raw);
  const number = value('number', 'employeenumber');
  const email = value('workemail', 'email')?.toLowerCase();
  let existing: Person | undefined;
  if (number) {
    existing = lookups.byNumber.get(number.toUpperCase());
    if (!existing)
      errors.push({ path: 'number', message: `No employee numbered ${number}; leave Number empty to add a person.` });
  } else if (email) existing = lookups.byEmail.get(email);
  if (existing) {
    const earlier = seen.people.get(existing.id);
    if (earlier) errors.push({ path: 'number', message: `This employee is already in row ${earlier}.` });
    else seen.people.set(existing.id, row);
    const holder = email ? lookups.byEmail.get(email) : undefined;
    if (holder && holder.id !== existing.id)
      errors.push({ path: 'workEmail', message: 'Another employee has this work email.' });
  }
  if (email) {
    const earlier = seen.emails.get(email);
    if (earlier) errors.push({ path: 'workEmail', message: 'This work email appears earlier in the file.' });
    else seen.emails.set(email, row);
  }
  checkStatus(raw, existing, errors);
  const refs = references(raw, lookups, existing, errors);
  const candidate = candidateOf(raw, refs, existing);
  const base = { row, workEmail: email || existing?.workEmail, employeeNumber: existing?.number };
  if (!existing) {
    const parsed = employeeBody.safeParse(candidate);
    if (!parsed.success) errors.push(...issues(parsed.error));
    if (errors.length || !parsed.success) return { ...base, status: 'invalid', errors };
    return {
      ...base,
      status: 'valid',
      create: { ...parsed.data, createLogin: YES.has((value('createlogin') ?? '').toLowerCase()) },
    };
  }
  const parsed = z.partial(employeeBody).safeParse(candidate);
  if (!parsed.success) errors.push(...issues(parsed.error));
  if (errors.length || !parsed.success) return { ...base, status: 'invalid', errors };
  const patch = await changesOf(ctx, parsed.data, existing);
  const changes = Object.keys(patch);
  if (!changes.length) return { ...base, status: 'unchanged' };
  if (!hasPermission(caller, 'hr.employees.manage'))
    return {
      ...base,
      status: 'invalid',
      changes,
      errors: [{ path: '(row)', message: 'Changing an existing employee needs the permission to edit employees.' }],
    };
  return { ...base, status: 'valid', changes, update: { id: existing.id, patch } };
}

/**
 * Imports employees from a CSV or XLSX sheet with a report per row. A row is a new person, or an
 * existing one (matched by employee number when the sheet has one, else by work email): a row that
 * reads as the stored person is `unchanged` and writes nothing; one that differs is an edit, made
 * by `updateEmployee` as the edit screen makes it (every rule, history, audit and event).
 * All-or-nothing (the default): any invalid row rejects the file and nothing is written. Partial:
 * valid rows are written and invalid rows listed. `dryRun` only validates.
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
    ctx.db.select().from(employees),
  ]);
  const group = <T>(items: T[], key: (t: T) => string) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
    return map;
  };
  const lookups: Lookups = {
    departments: new Map([...group(deptRows, (d) => d.name.toLowerCase())].map(([k, v]) => [k, v.map((d) => d.id)])),
    positions: group(positionRows, (p) => p.title.toLowerCase()),
    positionDepartment: new Map(positionRows.map((p) => [p.id, p.departmentId])),
    byEmail: new Map(people.map((p) => [p.workEmail.toLowerCase(), p])),
    byNumber: new Map(people.map((p) => [p.number.toUpperCase(), p])),
  };
  const seen = { emails: new Map<string, number>(), people: new Map<string, number>() };
  const rows: PlannedRow[] = [];
  for (const [i, raw] of rawRows.entries()) rows.push(await planRow(ctx, caller, raw, i + 2, lookups, seen));
  const report = (): ImportReport => ({
    mode: options.mode,
    dryRun: options.dryRun,
    total: rows.length,
    valid: rows.filter((r) => r.status !== 'invalid').length,
    invalid: rows.filter((r) => r.status === 'invalid').length,
    created: rows.filter((r) => r.status === 'created').length,
    updated: rows.filter((r) => r.status === 'updated').length,
    unchanged: rows.filter((r) => r.status === 'unchanged').length,
    rows: rows.map(({ create: _create, update: _update, ...r }) => r),
  });
  // One path for the check and both modes: every row goes through the real hiring or the real edit
  // (every rule they apply, the salary band and reporting cycles included), each in its own
  // savepoint so a refused row undoes only itself. A dry run, or an all-or-nothing file with a
  // refused row, then rolls the whole file back.
  const rollback = new RollBack();
  try {
    await inTransaction(ctx.db, async () => {
      for (const r of rows) {
        if (r.status !== 'valid') continue;
        try {
          if (r.create) {
            const input = r.create;
            const created = await inTransaction(ctx.db, () => createEmployee(ctx, caller, input));
            r.status = 'created';
            r.employeeNumber = created.number;
          } else if (r.update) {
            const { id, patch } = r.update;
            await inTransaction(ctx.db, () => updateEmployee(ctx, caller, id, patch));
            r.status = 'updated';
          }
        } catch (err) {
          const problem = toProblemError(err);
          if (!problem) throw err;
          r.status = 'invalid';
          r.errors = problem.extra.errors ?? [{ path: '(row)', message: problem.detail }];
        }
      }
      const refused = rows.some((r) => r.status === 'invalid');
      if (options.dryRun || (refused && options.mode === 'all-or-nothing')) throw rollback;
    });
  } catch (err) {
    if (err !== rollback) throw err;
    // Nothing was written: rows that went through are only valid.
    for (const r of rows) {
      if (r.status === 'created') {
        r.status = 'valid';
        r.employeeNumber = undefined;
      } else if (r.status === 'updated') r.status = 'valid';
    }
  }
  const invalid = rows.filter((r) => r.status === 'invalid').length;
  if (!options.dryRun && invalid && options.mode === 'all-or-nothing') {
    throw new ProblemError(422, `${invalid} of ${rows.length} rows are invalid; nothing was imported.`, {
      report: report(),
    });
  }
  return report();
}

/** Thrown to roll back the import's transaction on purpose (a dry run, or a refused file). */
class RollBack extends Error {}
