import type { Query } from '../../../core/api';
import type { HrAnswer, HrSchemas } from '../../../core/api-types';
import { AMOUNT, compareAmounts, normaliseAmount } from '../../../core/money';

/** Types and pure helpers of the HR people screens (kept free of Angular so they unit-test in Node). */

export type Employee = HrSchemas['Employee'];
export type EmployeeStatus = Employee['status'];
export type EmploymentType = NonNullable<Employee['employmentType']>;
export type SalaryPeriod = NonNullable<Employee['salaryPeriod']>;
export type Money = HrSchemas['Money'];
export type EmergencyContact = NonNullable<Employee['emergencyContact']>;
export type EmployeePage = HrAnswer<'/api/hr/employees'>;
export type Department = HrSchemas['Department'];
export type Position = HrSchemas['Position'];
export type HistoryEntry = HrAnswer<'/api/hr/employees/{id}/history'>['items'][number];
export type OrgNode = HrSchemas['OrgNode'];
export type ImportReport = HrSchemas['EmployeeImportReport'];
export type ImportRow = ImportReport['rows'][number];

export const STATUSES: { value: EmployeeStatus; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'on_leave', label: 'On leave' },
  { value: 'resigned', label: 'Resigned' },
  { value: 'terminated', label: 'Terminated' },
];

export const EMPLOYMENT_TYPES: { value: EmploymentType; label: string }[] = [
  { value: 'full_time', label: 'Full time' },
  { value: 'part_time', label: 'Part time' },
  { value: 'contract', label: 'Contract' },
  { value: 'intern', label: 'Intern' },
];

export const SALARY_PERIODS: { value: SalaryPeriod; label: string }[] = [
  { value: 'monthly', label: 'Monthly' },
  { value: 'yearly', label: 'Yearly' },
  { value: 'hourly', label: 'Hourly' },
];

const labelOf = (list: { value: string; label: string }[], value: string | null | undefined) =>
  list.find((x) => x.value === value)?.label ?? value ?? '';
export const statusLabel = (s: string | null | undefined) => labelOf(STATUSES, s);
export const employmentTypeLabel = (s: string | null | undefined) => labelOf(EMPLOYMENT_TYPES, s);
export const salaryPeriodLabel = (s: string | null | undefined) => labelOf(SALARY_PERIODS, s);

// ---------- the employee list: UI state ↔ API query ----------

/** The columns the API can sort by, and their sort parameter. */
export const SORTABLE: Record<string, string> = { name: 'name', number: 'number', hireDate: 'hireDate' };

export interface ListFilters {
  search: string;
  departmentId: string;
  status: string;
  employmentType: string;
}

export interface ListState extends ListFilters {
  sortActive: string;
  sortDirection: 'asc' | 'desc' | '';
  pageIndex: number;
  pageSize: number;
}

export const DEFAULT_LIST_STATE: ListState = {
  search: '',
  departmentId: '',
  status: '',
  employmentType: '',
  sortActive: 'name',
  sortDirection: 'asc',
  pageIndex: 0,
  pageSize: 25,
};

/** mat-sort's column and direction → the API's `sort` (`name`, `-hireDate`); undefined when unsorted or unknown. */
export function toSortParam(active: string, direction: 'asc' | 'desc' | ''): string | undefined {
  const key = SORTABLE[active];
  if (!key || !direction) return undefined;
  return direction === 'desc' ? `-${key}` : key;
}

/** The filters only (what both the list and the export send). */
export function filterQuery(state: ListFilters): Query {
  return {
    search: state.search.trim().slice(0, 100) || undefined,
    departmentId: state.departmentId || undefined,
    status: state.status || undefined,
    employmentType: state.employmentType || undefined,
  };
}

/** The list's query: filters, sort and the page as limit/offset. */
export function listQuery(state: ListState): Query {
  return {
    ...filterQuery(state),
    sort: toSortParam(state.sortActive, state.sortDirection),
    limit: state.pageSize,
    offset: state.pageIndex * state.pageSize,
  };
}

/** The export's query: the same filters plus the format (the export takes neither sort nor page). */
export function exportQuery(state: ListFilters, format: 'csv' | 'xlsx'): Query {
  return { ...filterQuery(state), format };
}

/** The URL query params that keep the list's state across reloads and back navigation. */
export function stateToParams(state: ListState): Record<string, string | null> {
  const d = DEFAULT_LIST_STATE;
  const sort = toSortParam(state.sortActive, state.sortDirection);
  return {
    q: state.search || null,
    department: state.departmentId || null,
    status: state.status || null,
    type: state.employmentType || null,
    sort: sort && sort !== toSortParam(d.sortActive, d.sortDirection) ? sort : null,
    page: state.pageIndex ? String(state.pageIndex + 1) : null,
    size: state.pageSize !== d.pageSize ? String(state.pageSize) : null,
  };
}

