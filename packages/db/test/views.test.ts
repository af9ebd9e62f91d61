/**
 * The published views are defined by SQL migrations and declared for their readers in
 * `src/*.views.ts`; this compares the two on a migrated database, so neither can change alone.
 * (PostgreSQL reports every view column as nullable, so nullability is the declaration's word.)
 */
import { createTestDatabase, type TestDatabase } from '@konecta/core/testing';
import { is, sql } from 'drizzle-orm';
import { getViewConfig, PgColumn, PgView } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as db from '../src/index';
import { rowsOf } from '../src/index';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await database?.close();
});

const declaredViews = (Object.values(db) as unknown[]).filter((value): value is PgView => is(value, PgView));

interface ColumnRow {
  column_name: string;
  data_type: string;
  udt_name: string;
  numeric_precision: number | null;
  numeric_scale: number | null;
}

/** A column's type as Drizzle writes it (`numeric(6, 2)`, an enum by its name). */
function typeOf(c: ColumnRow): string {
  if (c.data_type === 'USER-DEFINED') return c.udt_name;
  if (c.data_type === 'numeric' && c.numeric_precision !== null) {
    return `numeric(${c.numeric_precision}, ${c.numeric_scale})`;
  }
  return c.data_type;
}

async function columnsOf(schema: string, view: string): Promise<[string, string][]> {
  const rows = rowsOf<ColumnRow>(
    await database.db.execute(sql`
      select column_name, data_type, udt_name, numeric_precision, numeric_scale
      from information_schema.columns
      where table_schema = ${schema} and table_name = ${view}
      order by ordinal_position`),
  );
  return rows.map((c) => [c.column_name, typeOf(c)]);
}

describe('published views: declarations and migrations agree', () => {
  it('declares every view the migrations create, and no other', async () => {
    const inDatabase = rowsOf<{ name: string }>(
      await database.db.execute(sql`
        select table_schema || '.' || table_name as name from information_schema.views
        where table_schema in ('platform', 'auth', 'hr', 'finance', 'operation', 'reporting')`),
    ).map((v) => v.name);
    const declared = declaredViews.map((v) => {
      const { schema, name } = getViewConfig(v);
      return `${schema}.${name}`;
    });
    expect(declared.sort()).toEqual(inDatabase.sort());
  });

  for (const view of declaredViews) {
    const { schema = 'public', name, selectedFields } = getViewConfig(view);
    it(`${schema}.${name}: the same columns, in the same order, of the same types`, async () => {
      const declared = Object.values(selectedFields).map((field) => {
        if (!is(field, PgColumn)) throw new Error(`${name}: declare columns only, not expressions`);
        return [field.name, field.getSQLType()];
      });
      expect(declared).toEqual(await columnsOf(schema, name));
    });
  }
});
