import { appendFile, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, defaultMigrationsFolder, migrate, rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { PGLITE_SHARED_BUFFERS } from '../src/database';
import { createDatabase, type DatabaseHandle, databaseKind } from '../src/index';
import { createTestDatabase } from '../src/testing';

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  // Extra connections first: closing the test database drops it.
  for (const h of handles.splice(0).reverse()) await h.close();
});

async function emptyDatabase() {
  const db = await createTestDatabase({ migrate: false });
  handles.push(db);
  return db;
}

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

const schemaNames = (db: Database) =>
  rows<{ name: string }>(
    db,
    sql`select schema_name as name from information_schema.schemata
        where schema_name in ('platform', 'auth', 'hr', 'finance', 'operation', 'reporting') order by 1`,
  ).then((r) => r.map((s) => s.name));

const platformTables = (db: Database) =>
  rows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'platform' order by 1`,
  ).then((r) => r.map((t) => t.name));

const recordedMigrations = async (db: Database) =>
  Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]?.n);

// Each test copies the run's empty database, which the first file to ask builds (initdb, seconds
// on an idle machine, far more on a loaded one): this is only the deadline for a hung test.
describe('migrate', { timeout: 120_000 }, () => {
  it('builds an empty database: every service schema and the platform tables', async () => {
    const { db } = await emptyDatabase();
    expect(await schemaNames(db)).toEqual([]);

    const result = await migrate(db);
    expect(result.applied).toHaveLength(result.total);
    expect(result.total).toBeGreaterThan(0);
    expect(await schemaNames(db)).toEqual(['auth', 'finance', 'hr', 'operation', 'platform', 'reporting']);
    expect(await platformTables(db)).toEqual(['audit_log', 'consumed_events', 'outbox']);
    expect(await recordedMigrations(db)).toBe(result.total);
  });

  it('knows which engine a database it made runs on', async () => {
    const handle = await emptyDatabase();
    expect(databaseKind(handle.db)).toBe(handle.kind);
    expect(databaseKind({} as Database)).toBeUndefined();
  });

  it('starts the embedded database with a small buffer cache (opening it zeroes the whole cache)', async () => {
    const handle = await emptyDatabase();
    const [row] = await rows<{ size: string }>(handle.db, sql`select current_setting('shared_buffers') as size`);
    // On a PostgreSQL server the setting is the server's own.
    if (handle.kind === 'pglite') expect(row?.size).toBe(PGLITE_SHARED_BUFFERS);
    else expect(row?.size).toMatch(/^\d+[kMG]B$/);
  });

  it('applies nothing the second time', async () => {
    const { db } = await emptyDatabase();
    const first = await migrate(db);
    const second = await migrate(db);
    expect(second).toEqual({ applied: [], total: first.total });
    expect(await recordedMigrations(db)).toBe(first.total);
  });

  it('rolls back a migration that fails part-way: no half-migrated database', async () => {
    const { db } = await emptyDatabase();
    const folder = await mkdtemp(join(tmpdir(), 'konecta-migrations-'));
    try {
      await cp(defaultMigrationsFolder(), folder, { recursive: true });
      const [file] = (await readdir(folder)).filter((f) => f.endsWith('.sql'));
      // The last statement fails after the schemas and tables were created.
      await appendFile(
        join(folder, file ?? ''),
        '\n--> statement-breakpoint\nCREATE TABLE "platform"."outbox" ("x" int);',
      );
      await expect(migrate(db, folder)).rejects.toThrow();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    expect(await schemaNames(db)).toEqual([]);
    const retried = await migrate(db);
    expect(retried.applied).toHaveLength(retried.total);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'lets two processes migrate at once: both succeed, each migration recorded once',
    async () => {
      const first = await emptyDatabase();
      const second = await createDatabase({ url: first.url });
      handles.push(second);

      const [a, b] = await Promise.all([migrate(first.db), migrate(second.db)]);
      expect(a.applied.length + b.applied.length).toBe(a.total);
      expect([a.applied.length, b.applied.length].sort()).toEqual([0, a.total]);
      expect(await recordedMigrations(first.db)).toBe(a.total);
      expect(await platformTables(second.db)).toEqual(['audit_log', 'consumed_events', 'outbox']);
    },
  );
});
