import { attendanceRecords, auditLog, employeeHistory, employees, leaveRequests } from '@konecta/db';
import { asc, count, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, expectJson, type Harness, newHire, positionId, requester, tokenAs } from './helpers';

let h: Harness;
let hr: string;

beforeAll(async () => {
  h = await createHarness({ seed: true });
  hr = await tokenAs(h.keys, 'HR Admin');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const headcount = async () => (await h.db.db.select({ n: count() }).from(employees))[0]?.n ?? 0;

function upload(file: Blob, name: string, query = '', token = hr) {
  const form = new FormData();
  form.set('file', file, name);
  return h.app.request(`/api/hr/employees/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

const HEADER = 'First name,Last name,Work email,Department,Position,Manager email,Hire date,Salary,Currency';
const csv = (...rows: string[]) => new Blob([[HEADER, ...rows].join('\n')], { type: 'text/csv' });
const good = (n: number) =>
  `Test,Person${n},import.${n}@konecta.local,Engineering,QA Engineer,manager@konecta.local,2026-05-01,20000,EGP`;

describe('export', () => {
  it('exports the employee list as a real XLSX with the right rows, and pay only for those who may see it', async () => {
    const res = await h.app.request('/api/hr/employees/export?format=xlsx&status=active', {
      headers: { authorization: `Bearer ${hr}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="employees-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['Number', 'Work email', 'Department', 'Salary', 'Currency']));
    const [active] = await h.db.db.select({ n: count() }).from(employees).where(eq(employees.status, 'active'));
    expect(sheet.rowCount - 1).toBe(active?.n);

    const staff = await h.app.request('/api/hr/employees/export?format=csv', {
      headers: { authorization: `Bearer ${await tokenAs(h.keys, 'HR Staff')}` },
    });
    expect(staff.status).toBe(200);
    const text = await staff.text();
    expect(text.split('\n')[0]).not.toContain('Salary');
    expect(text).toContain('employee@konecta.local');
    const employee = await h.app.request('/api/hr/employees/export', {
      headers: { authorization: `Bearer ${await tokenAs(h.keys, 'Employee')}` },
    });
    expect(employee.status).toBe(403);
  });

  it('an export can be imported back (dry run): the columns match, and every row is unchanged', async () => {
    const res = await h.app.request('/api/hr/employees/export?format=csv', {
      headers: { authorization: `Bearer ${hr}` },
    });
    const back = await upload(new Blob([await res.arrayBuffer()]), 'employees.csv', '?dryRun=true');
    const report = await expectJson<{ total: number; unchanged: number; invalid: number }>(back);
    expect(report.total).toBe(await headcount());
    expect(report).toMatchObject({ invalid: 0, unchanged: report.total });
  });
});

describe('attendance and leave exports', () => {
  it('exports attendance as XLSX and leave as CSV, with every record in scope', async () => {
    const attendance = await h.app.request('/api/hr/attendance/export?format=xlsx', {
      headers: { authorization: `Bearer ${hr}` },
    });
    expect(attendance.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await attendance.arrayBuffer());
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    const [records] = await h.db.db.select({ n: count() }).from(attendanceRecords);
    expect(sheet.rowCount - 1).toBe(records?.n);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Employee',
      'Date',
      'Status',
      'Check-in (Africa/Cairo)',
      'Check-out (Africa/Cairo)',
      'Hours',
      'Correction reason',
    ]);

    const leave = await h.app.request('/api/hr/leave-requests/export?format=csv', {
      headers: { authorization: `Bearer ${hr}` },
    });
    expect(leave.headers.get('content-type')).toContain('text/csv');
    const lines = (await leave.text()).trim().split('\n');
    const [requests] = await h.db.db.select({ n: count() }).from(leaveRequests);
    expect(lines[0]).toContain('Leave type');
    expect(lines.length - 1).toBe(requests?.n);
    const employee = await tokenAs(h.keys, 'Employee');
    expect(
      (await h.app.request('/api/hr/leave-requests/export', { headers: { authorization: `Bearer ${employee}` } }))
        .status,
    ).toBe(403);
  });
});

