/**
 * Shared set-up for the HR organisation suites: one database, keys and app per test file, tokens
 * per default role, and small request and lookup helpers.
 */
import { randomUUID } from 'node:crypto';
import { defaultRoles, type FixedClock, fixedClock, type ServiceDeps } from '@konecta/core';
import { serviceRequester } from '@konecta/core/test-http';
import {
  createTestDatabase,
  createTestDataDir,
  createTestKeys,
  type TestDatabase,
  type TestKeys,
  type TestSnapshot,
  testDeps,
} from '@konecta/core/testing';
import { departments, employees, positions } from '@konecta/db';
import { and, eq } from 'drizzle-orm';
import { createApp } from '../src/app';

export { errorPaths, expectJson, expectProblem, type Problem } from '@konecta/core/test-http';

import { type HrContext, hrContext } from '../src/context';
import { seedOrganisation } from '../src/seed';

export type RoleName = keyof typeof defaultRoles & string;
export const roleNames = Object.keys(defaultRoles) as RoleName[];

/** A loosely typed employee as the API answers it. */
export type EmployeeBody = Record<string, unknown> & {
  id: string;
  number: string;
  visibility: 'directory' | 'full' | 'pay';
  departmentId: string | null;
  managerId: string | null;
};

export interface Harness {
  db: TestDatabase;
  keys: TestKeys;
  deps: ServiceDeps;
  ctx: HrContext;
  /** The clock the app and its domain functions read; it stands still until a test moves it. */
  clock: FixedClock;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/**
 * The demo organisation, seeded once per run (about half of a file's set-up time when each file
 * seeded it) and copied into each file's database. Seeded on the real clock, like `npm start`.
 */
export const demoOrganisation: TestSnapshot = {
  name: 'hr-demo-organisation',
  async prepare(db) {
    const dataDir = await createTestDataDir();
    try {
      await seedOrganisation(hrContext(testDeps(db, await createTestKeys(), { KONECTA_DATA_DIR: dataDir.path })));
    } finally {
      await dataDir.remove();
    }
  },
};

/**
 * A database of its own, keys and HR app for one test file; `seed` starts from the demo
 * organisation. The clock the app reads starts at `now` (the real time unless given) and moves only
 * when the test moves it.
 */
export async function createHarness(options: { seed?: boolean; now?: Date | string } = {}): Promise<Harness> {
  const db = await createTestDatabase(options.seed ? { snapshot: demoOrganisation } : {});
  const dataDir = await createTestDataDir();
  const keys = await createTestKeys();
  const clock = fixedClock(options.now ?? new Date());
  const deps = testDeps(db, keys, { KONECTA_DATA_DIR: dataDir.path }, { clock });
  const ctx = hrContext(deps);
  const app = createApp(deps, ctx);
  const close = async () => {
    await db.close();
    await dataDir.remove();
  };
  return { db, keys, deps, ctx, clock, app, close };
}

/** A signed user token holding exactly the permissions of a default role, linked to `emp` when given. */
export function tokenAs(keys: TestKeys, role: RoleName, emp?: string, sub: string = randomUUID()): Promise<string> {
  return keys.tokenFor([...(defaultRoles[role]?.permissions ?? [])], { sub, roles: [role], ...(emp ? { emp } : {}) });
}

/** `app.request` against `/api/hr`, with a bearer token and a JSON body when given. */
export const requester = (app: Harness['app']) => serviceRequester(app, '/api/hr');

export async function employeeByEmail(h: Harness, email: string) {
  const [row] = await h.db.db.select().from(employees).where(eq(employees.workEmail, email));
  if (!row) throw new Error(`no employee ${email}`);
  return row;
}

export async function employeeRow(h: Harness, id: string) {
  const [row] = await h.db.db.select().from(employees).where(eq(employees.id, id));
  if (!row) throw new Error(`no employee ${id}`);
  return row;
}

export async function departmentId(h: Harness, name: string): Promise<string> {
  const [row] = await h.db.db.select({ id: departments.id }).from(departments).where(eq(departments.name, name));
  if (!row) throw new Error(`no department ${name}`);
  return row.id;
}

export async function positionId(h: Harness, department: string, title: string): Promise<string> {
  const [row] = await h.db.db
    .select({ id: positions.id })
    .from(positions)
    .where(and(eq(positions.title, title), eq(positions.departmentId, await departmentId(h, department))));
  if (!row) throw new Error(`no position ${department}/${title}`);
  return row.id;
}

let hires = 0;
/** A valid hiring body (a Software Engineer in Engineering unless overridden), unique per call. */
export function newHire(overrides: Record<string, unknown> = {}) {
  hires += 1;
  const tag = `${Date.now().toString(36)}${hires}`;
  return {
    firstName: 'Test',
    lastName: `Hire${hires}`,
    workEmail: `hire.${tag}@konecta.local`,
    hireDate: '2024-02-01',
    salary: { amount: '40000.00', currency: 'EGP' },
    ...overrides,
  };
}

/** The fields every colleague may see (`visibility: 'directory'`), and nothing else. */
export const directoryFields = [
  'id',
  'number',
  'firstName',
  'lastName',
  'fullName',
  'workEmail',
  'phone',
  'positionId',
  'positionTitle',
  'departmentId',
  'departmentName',
  'managerId',
  'managerName',
  'status',
  'visibility',
].sort();

/** Fields only those allowed to see pay get. */
export const payFields = ['salary', 'salaryPeriod', 'nationalId', 'payoutAccount'];