export function paramsToState(params: Record<string, string | undefined>): ListState {
  const sort = params.sort ?? '';
  const key = sort.replace(/^-/, '');
  const validSort = Object.values(SORTABLE).includes(key);
  const page = Number(params.page);
  const size = Number(params.size);
  const statuses = STATUSES.map((s) => s.value as string);
  const types = EMPLOYMENT_TYPES.map((s) => s.value as string);
  return {
    search: params.q ?? '',
    departmentId: params.department ?? '',
    status: statuses.includes(params.status ?? '') ? (params.status as string) : '',
    employmentType: types.includes(params.type ?? '') ? (params.type as string) : '',
    sortActive: validSort ? key : DEFAULT_LIST_STATE.sortActive,
    sortDirection: validSort ? (sort.startsWith('-') ? 'desc' : 'asc') : DEFAULT_LIST_STATE.sortDirection,
    pageIndex: Number.isInteger(page) && page > 1 ? page - 1 : 0,
    pageSize: [10, 25, 50, 100].includes(size) ? size : DEFAULT_LIST_STATE.pageSize,
  };
}

// ---------- departments ----------

export interface DepartmentRow {
  department: Department;
  depth: number;
}

/**
 * Departments in tree order (each parent followed by its children, by name) with their depth, for
 * an indented table. Departments whose parent is missing are roots; a cycle never loops forever.
 */
export function departmentTree(departments: Department[]): DepartmentRow[] {
  const ids = new Set(departments.map((d) => d.id));
  const children = new Map<string | null, Department[]>();
  for (const d of departments) {
    const parent = d.parentId && ids.has(d.parentId) && d.parentId !== d.id ? d.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const out: DepartmentRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const d of children.get(parent) ?? []) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      out.push({ department: d, depth });
      walk(d.id, depth + 1);
    }
  };
  walk(null, 0);
  // Members of a parent cycle are nobody's descendants from a root: list them at the top level.
  for (const d of departments)
    if (!seen.has(d.id)) {
      seen.add(d.id);
      out.push({ department: d, depth: 0 });
      walk(d.id, 1);
    }
  return out;
}

/** The ids of a department and everything below it (a department cannot become its own descendant's child). */
export function descendantIds(departments: Department[], id: string): Set<string> {
  const out = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of departments)
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
  }
  return out;
}

// ---------- org chart ----------

/** Every node id with reports (to expand all), and the count of people in a tree. */
export function expandableIds(nodes: OrgNode[]): string[] {
  const out: string[] = [];
  const walk = (list: OrgNode[]) => {
    for (const n of list) {
      if (n.reports.length) {
        out.push(n.id);
        walk(n.reports);
      }
    }
  };
  walk(nodes);
  return out;
}

export function countPeople(nodes: OrgNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countPeople(n.reports), 0);
}

/**
 * The tree cut down to people whose name, position or department matches `term`, keeping the chain of
 * managers above each match (so it stays a tree). An empty term keeps everything.
 */
export function filterOrgTree(nodes: OrgNode[], term: string): OrgNode[] {
  const t = term.trim().toLowerCase();
  if (!t) return nodes;
  const matches = (n: OrgNode) =>
    [n.fullName, n.positionTitle, n.departmentName].some((v) => v?.toLowerCase().includes(t));
  const out: OrgNode[] = [];
  for (const n of nodes) {
    const reports = filterOrgTree(n.reports, t);
    if (matches(n) || reports.length) out.push({ ...n, reports: matches(n) ? n.reports : reports });
  }
  return out;
}

// ---------- import ----------

export type ImportMode = 'all-or-nothing' | 'partial' | 'dry-run';

/** The import route's query for a mode chosen in the form. */
export function importQuery(mode: ImportMode): Query {
  return mode === 'dry-run' ? { mode: 'all-or-nothing', dryRun: 'true' } : { mode, dryRun: 'false' };
}

/** A spreadsheet the import accepts (by name, as the server decides). */
export function importFileError(file: File | { name: string; size: number } | null | undefined): string | undefined {
  if (!file) return 'Choose a CSV or XLSX file.';
  const name = file.name.toLowerCase();
  if (!name.endsWith('.csv') && !name.endsWith('.xlsx')) return 'Choose a .csv or .xlsx file.';
  if (file.size === 0) return 'The file is empty.';
  return undefined;
}