describe('import', () => {
  it('all or nothing: one bad row rejects the file with a per-row report, and nothing is written', async () => {
    const before = await headcount();
    const res = await upload(
      csv(good(1), 'Bad,Row,not-an-email,Nowhere,QA Engineer,,2026-13-40,abc,EGP', good(2)),
      'people.csv',
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      detail: string;
      report: { invalid: number; rows: { row: number; status: string; errors?: { path: string }[] }[] };
    };
    expect(body.detail).toMatch(/1 of 3 rows are invalid; nothing was imported/);
    const bad = body.report.rows.find((r) => r.row === 3);
    expect(bad?.status).toBe('invalid');
    expect(bad?.errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['department', 'workEmail', 'hireDate', 'salary.amount']),
    );
    expect(await headcount()).toBe(before);
  });

  it('partial: valid rows are written, invalid ones listed; duplicates in the file are caught', async () => {
    const before = await headcount();
    const res = await upload(csv(good(3), good(3), good(4), 'Only,First,,,,,,,'), 'people.csv', '?mode=partial');
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      created: number;
      invalid: number;
      rows: { status: string; employeeNumber?: string; errors?: { message: string }[] }[];
    };
    expect(report.created).toBe(2);
    expect(report.invalid).toBe(2);
    expect(report.rows[1]?.errors?.[0]?.message).toMatch(/appears earlier in the file/);
    expect(
      report.rows.filter((r) => r.status === 'created').every((r) => /^EMP-\d{5}$/.test(r.employeeNumber ?? '')),
    ).toBe(true);
    expect(await headcount()).toBe(before + 2);
  });

  it('reads salaries exactly, numeric XLSX cells included, and refuses more decimals than the currency has', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('People');
    sheet.addRow(HEADER.split(','));
    const row = (n: number, salary: number | string) => [...good(n).split(',').slice(0, 7), salary, 'EGP'];
    sheet.addRow(row(7, 20000.5));
    sheet.addRow(row(8, 20000.555));
    sheet.addRow(row(9, '34999.99'));
    const res = await upload(new Blob([await wb.xlsx.writeBuffer()]), 'people.xlsx', '?mode=partial');
    expect(res.status).toBe(200);
    const report = (await res.json()) as { rows: { status: string; errors?: { path: string; message: string }[] }[] };
    expect(report.rows.map((r) => r.status)).toEqual(['created', 'invalid', 'created']);
    expect(report.rows[1]?.errors).toEqual([{ path: 'salary.amount', message: 'EGP amounts have 2 decimal places.' }]);
    const salaries = await h.db.db
      .select({ email: employees.workEmail, minor: employees.salaryAmount })
      .from(employees)
      .where(inArray(employees.workEmail, ['import.7@konecta.local', 'import.9@konecta.local']))
      .orderBy(employees.workEmail);
    expect(salaries.map((s) => s.minor)).toEqual([2_000_050n, 3_499_999n]);
  });

  it('reads XLSX too, and refuses other files, empty sheets and callers without the permission', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('People');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(good(5).split(','));
    const xlsx = await upload(new Blob([await wb.xlsx.writeBuffer()]), 'people.xlsx');
    expect(xlsx.status).toBe(200);
    expect(((await xlsx.json()) as { created: number }).created).toBe(1);

    expect((await upload(new Blob(['hello']), 'people.txt')).status).toBe(415);
    expect((await upload(new Blob([HEADER]), 'people.csv')).status).toBe(422);
    expect((await upload(new Blob(['PK\u0003\u0004 not really a zip']), 'broken.xlsx')).status).toBe(422);
    expect((await upload(csv(good(6)), 'people.csv', '', await tokenAs(h.keys, 'Employee'))).status).toBe(403);
    const noFile = await h.app.request('/api/hr/employees/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${hr}` },
      body: new FormData(),
    });
    expect(noFile.status).toBe(422);
  });
});

