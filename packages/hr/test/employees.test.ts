import { addDays } from '@konecta/core';
import { auditLog, departments, employees, outbox } from '@konecta/db';
import { and, asc, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledExits } from '../src/employees/employees';
import {
  createHarness,
  departmentId,
  type EmployeeBody,
  employeeByEmail,
  employeeRow,
  errorPaths,
  expectJson,
  expectProblem,
  type Harness,
  newHire,
  positionId,
  requester,
  tokenAs,
} from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let hrStaff: string;
let hrAdmin: string;
let softwareEngineer: string;
let engineering: string;
const STAFF_SUB = crypto.randomUUID();
const NATIONAL_ID = '29901011234567';
const PAYOUT = 'EG38 0019 0005 0000 1111 2222 3333';

beforeAll(async () => {
  h = await createHarness({ seed: true });
  api = requester(h.app);
  hrStaff = await tokenAs(h.keys, 'HR Staff', undefined, STAFF_SUB);
  hrAdmin = await tokenAs(h.keys, 'HR Admin');
  softwareEngineer = await positionId(h, 'Engineering', 'Software Engineer');
  engineering = await departmentId(h, 'Engineering');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const hire = (overrides: Record<string, unknown> = {}, token = hrStaff) =>
  api.post('/employees', token, newHire({ positionId: softwareEngineer, ...overrides }));
const historyOf = async (id: string) =>
  (
    await expectJson<{ items: { kind: string; effectiveDate: string; details: Record<string, unknown> }[] }>(
      await api.get(`/employees/${id}/history`, hrStaff),
    )
  ).items;
const numberOf = (n: number) => `EMP-${String(n).padStart(5, '0')}`;
const headcount = async () => (await h.db.db.select({ n: count() }).from(employees))[0]?.n ?? 0;

describe('hiring', () => {
  it('hires as HR Staff: number, history, event, audit, encrypted national id and payout account', async () => {
    const before = await headcount();
    const body = newHire({
      firstName: 'Salma',
      lastName: 'Nasser',
      positionId: softwareEngineer,
      nationalId: NATIONAL_ID,
      payoutAccount: PAYOUT,
      createLogin: true,
    });
    const created = await expectJson<EmployeeBody>(await api.post('/employees', hrStaff, body), 201);
    expect(created).toMatchObject({
      number: numberOf(before + 1),
      fullName: 'Salma Nasser',
      departmentId: engineering,
      departmentName: 'Engineering',
      positionTitle: 'Software Engineer',
      status: 'active',
      // HR Staff sees full records but not pay.
      visibility: 'full',
      hireDate: '2024-02-01',
    });
    expect(created).not.toHaveProperty('salary');
    expect(created).not.toHaveProperty('nationalId');

    expect((await historyOf(created.id)).map((e) => [e.kind, e.effectiveDate])).toEqual([['hired', '2024-02-01']]);

    const events = await h.db.db.select().from(outbox).where(eq(outbox.subject, created.id));
    expect(events.map((e) => e.type)).toEqual(['hr.employee.hired']);
    expect(events[0]?.data).toMatchObject({
      employeeId: created.id,
      number: created.number,
      workEmail: body.workEmail,
      fullName: 'Salma Nasser',
      createLogin: true,
    });
    expect(events[0]?.actorId).toBe(STAFF_SUB);

    const [audit] = await h.db.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit).toMatchObject({ action: 'employee.hired', actorId: STAFF_SUB, service: 'hr' });
    const changes = JSON.stringify(audit?.changes);
    expect(changes).not.toContain(NATIONAL_ID);
    expect(changes).not.toContain(PAYOUT);
    expect(changes).not.toContain(PAYOUT.replace(/\s/g, ''));
    expect(audit?.changes).toMatchObject({ nationalIdEncrypted: { to: '[redacted]' } });

    const row = await employeeRow(h, created.id);
    expect(row).toMatchObject({ nationalIdLast4: '4567', payoutAccountLast4: '3333', salaryAmount: 4_000_000n });
    expect(row.nationalIdEncrypted).not.toContain(NATIONAL_ID);
    expect(row.payoutAccountEncrypted).not.toContain('3333');
    expect(await h.ctx.cipher.decrypt(row.nationalIdEncrypted ?? '')).toBe(NATIONAL_ID);
    expect(await h.ctx.cipher.decrypt(row.payoutAccountEncrypted ?? '')).toBe(PAYOUT);
  });

  it('numbers hires sequentially; refused hires use no number', async () => {
    const first = await expectJson<EmployeeBody>(await hire(), 201);
    await expectProblem(await hire({ salary: { amount: '999999.00', currency: 'EGP' } }), 422);
    const second = await expectJson<EmployeeBody>(await hire(), 201);
    expect(Number(second.number.slice(4))).toBe(Number(first.number.slice(4)) + 1);
    expect(second.number).toMatch(/^EMP-\d{5}$/);
  });

  it('refuses a salary outside the position’s band (422 naming salary), storing nothing', async () => {
    const body = newHire({ positionId: softwareEngineer, salary: { amount: '24999.99', currency: 'EGP' } });
    const problem = await expectProblem(await api.post('/employees', hrStaff, body), 422);
    expect(errorPaths(problem)).toEqual(['salary']);
    expect(problem.errors?.[0]?.message).toMatch(/25000\.00–60000\.00 EGP/);
    const currency = await expectProblem(await hire({ salary: { amount: '30000.00', currency: 'USD' } }), 422);
    expect(errorPaths(currency)).toEqual(['salary']);
    expect(await h.db.db.select().from(employees).where(eq(employees.workEmail, body.workEmail))).toEqual([]);
  });

  it('refuses a position of another department, an unknown manager and a departed one (422)', async () => {
    const hr = await departmentId(h, 'Human Resources');
    const other = await expectProblem(await hire({ departmentId: hr }), 422);
    expect(errorPaths(other)).toEqual(['positionId']);
    const unknown = await expectProblem(await hire({ positionId: crypto.randomUUID() }), 422);
    expect(errorPaths(unknown)).toEqual(['positionId']);
    const manager = await expectProblem(await hire({ managerId: crypto.randomUUID() }), 422);
    expect(errorPaths(manager)).toEqual(['managerId']);
  });

  it('refuses a work email already in use, whatever the case (409)', async () => {
    const problem = await expectProblem(await hire({ workEmail: 'Employee@KONECTA.local' }), 409);
    expect(problem.employeeId).toBe((await employeeByEmail(h, 'employee@konecta.local')).id);
  });

  it('refuses a hire date more than a year ahead or outside 1900–2199 (422 naming hireDate), where 9999-12-31 was hired', async () => {
    const today = h.ctx.calendar.today();
    const yearAhead = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    const before = await headcount();
    for (const hireDate of ['9999-12-31', '2200-01-01', '1899-12-31', addDays(yearAhead, 1)]) {
      const problem = await expectProblem(await hire({ hireDate }), 422);
      expect(errorPaths(problem), hireDate).toEqual(['hireDate']);
    }
    expect(await headcount()).toBe(before);
    const planned = await expectJson<EmployeeBody>(await hire({ hireDate: yearAhead }), 201);
    expect(planned.hireDate).toBe(yearAhead);
    // Editing is held to the same bounds.
    const edit = await api.patch(`/employees/${planned.id}`, hrStaff, { hireDate: '9999-12-31' });
    expect(errorPaths(await expectProblem(edit, 422))).toEqual(['hireDate']);
    const later = await api.patch(`/employees/${planned.id}`, hrStaff, { hireDate: addDays(yearAhead, 1) });
    expect(errorPaths(await expectProblem(later, 422))).toEqual(['hireDate']);
  });

  it('refuses unknown or malformed fields (422) and needs hr.employees.manage (403)', async () => {
    const unknown = await expectProblem(await hire({ bonus: { amount: '1.00', currency: 'EGP' } }), 422);
    expect(unknown.errors?.[0]?.message).toMatch(/bonus/);
    const malformed = await expectProblem(
      await hire({ workEmail: 'not-an-email', hireDate: '2024-02-30x', salary: { amount: 40000 } }),
      422,
    );
    expect(errorPaths(malformed)).toEqual(expect.arrayContaining(['workEmail', 'hireDate', 'salary.amount']));
    await expectProblem(await hire({}, await tokenAs(h.keys, 'Department Manager')), 403);
    const truncated = await h.app.request('/api/hr/employees', {
      method: 'POST',
      headers: { authorization: `Bearer ${hrStaff}`, 'content-type': 'application/json' },
      body: '{"firstName":',
    });
    await expectProblem(truncated, 400);
  });
});

describe('salary amounts', () => {
  const salaryOf = (e: EmployeeBody) => e.salary as { amount: string; currency: string } | undefined;

  it('refuses more decimals than the currency has (422 naming salary.amount), where it was a 500', async () => {
    const body = newHire({ salary: { amount: '40000.555', currency: 'EGP' } });
    const problem = await expectProblem(await api.post('/employees', hrAdmin, body), 422);
    expect(problem.errors).toEqual([{ path: 'salary.amount', message: 'EGP amounts have 2 decimal places.' }]);
    const yen = await expectProblem(
      await api.post('/employees', hrAdmin, newHire({ salary: { amount: '1.5', currency: 'JPY' } })),
      422,
    );
    expect(errorPaths(yen)).toEqual(['salary.amount']);
    expect(await h.db.db.select().from(employees).where(eq(employees.workEmail, body.workEmail))).toEqual([]);
  });

  it('keeps 999999999999999.99 exact from request to row to response (was stored as 1000000000000000.00)', async () => {
    const salary = { amount: '999999999999999.99', currency: 'EGP' };
    const created = await expectJson<EmployeeBody>(await api.post('/employees', hrAdmin, newHire({ salary })), 201);
    expect(salaryOf(created)).toEqual(salary);
    expect((await employeeRow(h, created.id)).salaryAmount).toBe(99_999_999_999_999_999n);
    const read = await expectJson<EmployeeBody>(await api.get(`/employees/${created.id}`, hrAdmin));
    expect(salaryOf(read)).toEqual(salary);
    const listed = await expectJson<{ items: EmployeeBody[] }>(
      await api.get(`/employees?search=${encodeURIComponent(created.number)}`, hrAdmin),
    );
    expect(listed.items.map(salaryOf)).toEqual([salary]);
  });

  it('stores each currency at its own scale: KWD 3 decimals, JPY none', async () => {
    const kwd = await expectJson<EmployeeBody>(
      await api.post('/employees', hrAdmin, newHire({ salary: { amount: '1250.5', currency: 'KWD' } })),
      201,
    );
    expect(salaryOf(kwd)).toEqual({ amount: '1250.500', currency: 'KWD' });
    expect(await employeeRow(h, kwd.id)).toMatchObject({ salaryAmount: 1_250_500n, salaryCurrency: 'KWD' });
    const jpy = await expectJson<EmployeeBody>(
      await api.post('/employees', hrAdmin, newHire({ salary: { amount: '300000', currency: 'JPY' } })),
      201,
    );
    expect(salaryOf(jpy)).toEqual({ amount: '300000', currency: 'JPY' });
    expect((await employeeRow(h, jpy.id)).salaryAmount).toBe(300_000n);
  });

  it('refuses a zero or negative salary, an unknown currency and an amount no bigint column holds (422)', async () => {
    const refused = async (salary: unknown) =>
      errorPaths(await expectProblem(await api.post('/employees', hrAdmin, newHire({ salary })), 422));
    expect(await refused({ amount: '0.00', currency: 'EGP' })).toEqual(['salary.amount']);
    expect(await refused({ amount: '-100.00', currency: 'EGP' })).toEqual(['salary.amount']);
    expect(await refused({ amount: '100.00', currency: 'XYZ' })).toEqual(['salary.currency']);
    expect(await refused({ amount: '92233720368547758.08', currency: 'EGP' })).toEqual(['salary.amount']);
    expect(await refused({ amount: '1e6', currency: 'EGP' })).toEqual(['salary.amount']);
  });

  it('validates an edited salary the same way', async () => {
    const created = await expectJson<EmployeeBody>(await api.post('/employees', hrAdmin, newHire()), 201);
    const problem = await expectProblem(
      await api.patch(`/employees/${created.id}`, hrAdmin, { salary: { amount: '45000.001', currency: 'EGP' } }),
      422,
    );
    expect(errorPaths(problem)).toEqual(['salary.amount']);
    const edited = await expectJson<EmployeeBody>(
      await api.patch(`/employees/${created.id}`, hrAdmin, { salary: { amount: '45000.1', currency: 'EGP' } }),
    );
    expect(salaryOf(edited)).toEqual({ amount: '45000.10', currency: 'EGP' });
    expect((await employeeRow(h, created.id)).salaryAmount).toBe(4_500_010n);
  });
});

describe('editing', () => {
  it('moves an employee to another department and position, with a history entry', async () => {
    const created = await expectJson<EmployeeBody>(await hire(), 201);
    const accountExecutive = await positionId(h, 'Sales', 'Account Executive');
    // The current salary (40,000) is above the new band (15,000–35,000).
    const outside = await expectProblem(
      await api.patch(`/employees/${created.id}`, hrStaff, { positionId: accountExecutive }),
      422,
    );
    expect(errorPaths(outside)).toEqual(['salary']);
    const moved = await expectJson<EmployeeBody>(
      await api.patch(`/employees/${created.id}`, hrAdmin, {
        positionId: accountExecutive,
        salary: { amount: '30000.00', currency: 'EGP' },
        phone: '+20 100 123 4567',
      }),
    );
    const sales = await departmentId(h, 'Sales');
    expect(moved).toMatchObject({
      departmentId: sales,
      departmentName: 'Sales',
      positionTitle: 'Account Executive',
      phone: '+20 100 123 4567',
      salary: { amount: '30000.00', currency: 'EGP' },
    });
    const history = await historyOf(created.id);
    expect(history.map((e) => e.kind)).toEqual(['hired', 'updated']);
    expect(history[1]?.details).toEqual({
      moved: { positionId: accountExecutive, departmentId: sales },
      salaryChanged: true,
    });
    expect(await employeeRow(h, created.id)).toMatchObject({ departmentId: sales, salaryAmount: 3_000_000n });
  });

  it('refuses a manager who is the employee themself or one of their reports (422)', async () => {
    const tarek = await employeeByEmail(h, 'manager@konecta.local');
    const nour = await employeeByEmail(h, 'employee@konecta.local');
    const self = await expectProblem(await api.patch(`/employees/${tarek.id}`, hrStaff, { managerId: tarek.id }), 422);
    expect(errorPaths(self)).toEqual(['managerId']);
    const cycle = await expectProblem(await api.patch(`/employees/${tarek.id}`, hrStaff, { managerId: nour.id }), 422);
    expect(errorPaths(cycle)).toEqual(['managerId']);
    expect((await employeeRow(h, tarek.id)).managerId).toBe(tarek.managerId);
  });

  it('refuses unknown fields, another employee’s email and an unknown employee', async () => {
    const nour = await employeeByEmail(h, 'employee@konecta.local');
    await expectProblem(await api.patch(`/employees/${nour.id}`, hrStaff, { status: 'terminated' }), 422);
    await expectProblem(await api.patch(`/employees/${nour.id}`, hrStaff, { workEmail: 'MANAGER@konecta.local' }), 409);
    await expectProblem(await api.patch(`/employees/${crypto.randomUUID()}`, hrStaff, { phone: '123' }), 404);
    await expectProblem(await api.patch('/employees/not-a-uuid', hrStaff, { phone: '123' }), 400);
  });
});

describe('terminating', () => {
  it('refuses an exit date before the hire date (422)', async () => {
    const nour = await employeeByEmail(h, 'employee@konecta.local');
    const problem = await expectProblem(
      await api.post(`/employees/${nour.id}/terminate`, hrStaff, { exitDate: '2000-01-01', reason: 'Restructuring' }),
      422,
    );
    expect(errorPaths(problem)).toEqual(['exitDate']);
    expect((await employeeRow(h, nour.id)).status).toBe('active');
  });

  it('refuses an exit date more than a year ahead (422 naming exitDate)', async () => {
    const nour = await employeeByEmail(h, 'employee@konecta.local');
    const today = h.ctx.calendar.today();
    for (const exitDate of ['9999-12-31', addDays(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`, 1)]) {
      const res = await api.post(`/employees/${nour.id}/terminate`, hrStaff, { exitDate, reason: 'Restructuring' });
      expect(errorPaths(await expectProblem(res, 422)), exitDate).toEqual(['exitDate']);
    }
    expect((await employeeRow(h, nour.id)).status).toBe('active');
  });

  it('terminates a manager: status, history, event, reports move up, department manager cleared', async () => {
    const tarek = await employeeByEmail(h, 'manager@konecta.local');
    const reports = await h.db.db.select({ id: employees.id }).from(employees).where(eq(employees.managerId, tarek.id));
    expect(reports.length).toBeGreaterThan(1);
    const res = await api.post(`/employees/${tarek.id}/terminate`, hrStaff, {
      exitDate: '2026-01-31',
      reason: 'Restructuring',
    });
    expect(await expectJson<EmployeeBody>(res)).toMatchObject({
      status: 'terminated',
      exitDate: '2026-01-31',
      exitReason: 'Restructuring',
    });
    const history = await historyOf(tarek.id);
    expect(history.at(-1)).toMatchObject({ kind: 'terminated', effectiveDate: '2026-01-31' });
    const [event] = await h.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.subject, tarek.id), eq(outbox.type, 'hr.employee.terminated')));
    expect(event?.data).toMatchObject({ employeeId: tarek.id, status: 'terminated', exitDate: '2026-01-31' });

    const after = await h.db.db.select({ managerId: employees.managerId }).from(employees);
    expect(after.filter((e) => e.managerId === tarek.id)).toEqual([]);
    for (const r of reports) expect((await employeeRow(h, r.id)).managerId).toBe(tarek.managerId);
    const [dept] = await h.db.db.select().from(departments).where(eq(departments.id, engineering));
    expect(dept?.managerId).toBeNull();
  });

  it('refuses terminating twice and editing a terminated employee (409)', async () => {
    const tarek = await employeeByEmail(h, 'manager@konecta.local');
    await expectProblem(
      await api.post(`/employees/${tarek.id}/terminate`, hrStaff, { exitDate: '2026-02-01', reason: 'Again' }),
      409,
    );
    await expectProblem(await api.patch(`/employees/${tarek.id}`, hrStaff, { phone: '+20 1' }), 409);
    // A departed person can no longer manage anyone.
    const manager = await expectProblem(await hire({ managerId: tarek.id }), 422);
    expect(errorPaths(manager)).toEqual(['managerId']);
  });

  it('records a resignation; the record is closed to edits like a termination', async () => {
    const created = await expectJson<EmployeeBody>(await hire(), 201);
    const resigned = await expectJson<EmployeeBody>(
      await api.post(`/employees/${created.id}/terminate`, hrStaff, {
        exitDate: '2024-06-30',
        reason: 'Moving abroad',
        status: 'resigned',
      }),
    );
    expect(resigned).toMatchObject({ status: 'resigned', exitDate: '2024-06-30' });
    await expectProblem(await api.patch(`/employees/${created.id}`, hrStaff, { phone: '+20 2' }), 409);
    await expectProblem(
      await api.post(`/employees/${created.id}/terminate`, hrStaff, { exitDate: '2024-07-01', reason: 'Twice' }),
      409,
    );
    expect((await historyOf(created.id)).map((e) => e.kind)).toEqual(['hired', 'resigned']);
  });
});

describe('an exit in the future is scheduled', () => {
  it('keeps the person active until the exit date, then the daily job ends the employment', async () => {
    const was = h.ctx.now();
    h.clock.set('2026-11-30T09:00:00Z');
    try {
      const created = await expectJson<EmployeeBody>(await hire(), 201);
      const scheduled = await expectJson<EmployeeBody>(
        await api.post(`/employees/${created.id}/terminate`, hrStaff, {
          exitDate: '2026-12-31',
          reason: 'Contract end',
        }),
      );
      expect(scheduled).toMatchObject({ status: 'active', exitDate: '2026-12-31', exitReason: 'Contract end' });
      const terminated = () =>
        h.db.db
          .select()
          .from(outbox)
          .where(and(eq(outbox.subject, created.id), eq(outbox.type, 'hr.employee.terminated')));
      expect(await terminated()).toEqual([]);
      expect((await historyOf(created.id)).map((e) => e.kind)).toEqual(['hired']);
      // Still an employee: the record can be edited until the exit date.
      await expectJson(await api.patch(`/employees/${created.id}`, hrStaff, { phone: '+20 3' }));

      h.clock.set('2026-12-31T06:00:00Z');
      expect((await runScheduledExits(h.ctx)).ended).toBeGreaterThanOrEqual(1);
      expect(await employeeRow(h, created.id)).toMatchObject({ status: 'terminated', exitDate: '2026-12-31' });
      const [event] = await terminated();
      expect(event?.data).toMatchObject({ employeeId: created.id, status: 'terminated', exitDate: '2026-12-31' });
      expect((await historyOf(created.id)).at(-1)).toMatchObject({ kind: 'terminated', effectiveDate: '2026-12-31' });
    } finally {
      h.clock.set(was);
    }
  });

  it('an exit dated today takes effect at once', async () => {
    const was = h.ctx.now();
    h.clock.set('2026-11-30T09:00:00Z');
    try {
      const created = await expectJson<EmployeeBody>(await hire(), 201);
      const ended = await expectJson<EmployeeBody>(
        await api.post(`/employees/${created.id}/terminate`, hrStaff, { exitDate: '2026-11-30', reason: 'Today' }),
      );
      expect(ended).toMatchObject({ status: 'terminated', exitDate: '2026-11-30' });
    } finally {
      h.clock.set(was);
    }
  });
});

describe('employee numbers under concurrency', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)('gives 20 concurrent hires 20 distinct numbers with no gaps', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => hire({ lastName: 'Concurrent' })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const rows = await h.db.db
      .select({ number: employees.number })
      .from(employees)
      .where(like(employees.lastName, 'Concurrent'))
      .orderBy(asc(employees.number));
    const numbers = rows.map((r) => Number(r.number.slice(4)));
    expect(new Set(numbers).size).toBe(20);
    const first = numbers[0] ?? 0;
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => first + i));
    // Every number from EMP-00001 up is taken once: no hire in this file left a gap.
    expect(numbers.at(-1)).toBe(await headcount());
  });
});
