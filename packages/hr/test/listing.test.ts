/** The employee list (search, filters, sort, paging) and the org chart. */
import { employees } from '@konecta/db';
import { and, count, eq, inArray, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHarness,
  departmentId,
  type EmployeeBody,
  employeeByEmail,
  errorPaths,
  expectJson,
  expectProblem,
  type Harness,
  newHire,
  requester,
  tokenAs,
} from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let hrAdmin: string;
let employee: string;

interface Page {
  items: (EmployeeBody & { lastName: string; firstName: string; hireDate?: string })[];
  total: number;
  limit: number;
  offset: number;
}
interface OrgNode {
  id: string;
  fullName: string;
  positionTitle: string | null;
  departmentName: string | null;
  reports: OrgNode[];
}

beforeAll(async () => {
  h = await createHarness({ seed: true });
  api = requester(h.app);
  hrAdmin = await tokenAs(h.keys, 'HR Admin');
  employee = await tokenAs(h.keys, 'Employee', (await employeeByEmail(h, 'employee@konecta.local')).id);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const page = async (query: string, token = hrAdmin) => expectJson<Page>(await api.get(`/employees?${query}`, token));
const stored = async (where?: SQL) => (await h.db.db.select({ n: count() }).from(employees).where(where))[0]?.n ?? 0;

describe('searching', () => {
  it('finds people by first, last or full name, case-insensitively', async () => {
    const byFirst = await page('search=nOUR', employee);
    expect(byFirst.items.map((e) => e.fullName)).toEqual(['Nour Adel']);
    const byFull = await page(`search=${encodeURIComponent('Tarek Mansour')}`);
    expect(byFull.items.map((e) => e.workEmail)).toEqual(['manager@konecta.local']);
    const byLast = await page('search=hassan&limit=200');
    expect(byLast.total).toBeGreaterThan(0);
    for (const e of byLast.items) expect(`${e.firstName} ${e.lastName}`.toLowerCase()).toContain('hassan');
  });

  it('finds people by work email and by employee number', async () => {
    expect((await page('search=finance.manager@')).items.map((e) => e.fullName)).toEqual(['Mona Fathy']);
    const nour = await employeeByEmail(h, 'employee@konecta.local');
    const byNumber = await page(`search=${nour.number}`);
    expect(byNumber).toMatchObject({ total: 1, items: [{ id: nour.id }] });
  });

  it('treats % and _ as plain characters', async () => {
    expect(await page('search=%25')).toMatchObject({ total: 0, items: [] });
    expect(await page('search=_')).toMatchObject({ total: 0, items: [] });
  });
});

describe('filtering', () => {
  it('by department and by manager, with totals that match what is stored', async () => {
    const engineering = await departmentId(h, 'Engineering');
    const inDept = await page(`departmentId=${engineering}&limit=200`);
    expect(inDept.total).toBe(await stored(eq(employees.departmentId, engineering)));
    expect(inDept.items.every((e) => e.departmentId === engineering)).toBe(true);
    const tarek = await employeeByEmail(h, 'manager@konecta.local');
    const team = await page(`managerId=${tarek.id}&limit=200`);
    expect(team.total).toBe(await stored(eq(employees.managerId, tarek.id)));
    expect(team.total).toBeGreaterThan(1);
    expect(team.items.every((e) => e.managerId === tarek.id)).toBe(true);
    const both = await page(`departmentId=${await departmentId(h, 'Sales')}&managerId=${tarek.id}`);
    expect(both.total).toBe(0);
  });

  it('by employment type and by status', async () => {
    const contractor = await expectJson<EmployeeBody>(
      await api.post('/employees', hrAdmin, newHire({ lastName: 'Contractor', employmentType: 'contract' })),
      201,
    );
    const contracts = await page('employmentType=contract');
    expect(contracts.items.map((e) => e.id)).toEqual([contractor.id]);
    await expectJson(
      await api.post(`/employees/${contractor.id}/terminate`, hrAdmin, { exitDate: '2025-03-31', reason: 'Ended' }),
    );
    const terminated = await page('status=terminated');
    expect(terminated).toMatchObject({ total: 1, items: [{ id: contractor.id, status: 'terminated' }] });
    expect((await page('status=active')).total).toBe(await stored(eq(employees.status, 'active')));
    expect((await page('status=on_leave')).total).toBe(0);
  });

  it('answers 400 for filters that are not valid', async () => {
    const problem = await expectProblem(await api.get('/employees?status=fired', hrAdmin), 400);
    expect(errorPaths(problem)).toEqual(['query.status']);
    await expectProblem(await api.get('/employees?departmentId=engineering', hrAdmin), 400);
    await expectProblem(await api.get('/employees?sort=salary', hrAdmin), 400);
  });
});

describe('sorting and paging', () => {
  it('sorts by name by default and on request', async () => {
    const byName = await page('limit=200');
    const names = byName.items.map((e) => [e.lastName, e.firstName] as const);
    for (let i = 1; i < names.length; i++) {
      const [prev, cur] = [names[i - 1], names[i]] as [readonly [string, string], readonly [string, string]];
      expect(prev[0].localeCompare(cur[0]) || prev[1].localeCompare(cur[1])).toBeLessThanOrEqual(0);
    }
    expect((await page('sort=name&limit=200')).items.map((e) => e.id)).toEqual(byName.items.map((e) => e.id));
    expect((await page('sort=-name&limit=200')).items[0]?.lastName).toBe(names.at(-1)?.[0]);
  });

  it('sorts by hire date, newest first with -hireDate', async () => {
    const newest = await page('sort=-hireDate&limit=200');
    const dates = newest.items.map((e) => e.hireDate as string);
    expect(dates).toHaveLength(newest.total);
    expect(dates).toEqual([...dates].sort().reverse());
    const oldest = await page('sort=hireDate&limit=1');
    expect(oldest.items[0]?.fullName).toBe('Sameh Rashad');
  });

  it('pages with limit and offset: stable, complete, with the total', async () => {
    const total = await stored();
    const seen: string[] = [];
    for (let offset = 0; offset < total; offset += 7) {
      const p = await page(`limit=7&offset=${offset}&sort=number`, employee);
      expect(p).toMatchObject({ total, limit: 7, offset });
      expect(p.items.length).toBe(Math.min(7, total - offset));
      seen.push(...p.items.map((e) => e.id));
    }
    expect(new Set(seen).size).toBe(total);
    expect(await page(`offset=${total}`)).toMatchObject({ items: [], total });
    expect(await page('')).toMatchObject({ limit: 50, offset: 0 });
  });

  it('caps the limit at 200 and refuses nonsense paging (400)', async () => {
    const over = await expectProblem(await api.get('/employees?limit=201', hrAdmin), 400);
    expect(errorPaths(over)).toEqual(['query.limit']);
    await expectProblem(await api.get('/employees?limit=0', hrAdmin), 400);
    await expectProblem(await api.get('/employees?offset=-1', hrAdmin), 400);
    await expectProblem(await api.get('/employees?limit=ten', hrAdmin), 400);
    expect((await page('limit=200')).items.length).toBeLessThanOrEqual(200);
  });
});

describe('org chart', () => {
  const flatten = (nodes: OrgNode[]): OrgNode[] => nodes.flatMap((n) => [n, ...flatten(n.reports)]);
  const find = (nodes: OrgNode[], name: string) => flatten(nodes).find((n) => n.fullName === name);

  it('is one tree under the CEO with the demo managers beneath', async () => {
    const { roots } = await expectJson<{ roots: OrgNode[] }>(await api.get('/org-chart', employee));
    expect(roots.map((r) => r.fullName)).toEqual(['Sameh Rashad']);
    const ceo = roots[0] as OrgNode;
    expect(ceo).toMatchObject({ positionTitle: 'Chief Executive', departmentName: 'Executive Office' });
    expect(ceo.reports.map((r) => r.fullName)).toEqual(
      expect.arrayContaining(['Hana Haddad', 'Mona Fathy', 'Youssef Salem', 'Tarek Mansour', 'Adel Shaker']),
    );
    const tarek = ceo.reports.find((r) => r.fullName === 'Tarek Mansour');
    expect(tarek?.reports.map((r) => r.fullName)).toContain('Nour Adel');
    expect(tarek?.reports.every((r) => r.departmentName === 'Engineering')).toBe(true);
    const current = await stored(inArray(employees.status, ['active', 'on_leave']));
    expect(flatten(roots)).toHaveLength(current);
  });

  it('leaves out people who left; their reports move up to their manager', async () => {
    const youssef = await employeeByEmail(h, 'inventory@konecta.local');
    const team = await h.db.db
      .select({ id: employees.id })
      .from(employees)
      .where(and(eq(employees.managerId, youssef.id), eq(employees.status, 'active')));
    expect(team.length).toBeGreaterThan(0);
    await expectJson(
      await api.post(`/employees/${youssef.id}/terminate`, hrAdmin, { exitDate: '2026-01-15', reason: 'Retired' }),
    );
    const { roots } = await expectJson<{ roots: OrgNode[] }>(await api.get('/org-chart', employee));
    expect(find(roots, 'Youssef Salem')).toBeUndefined();
    expect(flatten(roots).some((n) => n.id === youssef.id)).toBe(false);
    const ceo = roots[0] as OrgNode;
    const underCeo = new Set(ceo.reports.map((r) => r.id));
    for (const member of team) expect(underCeo.has(member.id)).toBe(true);
    expect(flatten(roots)).toHaveLength(await stored(inArray(employees.status, ['active', 'on_leave'])));
  });

  it('needs a token and hr.employees.read', async () => {
    await expectProblem(await api.get('/org-chart'), 401);
    await expectProblem(await api.get('/org-chart', await h.keys.tokenFor(['hr.departments.read'])), 403);
  });
});

describe('people pickers', () => {
  it('search on the server among 2,000 people: 20 at a time, only current people in the caller’s scope', async () => {
    const engineering = await departmentId(h, 'Engineering');
    const crowd = Array.from({ length: 2000 }, (_, i) => ({
      number: `EMP-P${String(i).padStart(5, '0')}`,
      firstName: 'Picker',
      lastName: `Person${String(i).padStart(4, '0')}`,
      workEmail: `picker.${i}@konecta.local`,
      hireDate: '2024-01-01',
      departmentId: i % 2 ? engineering : null,
      status: i % 10 === 0 ? ('terminated' as const) : ('active' as const),
      salaryAmount: 1_000_000n,
      salaryCurrency: 'EGP',
    }));
    await h.db.db.insert(employees).values(crowd);

    const found = await page('search=picker&current=true&limit=20');
    expect(found.items).toHaveLength(20);
    expect(found.total).toBe(1800);
    expect(found.items.every((e) => String(e.fullName).startsWith('Picker Person'))).toBe(true);
    expect((await page('search=Person0010&current=true')).items).toHaveLength(0);
    expect((await page('search=Person0010')).items).toHaveLength(1);

    // A manager's picker offers his department only; the directory answer would offer everyone.
    const tarek = await employeeByEmail(h, 'manager@konecta.local');
    const managerToken = await tokenAs(h.keys, 'Department Manager', tarek.id);
    const mine = await page('search=picker&current=true&scope=mine&limit=200', managerToken);
    expect(mine.total).toBe(crowd.filter((c, i) => c.departmentId && i % 10 !== 0).length);
    expect(mine.items.every((e) => e.departmentId === engineering && e.visibility === 'full')).toBe(true);
    expect((await page('search=picker&current=true&limit=1', managerToken)).total).toBe(1800);
    const bad = await expectProblem(await api.get('/employees?scope=everyone', hrAdmin), 400);
    expect(errorPaths(bad).join()).toContain('scope');
  });
});
