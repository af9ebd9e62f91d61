import { json } from '@konecta/core/testing';
import { auditLog, departments, employees, positions } from '@konecta/db';
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganisation } from '../src/seed';
import {
  createHarness,
  departmentId,
  errorPaths,
  expectJson,
  expectProblem,
  type Harness,
  positionId,
  requester,
  tokenAs,
} from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let hrStaff: string;
let employee: string;

interface Department {
  id: string;
  name: string;
  costCentre: string;
  parentId: string | null;
  managerId: string | null;
  managerName: string | null;
  headcount: number;
}
interface Position {
  id: string;
  title: string;
  departmentId: string;
  grade: string;
  salaryMin: { amount: string; currency: string };
  salaryMax: { amount: string; currency: string };
}

beforeAll(async () => {
  h = await createHarness({ seed: true });
  api = requester(h.app);
  hrStaff = await tokenAs(h.keys, 'HR Staff');
  employee = await tokenAs(h.keys, 'Employee');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const createDepartment = (body: Record<string, unknown>, token = hrStaff) => api.post('/departments', token, body);
const band = (min: string, max: string, maxCurrency = 'EGP') => ({
  salaryMin: { amount: min, currency: 'EGP' },
  salaryMax: { amount: max, currency: maxCurrency },
});

describe('the demo organisation seed', () => {
  it('runs once: a second run adds nothing and returns 0', async () => {
    expect(await seedOrganisation(h.ctx)).toBe(0);
    const [people] = await h.db.db.select({ n: count() }).from(employees);
    const [depts] = await h.db.db.select({ n: count() }).from(departments);
    expect(people?.n).toBe(50);
    expect(depts?.n).toBe(6);
  });
});

describe('departments', () => {
  it('lists departments with manager name and current headcount, readable by an Employee', async () => {
    const body = await expectJson<{ items: Department[]; total: number }>(await api.get('/departments', employee));
    expect(body.total).toBe(6);
    expect(body.items.map((d) => d.name)).toEqual([
      'Engineering',
      'Executive Office',
      'Finance',
      'Human Resources',
      'Operations',
      'Sales',
    ]);
    const engineering = body.items.find((d) => d.name === 'Engineering');
    const [staff] = await h.db.db
      .select({ n: count() })
      .from(employees)
      .where(and(eq(employees.departmentId, engineering?.id ?? ''), eq(employees.status, 'active')));
    expect(engineering).toMatchObject({ managerName: 'Tarek Mansour', costCentre: 'CC-600', headcount: staff?.n });
    expect(engineering?.headcount).toBeGreaterThan(2);
  });

  it('creates a department (201), stored and audited', async () => {
    const hana = (await h.db.db.select().from(employees).where(eq(employees.workEmail, 'hr.admin@konecta.local')))[0];
    const res = await createDepartment({ name: 'Legal', costCentre: 'CC-700', managerId: hana?.id });
    const created = await expectJson<Department>(res, 201);
    expect(created).toMatchObject({ name: 'Legal', costCentre: 'CC-700', managerName: 'Hana Haddad', headcount: 0 });
    const [row] = await h.db.db.select().from(departments).where(eq(departments.id, created.id));
    expect(row).toMatchObject({ name: 'Legal', costCentre: 'CC-700', managerId: hana?.id, parentId: null });
    const audit = await h.db.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit.map((a) => a.action)).toEqual(['department.created']);
    expect(audit[0]).toMatchObject({ service: 'hr', actorKind: 'user' });
  });

  it('refuses a duplicate name or cost centre (409), whatever the case', async () => {
    const name = await expectProblem(await createDepartment({ name: 'engineering', costCentre: 'CC-701' }), 409);
    expect(name.detail).toMatch(/name or cost centre/);
    await expectProblem(await createDepartment({ name: 'Procurement', costCentre: 'cc-600' }), 409);
    const [n] = await h.db.db
      .select({ n: count() })
      .from(departments)
      .where(inArray(departments.name, ['engineering', 'Procurement']));
    expect(n?.n).toBe(0);
  });

  it('refuses an unknown manager or parent (422) and input that breaks the schema', async () => {
    const manager = await expectProblem(
      await createDepartment({ name: 'Ghosts', costCentre: 'CC-702', managerId: crypto.randomUUID() }),
      422,
    );
    expect(errorPaths(manager)).toEqual(['managerId']);
    const parent = await expectProblem(
      await createDepartment({ name: 'Ghosts', costCentre: 'CC-702', parentId: crypto.randomUUID() }),
      422,
    );
    expect(errorPaths(parent)).toEqual(['parentId']);
    const invalid = await expectProblem(await createDepartment({ name: 'X', costCentre: 'CC 7 02!' }), 422);
    expect(errorPaths(invalid)).toEqual(expect.arrayContaining(['name', 'costCentre']));
    await expectProblem(await createDepartment({ name: 'Ghosts', costCentre: 'CC-702', budget: 5 }), 422);
  });

  it('refuses a parent that would make a cycle (422 on parentId)', async () => {
    const top = await expectJson<Department>(await createDepartment({ name: 'Platform', costCentre: 'CC-610' }), 201);
    const sub = await expectJson<Department>(
      await createDepartment({ name: 'Platform SRE', costCentre: 'CC-611', parentId: top.id }),
      201,
    );
    const cycle = await expectProblem(await api.patch(`/departments/${top.id}`, hrStaff, { parentId: sub.id }), 422);
    expect(errorPaths(cycle)).toEqual(['parentId']);
    const self = await expectProblem(await api.patch(`/departments/${top.id}`, hrStaff, { parentId: top.id }), 422);
    expect(errorPaths(self)).toEqual(['parentId']);
    const [row] = await h.db.db.select().from(departments).where(eq(departments.id, top.id));
    expect(row?.parentId).toBeNull();
  });

  it('edits a department (200) and refuses a rename onto another department (409)', async () => {
    const d = await expectJson<Department>(await createDepartment({ name: 'Facilities', costCentre: 'CC-720' }), 201);
    const tarek = (await h.db.db.select().from(employees).where(eq(employees.workEmail, 'manager@konecta.local')))[0];
    const res = await api.patch(`/departments/${d.id}`, hrStaff, {
      name: 'Facilities & Security',
      managerId: tarek?.id,
    });
    expect(await expectJson<Department>(res)).toMatchObject({
      name: 'Facilities & Security',
      costCentre: 'CC-720',
      managerName: 'Tarek Mansour',
    });
    await expectProblem(await api.patch(`/departments/${d.id}`, hrStaff, { name: 'Sales' }), 409);
    // Renaming to its own name in another case is no clash.
    await expectJson(await api.patch(`/departments/${d.id}`, hrStaff, { name: 'FACILITIES & SECURITY' }));
    const unknown = await expectProblem(await api.patch(`/departments/${crypto.randomUUID()}`, hrStaff, {}), 404);
    expect(unknown.detail).toMatch(/no such department/);
  });

  it('deletes only an empty department: 409 while it has people or sub-departments, then 204', async () => {
    const engineering = await departmentId(h, 'Engineering');
    await expectProblem(await api.del(`/departments/${engineering}`, hrStaff), 409);
    const parent = await expectJson<Department>(await createDepartment({ name: 'Archive', costCentre: 'CC-730' }), 201);
    const child = await expectJson<Department>(
      await createDepartment({ name: 'Archive Vault', costCentre: 'CC-731', parentId: parent.id }),
      201,
    );
    await expectProblem(await api.del(`/departments/${parent.id}`, hrStaff), 409);
    expect((await api.del(`/departments/${child.id}`, hrStaff)).status).toBe(204);
    expect((await api.del(`/departments/${parent.id}`, hrStaff)).status).toBe(204);
    await expectProblem(await api.get(`/departments/${parent.id}`, hrStaff), 404);
    expect(await h.db.db.select().from(departments).where(eq(departments.id, parent.id))).toEqual([]);
  });

  it('lets an Employee read one department but not create, edit or delete (403), and needs a token (401)', async () => {
    const sales = await departmentId(h, 'Sales');
    expect(await expectJson<Department>(await api.get(`/departments/${sales}`, employee))).toMatchObject({
      name: 'Sales',
      managerName: 'Adel Shaker',
    });
    const denied = await expectProblem(
      await createDepartment({ name: 'Shadow IT', costCentre: 'CC-790' }, employee),
      403,
    );
    expect(denied.detail).toContain('hr.departments.manage');
    await expectProblem(await api.patch(`/departments/${sales}`, employee, { name: 'Mine' }), 403);
    await expectProblem(await api.del(`/departments/${sales}`, employee), 403);
    const anonymous = await expectProblem(await api.get('/departments'), 401);
    expect(anonymous.detail).toBeTruthy();
    await expectProblem(await createDepartment({ name: 'Shadow IT', costCentre: 'CC-790' }, ''), 401);
    const forged = await api.get('/departments', `${employee.slice(0, -4)}AAAA`);
    await expectProblem(forged, 401);
  });
});

describe('positions', () => {
  it('creates a position with a money band, stored in minor units', async () => {
    const legalId = await departmentId(h, 'Legal');
    const res = await api.post('/positions', hrStaff, {
      title: 'Counsel',
      departmentId: legalId,
      grade: 'P3',
      salaryMin: { amount: '1250.00', currency: 'EGP' },
      salaryMax: { amount: '90000', currency: 'EGP' },
    });
    const created = await expectJson<Position>(res, 201);
    expect(created).toMatchObject({
      title: 'Counsel',
      departmentId: legalId,
      grade: 'P3',
      salaryMin: { amount: '1250.00', currency: 'EGP' },
      salaryMax: { amount: '90000.00', currency: 'EGP' },
    });
    const [row] = await h.db.db.select().from(positions).where(eq(positions.id, created.id));
    expect(row).toMatchObject({ salaryMin: 125_000n, salaryMax: 9_000_000n, currency: 'EGP' });
  });

  it('validates the band: maximum below minimum and two currencies are 422', async () => {
    const legalId = await departmentId(h, 'Legal');
    const inverted = await expectProblem(
      await api.post('/positions', hrStaff, {
        title: 'Paralegal',
        departmentId: legalId,
        grade: 'P1',
        ...band('500', '400'),
      }),
      422,
    );
    expect(errorPaths(inverted)).toEqual(['salaryMax']);
    const currencies = await expectProblem(
      await api.post('/positions', hrStaff, {
        title: 'Paralegal',
        departmentId: legalId,
        grade: 'P1',
        ...band('400', '500', 'USD'),
      }),
      422,
    );
    expect(errorPaths(currencies)).toEqual(['salaryMax.currency']);
    const malformed = await expectProblem(
      await api.post('/positions', hrStaff, {
        title: 'Paralegal',
        departmentId: legalId,
        grade: 'P1',
        salaryMin: { amount: 400, currency: 'egp' },
        salaryMax: { amount: '1,000', currency: 'EGP' },
      }),
      422,
    );
    expect(errorPaths(malformed)).toEqual(
      expect.arrayContaining(['salaryMin.amount', 'salaryMin.currency', 'salaryMax.amount']),
    );
    const negative = await expectProblem(
      await api.post('/positions', hrStaff, {
        title: 'Paralegal',
        departmentId: legalId,
        grade: 'P1',
        salaryMin: { amount: '-0.01', currency: 'EGP' },
        salaryMax: { amount: '1000.001', currency: 'EGP' },
      }),
      422,
    );
    expect(errorPaths(negative)).toEqual(['salaryMin.amount', 'salaryMax.amount']);
    const unknownDepartment = await expectProblem(
      await api.post('/positions', hrStaff, {
        title: 'Paralegal',
        departmentId: crypto.randomUUID(),
        grade: 'P1',
        ...band('400', '500'),
      }),
      422,
    );
    expect(errorPaths(unknownDepartment)).toEqual(['departmentId']);
    const [n] = await h.db.db.select({ n: count() }).from(positions).where(eq(positions.title, 'Paralegal'));
    expect(n?.n).toBe(0);
  });

  it('refuses a duplicate title within a department (409) but allows it in another', async () => {
    const engineering = await departmentId(h, 'Engineering');
    const legalId = await departmentId(h, 'Legal');
    const body = { title: 'software engineer', departmentId: engineering, grade: 'P2', ...band('100', '200') };
    await expectProblem(await api.post('/positions', hrStaff, body), 409);
    await expectJson(await api.post('/positions', hrStaff, { ...body, departmentId: legalId }), 201);
  });

  it('lists positions, filtered by department', async () => {
    const engineering = await departmentId(h, 'Engineering');
    const all = await expectJson<{ items: Position[]; total: number }>(await api.get('/positions', employee));
    const [stored] = await h.db.db.select({ n: count() }).from(positions);
    expect(all.total).toBe(stored?.n);
    const mine = await expectJson<{ items: Position[]; total: number }>(
      await api.get(`/positions?departmentId=${engineering}`, employee),
    );
    expect(mine.items.map((p) => p.title)).toEqual(['Engineering Manager', 'QA Engineer', 'Software Engineer']);
    expect(mine.items.every((p) => p.departmentId === engineering)).toBe(true);
    await expectProblem(await api.get('/positions?departmentId=not-a-uuid', employee), 400);
  });

  it('edits a band and refuses an edit that inverts it', async () => {
    const id = await positionId(h, 'Legal', 'Counsel');
    const edited = await expectJson<Position>(
      await api.patch(`/positions/${id}`, hrStaff, { salaryMax: { amount: '95000.50', currency: 'EGP' } }),
    );
    expect(edited).toMatchObject({ title: 'Counsel', salaryMax: { amount: '95000.50', currency: 'EGP' } });
    const inverted = await expectProblem(
      await api.patch(`/positions/${id}`, hrStaff, { salaryMin: { amount: '100000', currency: 'EGP' } }),
      422,
    );
    expect(errorPaths(inverted)).toEqual(['salaryMax']);
    const [row] = await h.db.db.select().from(positions).where(eq(positions.id, id));
    expect(row).toMatchObject({ salaryMin: 125_000n, salaryMax: 9_500_050n });
  });

  it('deletes a position nobody holds (204); a held one is 409', async () => {
    const held = await positionId(h, 'Engineering', 'Software Engineer');
    const refused = await expectProblem(await api.del(`/positions/${held}`, hrStaff), 409);
    expect(refused.detail).toMatch(/employee\(s\) hold this position/);
    const free = await positionId(h, 'Legal', 'Counsel');
    expect((await api.del(`/positions/${free}`, hrStaff)).status).toBe(204);
    expect(await h.db.db.select().from(positions).where(eq(positions.id, free))).toEqual([]);
    await expectProblem(await api.del(`/positions/${free}`, hrStaff), 404);
    await expectProblem(await api.del(`/positions/${held}`, employee), 403);
    expect(
      (await json(await api.get(`/positions?departmentId=${await departmentId(h, 'Legal')}`, employee))).total,
    ).toBe(1);
  });
});