/** One sentence that sums up an import report. */
export function importSummary(report: ImportReport): string {
  const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  const counts = (parts: [number, string][]) =>
    parts
      .filter(([n]) => n > 0)
      .map(([n, word]) => `${n} ${word}`)
      .join(', ');
  const unchanged = report.unchanged;
  if (report.dryRun) {
    const valid = report.rows.filter((r) => r.status === 'valid');
    const what = counts([
      [valid.filter((r) => !r.changes).length, 'new'],
      [valid.filter((r) => r.changes).length, 'to change'],
      [unchanged, 'unchanged'],
    ]);
    const detail = what ? ` (${what})` : '';
    return report.invalid
      ? `Dry run: ${rows(report.valid)} valid${detail}, ${rows(report.invalid)} invalid of ${report.total}. Nothing was written.`
      : `Dry run: all ${rows(report.total)} are valid${detail}. Nothing was written.`;
  }
  const written = report.created + report.updated;
  if (written === 0 && report.invalid) {
    return `${rows(report.invalid)} of ${report.total} invalid; nothing was imported.`;
  }
  if (written === 0) return `All ${rows(report.total)} unchanged; nothing to write.`;
  const done = counts([
    [report.created, 'created'],
    [report.updated, 'updated'],
    [unchanged, 'unchanged'],
  ]);
  return report.invalid
    ? `Imported: ${done}; ${rows(report.invalid)} of ${report.total} invalid and skipped.`
    : `Imported: ${done}.`;
}

/** The report inside a 422 answer of an all-or-nothing import (`report` extension), if any. */
export function reportFromProblem(problem: unknown): ImportReport | undefined {
  const report = (problem as { report?: unknown } | null)?.report as ImportReport | undefined;
  return report && Array.isArray(report.rows) ? report : undefined;
}

const COLUMN_NAMES: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  workEmail: 'Work email',
  phone: 'Phone',
  department: 'Department',
  position: 'Position',
  managerEmail: 'Manager email',
  employmentType: 'Employment type',
  hireDate: 'Hire date',
  salary: 'Salary',
  'salary.amount': 'Salary',
  'salary.currency': 'Currency',
  salaryPeriod: 'Salary period',
  weeklyHours: 'Weekly hours',
  nationalId: 'National id',
  payoutAccount: 'Payout account',
  address: 'Address',
  remote: 'Remote',
  number: 'Number',
  status: 'Status',
  departmentId: 'Department',
  positionId: 'Position',
  managerId: 'Manager email',
};

const columnName = (path: string) => COLUMN_NAMES[path] ?? path;

/** A row's messages in the spreadsheet's words (column headers, not API field names). */
export function rowMessages(row: ImportRow): string {
  if (row.errors?.length)
    return row.errors
      .map((e) => {
        const message = /received undefined/i.test(e.message) ? 'Required.' : e.message;
        return e.path && e.path !== '(row)' ? `${columnName(e.path)}: ${message}` : message;
      })
      .join(' · ');
  const changes = (row.changes ?? []).map(columnName).join(', ');
  if (row.status === 'created') return row.employeeNumber ? `Created as ${row.employeeNumber}.` : 'Created.';
  if (row.status === 'updated') return `Updated ${row.employeeNumber ?? ''}: ${changes}.`.replace(' :', ':');
  if (row.status === 'unchanged') return row.employeeNumber ? `${row.employeeNumber} unchanged.` : 'Unchanged.';
  if (changes) return `Valid; would change ${changes} of ${row.employeeNumber ?? 'this employee'}.`;
  return 'Valid; a new employee.';
}

// ---------- history ----------

const HISTORY_KINDS: Record<string, string> = {
  hired: 'Hired',
  updated: 'Updated',
  terminated: 'Terminated',
  resigned: 'Resigned',
};

export function historyKindLabel(kind: string): string {
  return HISTORY_KINDS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1).replace(/_/g, ' ');
}

/** A history entry's details in words (ids stay ids: the screen resolves names it knows). */
export function historyDetails(
  details: unknown,
  names: {
    department?: (id: string) => string | undefined;
    position?: (id: string) => string | undefined;
    employee?: (id: string) => string | undefined;
  } = {},
): string {
  if (!details || typeof details !== 'object') return '';
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  const place = (v: Record<string, unknown>) => {
    const pos = typeof v.positionId === 'string' ? (names.position?.(v.positionId) ?? 'a position') : undefined;
    const dep = typeof v.departmentId === 'string' ? (names.department?.(v.departmentId) ?? 'a department') : undefined;
    return [pos, dep].filter(Boolean).join(' in ');
  };
  if (d.moved && typeof d.moved === 'object') {
    const where = place(d.moved as Record<string, unknown>);
    parts.push(where ? `Moved to ${where}.` : 'Moved.');
  } else if ('positionId' in d || 'departmentId' in d) {
    const where = place(d);
    if (where) parts.push(`As ${where}.`);
  }
  if (d.salaryChanged) parts.push('Pay changed.');
  if ('managerId' in d)
    parts.push(
      typeof d.managerId === 'string'
        ? `New manager: ${names.employee?.(d.managerId) ?? 'someone else'}.`
        : 'No manager any more.',
    );
  if (typeof d.reason === 'string') parts.push(`Reason: ${d.reason}`);
  return parts.join(' ');
}