describe('the check applies every rule the import applies', () => {
  const outOfBand = 'Over,Band,over.band@konecta.local,Engineering,Software Engineer,,2026-05-01,999999,EGP';
  type Report = {
    valid: number;
    invalid: number;
    created: number;
    rows: { status: string; errors?: { path: string; message: string }[] }[];
  };

  it('a salary outside the band is refused by the dry run, all or nothing and partial alike', async () => {
    const before = await headcount();
    const dry = await upload(csv(good(20), outOfBand), 'people.csv', '?dryRun=true');
    const dryReport = await expectJson<Report>(dry);
    expect(dryReport.rows.map((r) => r.status)).toEqual(['valid', 'invalid']);
    expect(dryReport.rows[1]?.errors).toEqual([
      { path: 'salary', message: 'The band of Software Engineer is 25000.00–60000.00 EGP.' },
    ]);
    expect(dryReport.created).toBe(0);

    const whole = await upload(csv(good(20), outOfBand), 'people.csv');
    expect(whole.status).toBe(422);
    const wholeReport = ((await whole.json()) as { report: Report }).report;
    expect(wholeReport.rows.map((r) => r.status)).toEqual(['valid', 'invalid']);
    expect(wholeReport.rows[1]?.errors).toEqual(dryReport.rows[1]?.errors);
    expect(await headcount()).toBe(before);

    const partial = await expectJson<Report>(await upload(csv(good(20), outOfBand), 'people.csv', '?mode=partial'));
    expect(partial.rows.map((r) => r.status)).toEqual(['created', 'invalid']);
    expect(partial.rows[1]?.errors).toEqual(dryReport.rows[1]?.errors);
    expect(await headcount()).toBe(before + 1);
  });

  it('a dry run writes nothing, even for rows that pass', async () => {
    const before = await headcount();
    const report = await expectJson<Report>(await upload(csv(good(21), good(22)), 'people.csv', '?dryRun=true'));
    expect(report).toMatchObject({ valid: 2, invalid: 0, created: 0 });
    expect(await headcount()).toBe(before);
  });
});

