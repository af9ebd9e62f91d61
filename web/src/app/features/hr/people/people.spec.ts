import '../../../../testing';
import { describe, expect, it } from 'vitest';
import { pickerSearch } from '../person-picker';
import {
  DEFAULT_LIST_STATE,
  type Department,
  departmentTree,
  descendantIds,
  type EmployeeFormValue,
  expandableIds,
  exportQuery,
  filterOrgTree,
  historyDetails,
  type ImportReport,
  importFileError,
  importQuery,
  importSummary,
  inBand,
  listQuery,
  type OrgNode,
  paramsToState,
  reportFromProblem,
  rowMessages,
  stateToParams,
  toEmployeeBody,
  toSortParam,
} from './people';

const dept = (id: string, name: string, parentId: string | null = null): Department => ({
  id,
  name,
  parentId,
  costCentre: 'CC-1',
  managerId: null,
  managerName: null,
  headcount: 0,
  createdAt: '2026-01-05T08:00:00.000Z',
  updatedAt: '2026-01-05T08:00:00.000Z',
});

describe('employee list state → API query', () => {
  it('maps mat-sort to the sort parameter', () => {
    expect(toSortParam('name', 'asc')).toBe('name');
    expect(toSortParam('hireDate', 'desc')).toBe('-hireDate');
    expect(toSortParam('number', '')).toBeUndefined();
    expect(toSortParam('department', 'asc')).toBeUndefined();
  });

  it('sends filters, sort and the page as limit/offset, and leaves empty filters out', () => {
    const q = listQuery({
      ...DEFAULT_LIST_STATE,
      search: '  ana ',
      status: 'active',
      sortActive: 'number',
      sortDirection: 'desc',
      pageIndex: 2,
      pageSize: 50,
    });
    expect(q).toEqual({
      search: 'ana',
      departmentId: undefined,
      status: 'active',
      employmentType: undefined,
      sort: '-number',
      limit: 50,
      offset: 100,
    });
  });

  it('exports with the same filters and the format, without sort or page', () => {
    expect(exportQuery({ ...DEFAULT_LIST_STATE, departmentId: 'd1' }, 'csv')).toEqual({
      search: undefined,
      departmentId: 'd1',
      status: undefined,
      employmentType: undefined,
      format: 'csv',
    });
  });

  it('round-trips through URL params, dropping defaults and ignoring junk', () => {
    const state = {
      ...DEFAULT_LIST_STATE,
      search: 'x',
      status: 'on_leave',
      sortActive: 'hireDate',
      sortDirection: 'desc' as const,
      pageIndex: 1,
    };
    const params = stateToParams(state);
    expect(params).toMatchObject({
      q: 'x',
      status: 'on_leave',
      sort: '-hireDate',
      page: '2',
      size: null,
      department: null,
    });
    const back = paramsToState(
      Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null)) as Record<string, string>,
    );
    expect(back).toEqual(state);
    expect(paramsToState({ status: 'bogus', sort: 'salary', page: '-3', size: '7' })).toEqual(DEFAULT_LIST_STATE);
  });
});

