/**
 * Record scope and the role × operation matrix: who sees how much of whom, and which default role
 * may do what, computed from `defaultRoles` and the permission each route requires.
 */
import { defaultRoles, type Permission } from '@konecta/core';
import { employees, leaveTypes } from '@konecta/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHarness,
  departmentId,
  directoryFields,
  type EmployeeBody,
  employeeByEmail,
  expectJson,
  expectProblem,
  type Harness,
  newHire,
  payFields,
  requester,
  roleNames,
  tokenAs,
} from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let nour: typeof employees.$inferSelect;
let tarek: typeof employees.$inferSelect;
let hana: typeof employees.$inferSelect;
let engineering: string;
/** The clear national ids and payout accounts of everyone, which no response may contain. */
const secrets: string[] = [];

beforeAll(async () => {
  h = await createHarness({ seed: true });
  api = requester(h.app);
  nour = await employeeByEmail(h, 'employee@konecta.local');
  tarek = await employeeByEmail(h, 'manager@konecta.local');
  hana = await employeeByEmail(h, 'hr.admin@konecta.local');
  engineering = await departmentId(h, 'Engineering');
  for (const row of await h.db.db.select().from(employees)) {
    for (const sealed of [row.nationalIdEncrypted, row.payoutAccountEncrypted]) {
      if (sealed) secrets.push(await h.ctx.cipher.decrypt(sealed));
    }
  }
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const listAll = async (token: string) =>
  (await expectJson<{ items: EmployeeBody[]; total: number }>(await api.get('/employees?limit=200', token))).items;
const one = async (id: string, token: string) => expectJson<EmployeeBody>(await api.get(`/employees/${id}`, token));

/** Nothing in a response is a clear national id or payout account. */
function expectNoSecrets(body: unknown) {
  const text = JSON.stringify(body);
  expect(secrets.length).toBeGreaterThan(90);
  for (const secret of secrets) expect(text).not.toContain(secret);
}
function expectDirectoryOnly(e: EmployeeBody) {
  expect(e.visibility).toBe('directory');
  expect(Object.keys(e).sort()).toEqual(directoryFields);
}
function expectFullWithoutPay(e: EmployeeBody) {
  expect(e.visibility).toBe('full');
  expect(e).toHaveProperty('hireDate');
  expect(e).toHaveProperty('address');
  for (const field of payFields) expect(e).not.toHaveProperty(field);
}
function expectPay(e: EmployeeBody, row?: typeof employees.$inferSelect) {
  expect(e.visibility).toBe('pay');
  expect(e.salary).toMatchObject({ amount: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'EGP' });
  expect(e.nationalId).toMatch(/^•••• [0-9]{4}$/);
  expect(e.payoutAccount).toMatch(/^•••• [0-9]{4}$/);
  if (row) {
    expect(e.nationalId).toBe(`•••• ${row.nationalIdLast4}`);
    expect(e.payoutAccount).toBe(`•••• ${row.payoutAccountLast4}`);
  }
}

describe('record scope: an Employee', () => {
  it('sees their own record with pay, national id and payout account masked', async () => {
    const token = await tokenAs(h.keys, 'Employee', nour.id);
    const own = await one(nour.id, token);
    expectPay(own, nour);
    expect(own.salary).toEqual({ amount: '38000.00', currency: 'EGP' });
    expect(own).toMatchObject({ fullName: 'Nour Adel', managerName: 'Tarek Mansour', departmentName: 'Engineering' });
    expectNoSecrets(own);
  });

  it('sees colleagues, even their own manager, as the directory only', async () => {
    const token = await tokenAs(h.keys, 'Employee', nour.id);
    expectDirectoryOnly(await one(tarek.id, token));
    expectDirectoryOnly(await one(hana.id, token));
    const list = await listAll(token);
    expect(list).toHaveLength(50);
    for (const e of list) {
      if (e.id === nour.id) expectPay(e, nour);
      else expectDirectoryOnly(e);
    }
    expectNoSecrets(list);
  });

  it('reads their own record at /employees/me, by token link or by the user linked to the employee', async () => {
    const byClaim = await expectJson<EmployeeBody>(
      await api.get('/employees/me', await tokenAs(h.keys, 'Employee', nour.id)),
    );
    expect(byClaim).toMatchObject({ id: nour.id, visibility: 'pay' });
    const userId = crypto.randomUUID();
    const omar = await employeeByEmail(h, 'hr@konecta.local');
    await h.db.db.update(employees).set({ userId }).where(eq(employees.id, omar.id));
    const byUser = await expectJson<EmployeeBody>(
      await api.get('/employees/me', await tokenAs(h.keys, 'Employee', undefined, userId)),
    );
    expect(byUser).toMatchObject({ id: omar.id, visibility: 'pay' });
    expectPay(byUser, omar);
  });

  it('gets 404 at /employees/me when the sign-in is linked to no employee', async () => {
    const problem = await expectProblem(await api.get('/employees/me', await tokenAs(h.keys, 'HR Admin')), 404);
    expect(problem.detail).toMatch(/not linked to an employee/);
  });
});

describe('record scope: managers, HR and finance', () => {
  it('a Department Manager sees their department full but without pay, others as the directory', async () => {
    const token = await tokenAs(h.keys, 'Department Manager', tarek.id);
    const list = await listAll(token);
    const inEngineering = list.filter((e) => e.departmentId === engineering && e.id !== tarek.id);
    expect(inEngineering.length).toBeGreaterThan(5);
    for (const e of list) {
      if (e.id === tarek.id) expectPay(e, tarek);
      else if (e.departmentId === engineering || e.managerId === tarek.id) expectFullWithoutPay(e);
      else expectDirectoryOnly(e);
    }
    expectFullWithoutPay(await one(nour.id, token));
    expectDirectoryOnly(await one(hana.id, token));
    expectNoSecrets(list);
  });

  it('HR Staff see everyone full but never pay (no hr.employees.read-sensitive)', async () => {
    expect(defaultRoles['HR Staff']?.permissions).not.toContain('hr.employees.read-sensitive');
    const token = await tokenAs(h.keys, 'HR Staff');
    const list = await listAll(token);
    expect(list).toHaveLength(50);
    for (const e of list) expectFullWithoutPay(e);
    expectFullWithoutPay(await one(nour.id, token));
  });

  it.each(['HR Admin', 'Finance Manager'] as const)('%s sees everyone’s pay, masked', async (role) => {
    const token = await tokenAs(h.keys, role);
    const list = await listAll(token);
    expect(list).toHaveLength(50);
    for (const e of list) expectPay(e);
    expect((await one(nour.id, token)).salary).toEqual({ amount: '38000.00', currency: 'EGP' });
    expectNoSecrets(list);
  });

  it('roles with only hr.employees.read see the directory of others', async () => {
    for (const role of ['Finance Staff', 'Inventory Manager', 'Operations Staff'] as const) {
      for (const e of await listAll(await tokenAs(h.keys, role))) expectDirectoryOnly(e);
    }
  });
});

/** Each operation with the permission its route requires (see the routes' requirePermission). */
interface Operation {
  name: string;
  permission: Permission;
  /** Sends the request; called fresh per role so each allowed call has valid, unique input. */
  send(token: string): Response | Promise<Response>;
  ok: number;
}

let fixture = 0;
const unique = () => `${Date.now().toString(36)}${++fixture}`;
/** An employee hired for one matrix case (by a caller who may hire). */
async function freshEmployee(): Promise<string> {
  const res = await api.post(
    '/employees',
    await tokenAs(h.keys, 'HR Admin'),
    newHire({ departmentId: engineering, managerId: nour.id }),
  );
  return (await expectJson<EmployeeBody>(res, 201)).id;
}

const operations: Operation[] = [
  {
    name: 'list departments',
    permission: 'hr.departments.read',
    ok: 200,
    send: (token) => api.get('/departments', token),
  },
  {
    name: 'create department',
    permission: 'hr.departments.manage',
    ok: 201,
    send: (token) => {
      const tag = unique();
      return api.post('/departments', token, { name: `Matrix ${tag}`, costCentre: `M-${tag}`.slice(0, 20) });
    },
  },
  {
    name: 'create position',
    permission: 'hr.departments.manage',
    ok: 201,
    send: (token) =>
      api.post('/positions', token, {
        title: `Matrix ${unique()}`,
        departmentId: engineering,
        grade: 'P1',
        salaryMin: { amount: '1000.00', currency: 'EGP' },
        salaryMax: { amount: '2000.00', currency: 'EGP' },
      }),
  },
  {
    name: 'list employees',
    permission: 'hr.employees.read',
    ok: 200,
    send: (token) => api.get('/employees', token),
  },
  {
    name: 'create employee',
    permission: 'hr.employees.manage',
    ok: 201,
    send: (token) => api.post('/employees', token, newHire({ departmentId: engineering })),
  },
  {
    name: 'patch employee',
    permission: 'hr.employees.manage',
    ok: 200,
    send: async (token) => api.patch(`/employees/${await freshEmployee()}`, token, { phone: '+20 100 555 0000' }),
  },
  {
    name: 'terminate employee',
    permission: 'hr.employees.manage',
    ok: 200,
    send: async (token) =>
      api.post(`/employees/${await freshEmployee()}/terminate`, token, { exitDate: '2025-01-31', reason: 'Matrix' }),
  },
  {
    name: 'get history',
    permission: 'hr.employees.read-all',
    ok: 200,
    send: async (token) => api.get(`/employees/${nour.id}/history`, token),
  },
  {
    name: 'export employees',
    permission: 'hr.employees.export',
    ok: 200,
    send: (token) => api.get('/employees/export?format=csv', token),
  },
  {
    name: 'add office location',
    permission: 'hr.attendance.manage',
    ok: 201,
    send: (token) =>
      api.post('/office-locations', token, {
        name: `Matrix ${unique()}`,
        latitude: 30,
        longitude: 31,
        radiusMeters: 100,
      }),
  },
  {
    name: 'add holiday',
    permission: 'hr.holidays.manage',
    ok: 201,
    send: (token) =>
      api.post('/holidays', token, {
        date: new Date(Date.UTC(2031, 0, 1) + ++fixture * 86_400_000).toISOString().slice(0, 10),
        name: 'Matrix day',
      }),
  },
  {
    name: 'create leave type',
    permission: 'hr.leaves.manage',
    ok: 201,
    send: (token) => {
      const tag = `M${++fixture}`;
      return api.post('/leave-types', token, {
        name: `Matrix ${tag}`,
        code: tag,
        paid: false,
        yearlyEntitlement: 0,
        accrual: 'upfront',
      });
    },
  },
  {
    name: 'adjust a leave balance',
    permission: 'hr.leaves.manage',
    ok: 201,
    send: async (token) => {
      const [type] = await h.db.db.select({ id: leaveTypes.id }).from(leaveTypes).where(eq(leaveTypes.code, 'SICK'));
      return api.post('/leave-ledger/adjustments', token, {
        employeeId: nour.id,
        leaveTypeId: type?.id,
        days: 0.5,
        note: 'Matrix',
      });
    },
  },
  {
    name: 'open a review cycle',
    permission: 'hr.reviews.manage',
    ok: 201,
    send: (token) =>
      api.post('/review-cycles', token, { name: `Matrix ${unique()}`, startDate: '2031-01-01', endDate: '2031-06-30' }),
  },
  {
    name: 'create a course',
    permission: 'hr.training.manage',
    ok: 201,
    send: (token) =>
      api.post('/courses', token, {
        title: `Matrix ${unique()}`,
        capacity: 5,
        startsOn: '2031-02-01',
        endsOn: '2031-02-02',
      }),
  },
  {
    name: 'create a job opening',
    permission: 'hr.recruitment.manage',
    ok: 201,
    send: (token) =>
      api.post('/job-openings', token, { title: `Matrix ${unique()}`, departmentId: engineering, location: 'Cairo' }),
  },
];

describe('role × operation matrix (from defaultRoles)', () => {
  const cases = roleNames.flatMap((role) =>
    operations.map((op) => {
      const granted = defaultRoles[role]?.permissions.includes(op.permission) ?? false;
      return { role, op, granted, label: `${role} · ${op.name} → ${granted ? op.ok : 403}` };
    }),
  );

  it('covers every default role and expects both outcomes', () => {
    expect(roleNames).toEqual(expect.arrayContaining(['System Admin', 'HR Admin', 'HR Staff', 'Employee']));
    expect(cases.some((c) => c.granted)).toBe(true);
    expect(cases.some((c) => !c.granted)).toBe(true);
  });

  it.each(cases)('$label', async ({ role, op, granted }) => {
    const res = await op.send(await tokenAs(h.keys, role, nour.id));
    if (granted) {
      if (res.status !== op.ok) throw new Error(`${role} ${op.name}: ${res.status} ${await res.text()}`);
      expect(res.status).toBe(op.ok);
    } else {
      const problem = await expectProblem(res, 403);
      expect(problem.detail).toContain(op.permission);
    }
  });

  it('answers 401 to every operation without a token', async () => {
    for (const op of operations) {
      const res = await op.send('');
      await expectProblem(res, 401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });
});
