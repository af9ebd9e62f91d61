import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from './database';

/** Same table drizzle-kit uses, so `drizzle-kit migrate` and this function agree on what ran. */
const MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';
/** Arbitrary constant: concurrent migrators (several Lambdas, tests) take turns on it. */
const MIGRATION_LOCK_KEY = 727_401_2026;

/** The repository's `migrations/` folder, or `KONECTA_MIGRATIONS_DIR` (bundled deployments). */
export function defaultMigrationsFolder(): string {
  if (process.env.KONECTA_MIGRATIONS_DIR) return resolve(process.env.KONECTA_MIGRATIONS_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  return resolve('migrations');
}

export interface MigrationResult {
  applied: string[];
  total: number;
}

/**
 * Applies every migration not yet applied, in one transaction under an advisory lock, so two
 * processes starting together neither both apply nor see a half-migrated database. Used by the
 * local runner, the tests and the deploy-time migration step.
 */
export async function migrate(db: Database, migrationsFolder = defaultMigrationsFolder()): Promise<MigrationResult> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(
      sql`create table if not exists ${sql.raw(MIGRATIONS_TABLE)} (id serial primary key, hash text not null, created_at bigint)`,
    );
    const last = await tx.execute<{ created_at: string | number | null }>(
      sql`select created_at from ${sql.raw(MIGRATIONS_TABLE)} order by created_at desc limit 1`,
    );
    const lastAt = Number(rowsOf<{ created_at: string | number | null }>(last)[0]?.created_at ?? 0);
    for (const m of migrations) {
      if (m.folderMillis <= lastAt) continue;
      for (const statement of m.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into ${sql.raw(MIGRATIONS_TABLE)} (hash, created_at) values (${m.hash}, ${m.folderMillis})`,
      );
      applied.push(m.hash);
    }
  });
  return { applied, total: migrations.length };
}

/** postgres.js returns rows as the result; PGlite wraps them in `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
