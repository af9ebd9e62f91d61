/**
 * Shared set-up for the finance suites: a database of the file's own with the standard chart, a
 * context on a settable clock, the app, tokens per default role, and small ledger helpers.
 */
import { randomUUID } from 'node:crypto';
import {
  defaultRoles,
  type FixedClock,
  fixedClock,
  type ServiceDeps,
  systemActor,
  toProblemError,
} from '@konecta/core';
import { serviceRequester } from '@konecta/core/test-http';
import {
  createTestDatabase,
  createTestKeys,
  type TestDatabase,
  type TestKeys,
  type TestSnapshot,
  testDeps,
} from '@konecta/core/testing';
import { accounts, rowsOf } from '@konecta/db';
import { type SQL, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { installStandardChart } from '../src/accounts/chart';
import { createApp } from '../src/app';
import { financeConstraints, financeRules } from '../src/constraints';

export { expectJson, expectProblem, type Problem } from '@konecta/core/test-http';

import { type FinanceContext, financeContext } from '../src/context';
import { type EntryLineInput, postNewEntry } from '../src/journals/entries';
import { createFiscalYear } from '../src/periods/periods';

export type RoleName = keyof typeof defaultRoles & string;
export const roleNames = Object.keys(defaultRoles) as RoleName[];
export const system = systemActor('finance');

/** The standard chart, installed once per run and copied into each file's database. */
export const standardChartState: TestSnapshot = {
  name: 'finance-standard-chart',
  async prepare(db) {
    await installStandardChart(db.db);
  },
};

export interface Harness {
  db: TestDatabase;
  keys: TestKeys;
  deps: ServiceDeps;
  ctx: FinanceContext;
  clock: FixedClock;
  app: ReturnType<typeof createApp>;
  /** Account ids by code. */
  account: (code: string) => string;
  close(): Promise<void>;
}

export async function createHarness(options: { now?: string; env?: Record<string, string> } = {}): Promise<Harness> {
  const db = await createTestDatabase({ snapshot: standardChartState });
  const keys = await createTestKeys();
  const clock = fixedClock(options.now ?? '2026-03-15T10:00:00Z');
  const deps = testDeps(db, keys, { KONECTA_DATA_DIR: 'memory', ...options.env }, { clock });
  const ctx = financeContext(deps);
  const app = createApp(deps, ctx);
  const rows = await db.db.select({ id: accounts.id, code: accounts.code }).from(accounts);
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  const account = (code: string) => {
    const id = ids.get(code);
    if (!id) throw new Error(`no account ${code}`);
    return id;
  };
  return { db, keys, deps, ctx, clock, app, account, close: () => db.close() };
}

/** `createFiscalYear` as the system. */
export const openYear = (h: Harness, year: number) => createFiscalYear(h.ctx, system, { year });

/** Minor units from pounds: `egp(1250.5)` → 125050n. */
export const egp = (amount: number) => BigInt(Math.round(amount * 100));

/** A line: `dr('1120', 100)` debits 100.00 to account 1120. */
export const dr = (h: Harness, code: string, amount: number): EntryLineInput => ({
  accountId: h.account(code),
  debit: egp(amount),
  credit: 0n,
});
export const cr = (h: Harness, code: string, amount: number): EntryLineInput => ({
  accountId: h.account(code),
  debit: 0n,
  credit: egp(amount),
});

/** Posts a manual entry as the system. */
export const post = (h: Harness, date: string, lines: EntryLineInput[], memo = 'test') =>
  postNewEntry(h.ctx, system, { date, memo, lines });

/** A signed user token holding exactly the permissions of a default role. */
export function tokenAs(keys: TestKeys, role: RoleName, sub: string = randomUUID()): Promise<string> {
  return keys.tokenFor([...(defaultRoles[role]?.permissions ?? [])], { sub, roles: [role] });
}

/** `app.request` against `/api/finance`. */
export const requester = (app: Harness['app']) => serviceRequester(app, '/api/finance');

/** The error a promise rejects with (or a failure when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (err: unknown) => err,
  );
}

/** A raw statement's outcome: 'accepted', or the status of the problem its refusal maps to. */
export const sqlOutcome = (h: Harness, q: SQL) =>
  h.db.db.execute(q).then(
    () => 'accepted' as const,
    (err: unknown) => toProblemError(err, { ...financeConstraints, ...financeRules })?.status,
  );

/** Debits equal credits over every posted line (the trial balance balances). */
export async function expectBalancedLedger(h: Harness): Promise<void> {
  const [row] = rowsOf<{ d: string; c: string }>(
    await h.db.db.execute(
      sql`select sum(debit)::text as d, sum(credit)::text as c from finance.journal_lines where posted`,
    ),
  );
  expect(row?.d).toBe(row?.c);
}