// ---------- the employee form ----------

export interface EmployeeFormValue {
  firstName: string;
  lastName: string;
  workEmail: string;
  phone: string;
  departmentId: string;
  positionId: string;
  managerId: string;
  employmentType: string;
  hireDate: string;
  salary: { amount: string; currency: string };
  salaryPeriod: string;
  weeklyHours: string | number | null;
  nationalId: string;
  payoutAccount: string;
  address: string;
  remote: boolean;
  emergencyContact: { name: string; phone: string; relation: string };
  createLogin: boolean;
}

/**
 * The create (POST) or update (PATCH) body from the form. Empty optional fields are left out on
 * create and cleared (null) on update; national id and payout account are write-only (masked when
 * read), so they are sent only when typed; pay only when the form shows it.
 */
export function toEmployeeBody(
  v: EmployeeFormValue,
  opts: { mode: 'create' | 'edit'; withPay: boolean },
): Record<string, unknown> {
  const create = opts.mode === 'create';
  const opt = (s: string) => (s.trim() ? s.trim() : create ? undefined : null);
  const body: Record<string, unknown> = {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    workEmail: v.workEmail.trim(),
    phone: opt(v.phone),
    departmentId: opt(v.departmentId),
    positionId: opt(v.positionId),
    managerId: opt(v.managerId),
    employmentType: v.employmentType || undefined,
    hireDate: v.hireDate,
    address: opt(v.address),
    remote: v.remote,
  };
  const hours = v.weeklyHours === null || v.weeklyHours === '' ? undefined : Number(v.weeklyHours);
  if (hours !== undefined && Number.isFinite(hours)) body.weeklyHours = hours;
  const ec = v.emergencyContact;
  if (ec.name.trim() || ec.phone.trim()) {
    body.emergencyContact = {
      name: ec.name.trim(),
      phone: ec.phone.trim(),
      ...(ec.relation.trim() ? { relation: ec.relation.trim() } : {}),
    };
  } else if (!create) body.emergencyContact = null;
  if (opts.withPay) {
    body.salary = { amount: normaliseAmount(v.salary.amount), currency: v.salary.currency.trim().toUpperCase() };
    if (v.salaryPeriod) body.salaryPeriod = v.salaryPeriod;
  }
  if (v.nationalId.trim()) body.nationalId = v.nationalId.trim();
  if (v.payoutAccount.trim()) body.payoutAccount = v.payoutAccount.trim();
  if (create && v.createLogin) body.createLogin = true;
  return Object.fromEntries(Object.entries(body).filter(([, x]) => x !== undefined));
}

/** The form's value for an employee being edited (masked values are not copied: they are write-only). */
export function toFormValue(e: Employee): Partial<EmployeeFormValue> {
  return {
    firstName: e.firstName,
    lastName: e.lastName,
    workEmail: e.workEmail,
    phone: e.phone ?? '',
    departmentId: e.departmentId ?? '',
    positionId: e.positionId ?? '',
    managerId: e.managerId ?? '',
    employmentType: e.employmentType ?? '',
    hireDate: e.hireDate ?? '',
    salary: { amount: e.salary?.amount ?? '', currency: e.salary?.currency ?? '' },
    salaryPeriod: e.salaryPeriod ?? '',
    weeklyHours: e.weeklyHours ?? null,
    address: e.address ?? '',
    remote: e.remote ?? false,
    emergencyContact: {
      name: e.emergencyContact?.name ?? '',
      phone: e.emergencyContact?.phone ?? '',
      relation: e.emergencyContact?.relation ?? '',
    },
  };
}

/** Whether a salary lies in a position's band (same currency, min ≤ amount ≤ max); undefined when unknown. */
export function inBand(
  salary: Money,
  position: Pick<Position, 'salaryMin' | 'salaryMax'> | undefined,
): boolean | undefined {
  if (!position || !salary.amount || !AMOUNT.test(salary.amount)) return undefined;
  if (salary.currency && salary.currency !== position.salaryMin.currency) return false;
  return (
    compareAmounts(salary.amount, position.salaryMin.amount) >= 0 &&
    compareAmounts(salary.amount, position.salaryMax.amount) <= 0
  );
}
