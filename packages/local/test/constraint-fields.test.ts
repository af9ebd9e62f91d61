/**
 * A 4xx caused by a database constraint names the request field and says what to do; it never
 * names the constraint. Before, a 422 answered `"constraint": "employees_salary_check"`. Every
 * check and unique constraint of every service's schema must be declared in that service's map
 * (`hrConstraints`, `authConstraints`, …), so a constraint added later without one fails here.
 */
import { authConstraints } from '@konecta/auth/constraints';
import { type ConstraintFields, catalogue, domainServices, toProblemError } from '@konecta/core';
import { createTestDatabase, type TestDatabase } from '@konecta/core/testing';
import { employees } from '@konecta/db';
import { financeConstraints } from '@konecta/finance/constraints';
import { hrConstraints } from '@konecta/hr/constraints';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Each service's declared constraints; a service whose schema gains constraints adds its map here. */
const declared: Partial<Record<(typeof domainServices)[number], ConstraintFields>> = {
  auth: authConstraints,
  hr: hrConstraints,
  finance: financeConstraints,
};

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.close());

/** The check constraints, unique constraints and unique indexes (not primary keys) of a schema. */
async function constraintsOf(schema: string): Promise<string[]> {
  const rows = await db.db.execute<{ name: string }>(sql`
    select c.conname as name from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where n.nspname = ${schema} and c.contype in ('c', 'u')
    union
    select i.relname as name from pg_index x
      join pg_class i on i.oid = x.indexrelid join pg_namespace n on n.oid = i.relnamespace
     where n.nspname = ${schema} and x.indisunique and not x.indisprimary`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: { name: string }[] }).rows;
  return list.map((r) => r.name).sort();
}

describe('database constraints as a client meets them', () => {
  it.each(domainServices.filter((s) => catalogue[s].schema))('every constraint of %s is declared', async (name) => {
    const schema = catalogue[name].schema as string;
    const found = await constraintsOf(schema);
    const map = declared[name] ?? {};
    expect(found.filter((c) => !map[c])).toEqual([]);
    // And nothing declared that the schema does not have (a renamed constraint leaves no stale entry).
    expect(Object.keys(map).filter((c) => !found.includes(c))).toEqual([]);
  });

  it('a violated check answers 422 naming the field, not the constraint', async () => {
    const err = await db.db
      .insert(employees)
      .values({
        number: 'EMP-CHECK',
        firstName: 'Neg',
        lastName: 'Ative',
        workEmail: 'negative.salary@konecta.local',
        hireDate: '2026-01-05',
        salaryAmount: -1n,
        salaryCurrency: 'EGP',
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const problem = toProblemError(err, hrConstraints);
    expect(problem?.status).toBe(422);
    expect(problem?.extra.errors).toEqual([{ path: 'salary.amount', message: 'The salary cannot be negative.' }]);
    expect(JSON.stringify({ detail: problem?.detail, ...problem?.extra })).not.toContain('employees_salary_check');
  });
});