/** The file with its Number cells emptied. */
async function withoutNumber(file: ArrayBuffer, format: 'csv' | 'xlsx'): Promise<ArrayBuffer | string> {
  if (format === 'csv') return new TextDecoder().decode(file).replace(/^EMP-\d+,/gm, ',');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  for (let r = 2; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(1).value = null;
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

describe('export then import is lossless', () => {
  it.each(['csv', 'xlsx'] as const)(
    '%s: a phone starting with + comes back without the formula guard',
    async (format) => {
      const api = requester(h.app);
      const hire = newHire({
        phone: '+20 100 555 0199',
        lastName: '=Not a formula',
        positionId: await positionId(h, 'Engineering', 'Software Engineer'),
        salary: { amount: '41000.50', currency: 'EGP' },
      });
      const hired = await expectJson<{ id: string }>(await api.post('/employees', hr, hire), 201);
      const exported = await h.app.request(
        `/api/hr/employees/export?format=${format}&search=${encodeURIComponent(hire.workEmail as string)}`,
        { headers: { authorization: `Bearer ${hr}` } },
      );
      expect(exported.status).toBe(200);
      const file = await exported.arrayBuffer();
      if (format === 'csv') expect(new TextDecoder().decode(file)).toContain("'+20 100 555 0199");
      // The person leaves the database and comes back from the file: everything must read the same.
      await h.db.db.delete(employeeHistory).where(eq(employeeHistory.employeeId, hired.id));
      await h.db.db.delete(employees).where(eq(employees.id, hired.id));
      // Without its number (a number names someone on file), the row is a new person again.
      const numberless = await withoutNumber(file, format);
      const report = await expectJson<{ created: number }>(await upload(new Blob([numberless]), `people.${format}`));
      expect(report.created).toBe(1);
      const [back] = await h.db.db
        .select()
        .from(employees)
        .where(eq(employees.workEmail, hire.workEmail as string));
      expect(back).toMatchObject({
        phone: '+20 100 555 0199',
        firstName: hire.firstName,
        lastName: '=Not a formula',
        hireDate: hire.hireDate,
        salaryAmount: 4_100_050n,
        salaryCurrency: 'EGP',
      });
    },
  );
});

describe('typed cells in XLSX exports', () => {
  const xlsx = async (path: string) => {
    const res = await h.app.request(path, { headers: { authorization: `Bearer ${hr}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    /** The cell under `title` in the row whose `keyTitle` cell reads `key`. */
    const cell = (keyTitle: string, key: string, title: string) => {
      const keyCol = header.indexOf(keyTitle) + 1;
      for (let r = 2; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        const v = row.getCell(keyCol).value;
        const text = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
        if (text === key) return row.getCell(header.indexOf(title) + 1);
      }
      throw new Error(`no row with ${keyTitle} ${key}`);
    };
    return { header, cell };
  };

  it('employees: the hire date is a date cell, the salary a number with the currency beside it', async () => {
    const { header, cell } = await xlsx('/api/hr/employees/export?format=xlsx');
    const [nour] = await h.db.db.select().from(employees).where(eq(employees.workEmail, 'employee@konecta.local'));
    if (!nour) throw new Error('seeded employee');
    const hired = cell('Work email', nour.workEmail, 'Hire date');
    expect(hired.value).toBeInstanceOf(Date);
    expect((hired.value as Date).toISOString().slice(0, 10)).toBe(nour.hireDate);
    expect(hired.numFmt).toBe('yyyy-mm-dd');
    const salary = cell('Work email', nour.workEmail, 'Salary');
    expect(typeof salary.value).toBe('number');
    expect(salary.value).toBe(Number(nour.salaryAmount) / 100);
    expect(salary.numFmt).toBe('#,##0.00');
    expect(cell('Work email', nour.workEmail, 'Currency').value).toBe(nour.salaryCurrency);
    expect(header.indexOf('Currency')).toBe(header.indexOf('Salary') + 1);
  });

  it('attendance: the day is a date, check-in a date-time on Cairo clocks, hours a number', async () => {
    const [record] = await h.db.db
      .select()
      .from(attendanceRecords)
      .where(eq(attendanceRecords.status, 'present'))
      .limit(1);
    if (!record?.checkInAt) throw new Error('seeded attendance');
    const { cell } = await xlsx(`/api/hr/attendance/export?format=xlsx&employeeId=${record.employeeId}`);
    const day = cell('Date', record.workDate, 'Date');
    expect(day.value).toBeInstanceOf(Date);
    const checkIn = cell('Date', record.workDate, 'Check-in (Africa/Cairo)');
    expect(checkIn.value).toBeInstanceOf(Date);
    // The seed checks people in at 09:00 or 09:25 Cairo time, whatever the UTC offset that day.
    const wall = (checkIn.value as Date).toISOString().slice(0, 16);
    expect(wall).toBe(`${record.workDate}T${h.ctx.calendar.timeOf(record.checkInAt)}`);
    expect(['09:00', '09:25']).toContain(wall.slice(11));
    expect(typeof cell('Date', record.workDate, 'Hours').value).toBe('number');
  });

  it('leave: from and to are date cells, days a number', async () => {
    const [request] = await h.db.db.select().from(leaveRequests).limit(1);
    if (!request) throw new Error('seeded leave');
    const { cell } = await xlsx(`/api/hr/leave-requests/export?format=xlsx&employeeId=${request.employeeId}`);
    const from = cell('From', request.startDate, 'From');
    expect(from.value).toBeInstanceOf(Date);
    expect(typeof cell('From', request.startDate, 'Days').value).toBe('number');
  });
});

describe('re-importing an export', () => {
  type Report = {
    total: number;
    valid: number;
    invalid: number;
    created: number;
    updated: number;
    unchanged: number;
    rows: {
      row: number;
      status: string;
      workEmail?: string;
      employeeNumber?: string;
      changes?: string[];
      errors?: { path: string; message: string }[];
    }[];
  };
  const everyone = () => h.db.db.select().from(employees).orderBy(asc(employees.id));
  const historyCount = async () => (await h.db.db.select({ n: count() }).from(employeeHistory))[0]?.n ?? 0;
  const exportAs = async (format: 'csv' | 'xlsx') => {
    const res = await h.app.request(`/api/hr/employees/export?format=${format}`, {
      headers: { authorization: `Bearer ${hr}` },
    });
    expect(res.status).toBe(200);
    return res.arrayBuffer();
  };
  let person: { id: string; workEmail: string; number: string };

  beforeAll(async () => {
    // Someone whose cells the export must guard: a phone starting with + and a name starting with =.
    const hire = newHire({
      phone: '+20 100 555 0123',
      lastName: '=Round trip',
      positionId: await positionId(h, 'Engineering', 'Software Engineer'),
      managerId: (await h.db.db.select().from(employees).where(eq(employees.workEmail, 'manager@konecta.local')))[0]
        ?.id,
      salary: { amount: '41000.50', currency: 'EGP' },
    });
    person = await expectJson<{ id: string; workEmail: string; number: string }>(
      await requester(h.app).post('/employees', hr, hire),
      201,
    );
  });

  it.each(['csv', 'xlsx'] as const)('%s: every row is unchanged and nothing is written', async (format) => {
    const file = await exportAs(format);
    if (format === 'csv') {
      const text = new TextDecoder().decode(file);
      expect(text).toContain("'+20 100 555 0123");
      expect(text).toContain("'=Round trip");
    }
    const before = await everyone();
    const history = await historyCount();
    const report = await expectJson<Report>(await upload(new Blob([file]), `employees.${format}`));
    expect(report).toMatchObject({
      total: before.length,
      invalid: 0,
      created: 0,
      updated: 0,
      unchanged: before.length,
    });
    expect(report.rows.every((r) => r.status === 'unchanged' && r.employeeNumber)).toBe(true);
    const after = await everyone();
    expect(after).toEqual(before);
    expect(after.find((e) => e.id === person.id)).toMatchObject({ phone: '+20 100 555 0123', lastName: '=Round trip' });
    expect(await historyCount()).toBe(history);
  });

  it('an export without pay columns (HR Staff) re-imports unchanged: salaries stay as they are', async () => {
    const staff = await tokenAs(h.keys, 'HR Staff');
    const res = await h.app.request('/api/hr/employees/export?format=csv', {
      headers: { authorization: `Bearer ${staff}` },
    });
    const file = await res.arrayBuffer();
    expect(new TextDecoder().decode(file).split('\n')[0]).not.toContain('Salary');
    const before = await everyone();
    const report = await expectJson<Report>(await upload(new Blob([file]), 'employees.csv', '', staff));
    expect(report).toMatchObject({ invalid: 0, updated: 0, unchanged: before.length });
    expect(await everyone()).toEqual(before);
  });

  /** The export with one person's line edited (CSV), and the row it sits in. */
  const edited = async (edit: (line: string) => string, who = person.workEmail) => {
    const lines = new TextDecoder().decode(await exportAs('csv')).split('\n');
    const index = lines.findIndex((l) => l.includes(who));
    expect(index).toBeGreaterThan(0);
    lines[index] = edit(lines[index] as string);
    return { file: new Blob([lines.join('\n')], { type: 'text/csv' }), row: index + 1 };
  };

  it('an edited cell updates exactly that person, as an edit on screen does (history, audit)', async () => {
    const { file, row } = await edited((line) =>
      line.replace("'+20 100 555 0123", "'+20 100 555 0999").replace('41000.50', '42000.00'),
    );
    const before = await everyone();
    const res = await expectJson<Report>(await upload(file, 'employees.csv'));
    expect(res).toMatchObject({ updated: 1, unchanged: before.length - 1, invalid: 0, created: 0 });
    const changed = res.rows.find((r) => r.status === 'updated');
    expect(changed).toMatchObject({ row, employeeNumber: person.number, changes: ['phone', 'salary'] });
    const after = await everyone();
    expect(after.filter((e) => e.id !== person.id)).toEqual(before.filter((e) => e.id !== person.id));
    expect(after.find((e) => e.id === person.id)).toMatchObject({
      phone: '+20 100 555 0999',
      salaryAmount: 4_200_000n,
      lastName: '=Round trip',
    });
    const history = await h.db.db.select().from(employeeHistory).where(eq(employeeHistory.employeeId, person.id));
    expect(history.map((e) => e.kind)).toEqual(['hired', 'updated']);
    expect(history[1]?.details).toMatchObject({ salaryChanged: true });
    const audits = await h.db.db.select().from(auditLog).where(eq(auditLog.entityId, person.id));
    expect(audits.map((a) => a.action)).toContain('employee.updated');
  });

  it('a row is matched by its number: the work email can change', async () => {
    const next = `renamed.${person.number.toLowerCase()}@konecta.local`;
    const { file } = await edited((line) => line.replace(person.workEmail, next));
    const res = await expectJson<Report>(await upload(file, 'employees.csv', '?mode=partial'));
    expect(res.rows.find((r) => r.status === 'updated')).toMatchObject({ workEmail: next, changes: ['workEmail'] });
    expect(res.updated).toBe(1);
    const [back] = await h.db.db.select().from(employees).where(eq(employees.id, person.id));
    expect(back?.workEmail).toBe(next);
    person.workEmail = next;
  });

  it('an unknown number is refused, and only those who may edit employees change them through the import', async () => {
    const unknown = await edited((line) => line.replace(person.number, 'EMP-99999'));
    const report = await expectJson<Report>(await upload(unknown.file, 'employees.csv', '?dryRun=true'));
    expect(report.rows.find((r) => r.row === unknown.row)?.errors).toEqual([
      { path: 'number', message: 'No employee numbered EMP-99999; leave Number empty to add a person.' },
    ]);

    const importer = await h.keys.tokenFor(['hr.employees.import', 'hr.employees.read-all', 'hr.employees.export']);
    const phone = await edited((line) => line.replace("'+20 100 555 0", "'+20 100 555 1"));
    const refused = await expectJson<Report>(await upload(phone.file, 'employees.csv', '?mode=partial', importer));
    expect(refused.rows.find((r) => r.row === phone.row)).toMatchObject({
      status: 'invalid',
      changes: ['phone'],
      errors: [{ path: '(row)', message: 'Changing an existing employee needs the permission to edit employees.' }],
    });
    expect(refused.unchanged).toBe(refused.total - 1);
  });

  it('a bad edit is refused naming the field, by the check and the import alike, and changes nothing', async () => {
    const [manager] = await h.db.db.select().from(employees).where(eq(employees.workEmail, 'manager@konecta.local'));
    if (!manager) throw new Error('seeded manager');
    const lines = new TextDecoder().decode(await exportAs('csv')).split('\n');
    const header = (lines[0] as string).split(',');
    const column = (name: string) => header.indexOf(name);
    const set = (who: string, name: string, value: string) => {
      const i = lines.findIndex((l) => l.split(',')[column('Work email')] === who);
      const cells = (lines[i] as string).split(',');
      cells[column(name)] = value;
      lines[i] = cells.join(',');
      return i + 1;
    };
    const bandRow = set(person.workEmail, 'Salary', '999999');
    // The person's manager made to report to them: a reporting cycle, as the edit screen refuses it.
    const cycleRow = set(manager.workEmail, 'Manager email', person.workEmail);
    const statusRow = set('employee@konecta.local', 'Status', 'terminated');
    const file = () => new Blob([lines.join('\n')], { type: 'text/csv' });
    const before = await everyone();

    const dry = await expectJson<Report>(await upload(file(), 'employees.csv', '?dryRun=true'));
    const whole = await upload(file(), 'employees.csv');
    expect(whole.status).toBe(422);
    const wholeReport = ((await whole.json()) as { report: Report }).report;
    const partial = await expectJson<Report>(await upload(file(), 'employees.csv', '?mode=partial'));
    for (const report of [dry, wholeReport, partial]) {
      expect(report.invalid).toBe(3);
      const errorsAt = (row: number) => report.rows.find((r) => r.row === row)?.errors;
      expect(errorsAt(bandRow)).toEqual([
        { path: 'salary', message: 'The band of Software Engineer is 25000.00–60000.00 EGP.' },
      ]);
      expect(errorsAt(cycleRow)).toEqual([{ path: 'managerId', message: 'This would make a reporting cycle.' }]);
      expect(errorsAt(statusRow)?.map((e) => e.path)).toEqual(['status']);
      expect(report.unchanged).toBe(before.length - 3);
    }
    expect(await everyone()).toEqual(before);
  });
});