describe('department tree', () => {
  it('orders parents before their children by name, with depth', () => {
    const rows = departmentTree([
      dept('c', 'Sales'),
      dept('a2', 'Payroll', 'a'),
      dept('a', 'Finance'),
      dept('a1', 'Accounts', 'a'),
      dept('x', 'Orphan', 'missing'),
    ]);
    expect(rows.map((r) => `${r.depth}:${r.department.name}`)).toEqual([
      '0:Finance',
      '1:Accounts',
      '1:Payroll',
      '0:Orphan',
      '0:Sales',
    ]);
  });

  it('survives a parent cycle', () => {
    const rows = departmentTree([dept('a', 'A', 'b'), dept('b', 'B', 'a')]);
    expect(rows).toHaveLength(2);
  });

  it('knows the descendants a department may not be moved under', () => {
    const all = [dept('a', 'A'), dept('b', 'B', 'a'), dept('c', 'C', 'b'), dept('d', 'D')];
    expect([...descendantIds(all, 'a')].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('org chart', () => {
  const tree: OrgNode[] = [
    {
      id: 'ceo',
      fullName: 'Ada Boss',
      positionTitle: 'CEO',
      departmentName: 'Board',
      reports: [
        { id: 'e1', fullName: 'Ben Dev', positionTitle: 'Engineer', departmentName: 'IT', reports: [] },
        {
          id: 'm1',
          fullName: 'Cleo Lead',
          positionTitle: 'Lead',
          departmentName: 'Sales',
          reports: [{ id: 'e2', fullName: 'Dan Sell', positionTitle: 'Rep', departmentName: 'Sales', reports: [] }],
        },
      ],
    },
  ];

  it('lists the nodes that can expand', () => {
    expect(expandableIds(tree)).toEqual(['ceo', 'm1']);
  });

  it('filters to matches and keeps their managers', () => {
    const out = filterOrgTree(tree, 'dan');
    expect(out[0]?.id).toBe('ceo');
    expect(out[0]?.reports.map((r) => r.id)).toEqual(['m1']);
    expect(out[0]?.reports[0]?.reports.map((r) => r.id)).toEqual(['e2']);
    expect(filterOrgTree(tree, '  ')).toBe(tree);
    expect(filterOrgTree(tree, 'nobody')).toEqual([]);
  });
});

describe('import', () => {
  const report = (over: Partial<ImportReport>): ImportReport => ({
    mode: 'all-or-nothing',
    dryRun: false,
    total: 3,
    valid: 3,
    invalid: 0,
    created: 3,
    updated: 0,
    unchanged: 0,
    rows: [],
    ...over,
  });

  it('maps the chosen mode to the route query', () => {
    expect(importQuery('all-or-nothing')).toEqual({ mode: 'all-or-nothing', dryRun: 'false' });
    expect(importQuery('partial')).toEqual({ mode: 'partial', dryRun: 'false' });
    expect(importQuery('dry-run')).toEqual({ mode: 'all-or-nothing', dryRun: 'true' });
  });

  it('accepts only non-empty CSV or XLSX files', () => {
    expect(importFileError(null)).toBe('Choose a CSV or XLSX file.');
    expect(importFileError({ name: 'people.pdf', size: 10 })).toBe('Choose a .csv or .xlsx file.');
    expect(importFileError({ name: 'people.XLSX', size: 0 })).toBe('The file is empty.');
    expect(importFileError({ name: 'people.csv', size: 10 })).toBeUndefined();
  });

  it('sums a report up in one sentence', () => {
    expect(importSummary(report({}))).toBe('Imported: 3 created.');
    expect(importSummary(report({ created: 2, valid: 2, invalid: 1, mode: 'partial' }))).toBe(
      'Imported: 2 created; 1 row of 3 invalid and skipped.',
    );
    expect(importSummary(report({ created: 0, valid: 2, invalid: 1 }))).toBe(
      '1 row of 3 invalid; nothing was imported.',
    );
    expect(importSummary(report({ created: 1, updated: 1, unchanged: 1 }))).toBe(
      'Imported: 1 created, 1 updated, 1 unchanged.',
    );
    expect(importSummary(report({ created: 0, unchanged: 3 }))).toBe('All 3 rows unchanged; nothing to write.');
    expect(
      importSummary(
        report({
          dryRun: true,
          created: 0,
          unchanged: 1,
          rows: [
            { row: 2, status: 'valid' },
            { row: 3, status: 'valid', changes: ['phone'] },
            { row: 4, status: 'unchanged' },
          ],
        }),
      ),
    ).toBe('Dry run: all 3 rows are valid (1 new, 1 to change, 1 unchanged). Nothing was written.');
    expect(
      importSummary(report({ dryRun: true, created: 0, valid: 1, invalid: 2, rows: [{ row: 2, status: 'valid' }] })),
    ).toBe('Dry run: 1 row valid (1 new), 2 rows invalid of 3. Nothing was written.');
  });

  it('reads the report from a 422 problem and words each row', () => {
    const r = report({ invalid: 1 });
    expect(reportFromProblem({ title: 'x', status: 422, report: r })).toBe(r);
    expect(reportFromProblem({ title: 'x', status: 422 })).toBeUndefined();
    expect(
      rowMessages({
        row: 2,
        status: 'invalid',
        errors: [
          { path: 'workEmail', message: 'Taken.' },
          { path: 'lastName', message: 'Invalid input: expected string, received undefined' },
          { path: '(row)', message: 'Bad.' },
        ],
      }),
    ).toBe('Work email: Taken. · Last name: Required. · Bad.');
    expect(rowMessages({ row: 3, status: 'created', employeeNumber: 'EMP-00042' })).toBe('Created as EMP-00042.');
    expect(
      rowMessages({ row: 4, status: 'updated', employeeNumber: 'EMP-00007', changes: ['phone', 'managerId'] }),
    ).toBe('Updated EMP-00007: Phone, Manager email.');
    expect(rowMessages({ row: 5, status: 'unchanged', employeeNumber: 'EMP-00008' })).toBe('EMP-00008 unchanged.');
    expect(rowMessages({ row: 6, status: 'valid', employeeNumber: 'EMP-00009', changes: ['salary'] })).toBe(
      'Valid; would change Salary of EMP-00009.',
    );
    expect(rowMessages({ row: 7, status: 'invalid', errors: [{ path: 'managerId', message: 'A cycle.' }] })).toBe(
      'Manager email: A cycle.',
    );
  });
});

describe('employee form → body', () => {
  const value: EmployeeFormValue = {
    firstName: ' Ana ',
    lastName: 'Diaz',
    workEmail: 'ana@x.test',
    phone: '',
    departmentId: 'd1',
    positionId: '',
    managerId: '',
    employmentType: 'full_time',
    hireDate: '2026-03-01',
    salary: { amount: '12,500.50', currency: 'egp' },
    salaryPeriod: 'monthly',
    weeklyHours: '40',
    nationalId: '',
    payoutAccount: ' EG12 3456 ',
    address: '',
    remote: true,
    emergencyContact: { name: '', phone: '', relation: '' },
    createLogin: true,
  };

  it('builds a create body without empty optional fields', () => {
    expect(toEmployeeBody(value, { mode: 'create', withPay: true })).toEqual({
      firstName: 'Ana',
      lastName: 'Diaz',
      workEmail: 'ana@x.test',
      departmentId: 'd1',
      employmentType: 'full_time',
      hireDate: '2026-03-01',
      remote: true,
      weeklyHours: 40,
      salary: { amount: '12500.50', currency: 'EGP' },
      salaryPeriod: 'monthly',
      payoutAccount: 'EG12 3456',
      createLogin: true,
    });
  });

  it('clears emptied fields on edit, and sends pay only when shown', () => {
    const body = toEmployeeBody(
      { ...value, emergencyContact: { name: 'Sam', phone: '0100', relation: '' } },
      { mode: 'edit', withPay: false },
    );
    expect(body).toMatchObject({ phone: null, positionId: null, managerId: null, address: null });
    expect(body.emergencyContact).toEqual({ name: 'Sam', phone: '0100' });
    expect(body).not.toHaveProperty('salary');
    expect(body).not.toHaveProperty('createLogin');
  });

  it('checks a salary against the position band', () => {
    const position = {
      id: 'p',
      title: 'Engineer',
      departmentId: 'd',
      grade: 'G3',
      salaryMin: { amount: '10000.00', currency: 'EGP' },
      salaryMax: { amount: '20000.00', currency: 'EGP' },
    };
    expect(inBand({ amount: '15000', currency: 'EGP' }, position)).toBe(true);
    expect(inBand({ amount: '25000', currency: 'EGP' }, position)).toBe(false);
    expect(inBand({ amount: '15000', currency: 'USD' }, position)).toBe(false);
    expect(inBand({ amount: '', currency: 'EGP' }, position)).toBeUndefined();
  });

  it("checks the band to the last digit: a dinar's third decimal, the fifteenth digit", () => {
    const band = (min: string, max: string, currency = 'KWD') => ({
      id: 'p',
      title: 'Engineer',
      departmentId: 'd',
      grade: 'G3',
      salaryMin: { amount: min, currency },
      salaryMax: { amount: max, currency },
    });
    expect(inBand({ amount: '1000.125', currency: 'KWD' }, band('1000.125', '2000.000'))).toBe(true);
    expect(inBand({ amount: '1000.124', currency: 'KWD' }, band('1000.125', '2000.000'))).toBe(false);
    // As floats all three are 1e15.
    expect(inBand({ amount: '999999999999999.999', currency: 'EGP' }, band('1.00', '999999999999999.998', 'EGP'))).toBe(
      false,
    );
  });
});

describe('history in words', () => {
  it('names moves, pay changes, managers and reasons', () => {
    const names = { department: (id: string) => (id === 'd1' ? 'Sales' : undefined), position: () => 'Rep' };
    expect(historyDetails({ moved: { positionId: 'p', departmentId: 'd1' }, salaryChanged: true }, names)).toBe(
      'Moved to Rep in Sales. Pay changed.',
    );
    expect(historyDetails({ managerId: null })).toBe('No manager any more.');
    expect(historyDetails({ reason: 'Left for studies' })).toBe('Reason: Left for studies');
    expect(historyDetails(null)).toBe('');
  });
});

describe('people picker', () => {
  it('searches the server for what was typed, and not for a person already chosen', () => {
    expect(pickerSearch('  Nour ')).toBe('Nour');
    expect(pickerSearch('   ')).toBeUndefined();
    expect(pickerSearch({ id: 'x', fullName: 'Nour Hassan', number: 'EMP-1', departmentName: null })).toBeUndefined();
  });
});
