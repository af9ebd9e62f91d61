/**
 * Test databases copied from states built once per `vitest` run.
 *
 * A fresh embedded database runs initdb (5–10 s on a busy 2-core machine), then the migrations,
 * then often a seed; doing that in every test file was most of `npm test`. Instead, the first
 * file that needs a state builds it under a lock and saves it (a PGlite data-folder tarball, or a
 * template database on PostgreSQL), and every file gets its own copy of it: a new PGlite started
 * from the tarball, or `CREATE DATABASE … TEMPLATE`. Each file still has its own database.
 *
 * The run folder comes from the global setup (`vitest.global-setup.ts` sets KONECTA_TEST_RUN_DIR);
 * without it (another config, a script) each database is built from scratch, as before.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import { migrate } from '@konecta/db';
import postgres from 'postgres';
import { createDatabase, type DatabaseHandle, pgliteStartParams } from './database';

/** A database state tests start from: a migrated database brought further by `prepare`. */
export interface TestSnapshot {
  /** Names the saved state, so it must be unique per recipe (letters, digits, `-`). */
  name: string;
  /** Brings a freshly migrated database to this state (a seed, reference data). */
  prepare(db: DatabaseHandle): Promise<void>;
}

/** An initdb'ed cluster with nothing of ours, a migrated one, or a snapshot recipe. */
export type TestState = 'empty' | 'migrated' | TestSnapshot;

export const RUN_DIR_ENV = 'KONECTA_TEST_RUN_DIR';

/** The current run's folder, when the global setup made one. */
export const testRunDir = (): string | undefined => process.env[RUN_DIR_ENV] || undefined;

const parentOf = (state: Exclude<TestState, 'empty'>): TestState => (state === 'migrated' ? 'empty' : 'migrated');
const keyOf = (state: TestState) =>
  typeof state === 'string' ? state : `snap_${state.name.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;

async function step(state: Exclude<TestState, 'empty'>, handle: DatabaseHandle): Promise<void> {
  if (state === 'migrated') await migrate(handle.db);
  else await state.prepare(handle);
}

export interface TestRun {
  /** Forgets every saved state, so the next file builds them afresh (a watch rerun). */
  reset(): Promise<void>;
  /** Forgets every saved state and removes the run folder. */
  end(): Promise<void>;
}

/** Starts a run (the global setup calls it): a folder for the saved states and the run's data key. */
export async function startTestRun(): Promise<TestRun> {
  const dir = join(tmpdir(), `konecta-test-run-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { mode: 0o700 });
  await writeFile(join(dir, 'data-key'), randomBytes(32).toString('base64'), { mode: 0o600 });
  process.env[RUN_DIR_ENV] = dir;
  const reset = async () => {
    await dropTemplates(dir);
    for (const file of await readdir(dir)) {
      if (file !== 'data-key') await rm(join(dir, file), { recursive: true, force: true });
    }
  };
  return {
    reset,
    async end() {
      delete process.env[RUN_DIR_ENV];
      await reset();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function dropTemplates(dir: string): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.template'));
  if (!serverUrl || !files.length) return;
  await withAdmin(serverUrl, async (sql) => {
    for (const file of files) {
      const name = (await readFile(join(dir, file), 'utf8')).trim();
      if (!(await sql`select 1 from pg_database where datname = ${name}`).length) continue;
      await sql.unsafe(`alter database ${name} with is_template false allow_connections true`);
      await sql.unsafe(`drop database ${name} with (force)`);
    }
  });
}

/** The run's data key (base64), so fields encrypted in a snapshot read back in every file. */
let processKey: string | undefined;
export function testDataKey(): string {
  const run = testRunDir();
  if (run) return readFileSync(join(run, 'data-key'), 'utf8').trim();
  processKey ??= randomBytes(32).toString('base64');
  return processKey;
}

/**
 * Runs `build` once per run for `key`, whichever worker asks first; the others wait for it.
 * A lock folder holds the builder's pid, so a builder process that died does not block the run.
 */
async function once(run: string, key: string, build: () => Promise<string>): Promise<string> {
  const done = join(run, `${key}.done`);
  const lock = join(run, `${key}.lock`);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      return readFileSync(done, 'utf8');
    } catch {}
    try {
      mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (builderDied(lock)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`test database state "${key}" was not built within 10 minutes`);
      else await sleep(50);
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      const result = await build();
      writeFileSync(`${done}.tmp`, result);
      await rename(`${done}.tmp`, done);
      return result;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function builderDied(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return false; // just taken: the pid is being written
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A new embedded database in this state. */
export async function openPgliteTestDatabase(state: TestState): Promise<DatabaseHandle> {
  const run = testRunDir();
  if (!run) return buildPglite(state);
  return createDatabase({ dataDir: 'memory', snapshot: await savedTarball(run, state) });
}

/** The run's saved data-folder tarball of this state, built by the first file that needs it. */
async function savedTarball(run: string, state: TestState): Promise<Blob> {
  const file = await once(run, keyOf(state), async () => {
    const handle = await buildPglite(state);
    try {
      const path = join(run, `${keyOf(state)}.tar`);
      await writeFile(path, Buffer.from(await (await dumpOf(handle)).arrayBuffer()));
      return path;
    } finally {
      await handle.close();
    }
  });
  return new Blob([await readFile(file)]);
}

/**
 * Puts this state where `createDatabase({ dataDir })` opens its embedded database
 * (`<dataDir>/pglite`), for tests of code that opens the database itself (the local runner, a
 * Lambda instance): a copy of a folder built once per run instead of initdb in every folder.
 */
export async function copyEmbeddedTestDatabase(dataDir: string, state: TestState): Promise<void> {
  const target = join(dataDir, 'pglite');
  const run = testRunDir();
  if (!run) return writeEmbeddedFolder(target, await tarballOf(await buildPglite(state)));
  const folder = await once(run, `${keyOf(state)}_folder`, async () => {
    const path = join(run, `${keyOf(state)}.folder`);
    // Straight from the saved tarball: opening it in memory to dump it again gave the same files.
    await writeEmbeddedFolder(path, await savedTarball(run, state));
    return path;
  });
  await cp(folder, target, { recursive: true });
}

/** A handle's data folder as a tarball; the handle is closed. */
async function tarballOf(handle: DatabaseHandle): Promise<Blob> {
  try {
    return await dumpOf(handle);
  } finally {
    await handle.close();
  }
}

async function writeEmbeddedFolder(path: string, tarball: Blob): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  await mkdir(path, { recursive: true });
  await (
    await PGlite.create({
      dataDir: path,
      loadDataDir: tarball,
      startParams: pgliteStartParams(PGlite.defaultStartParams),
    })
  ).close();
}

async function dumpOf(handle: DatabaseHandle): Promise<Blob> {
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  await client.exec('checkpoint');
  return client.dumpDataDir('none');
}

async function buildPglite(state: TestState): Promise<DatabaseHandle> {
  if (state === 'empty') return createDatabase({ dataDir: 'memory' });
  const handle = await openPgliteTestDatabase(parentOf(state));
  try {
    await step(state, handle);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

/** `serverUrl` with another database name. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(serverUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** Creates database `name` on the server in this state. */
export async function createPostgresTestDatabase(serverUrl: string, name: string, state: TestState): Promise<void> {
  if (state === 'empty') {
    await withAdmin(serverUrl, (sql) => sql.unsafe(`create database ${name}`));
    return;
  }
  const run = testRunDir();
  if (!run) return buildPostgres(serverUrl, name, state);
  const template = await once(run, keyOf(state), async () => {
    const id = run.slice(run.lastIndexOf('-') + 1);
    const templateName = `konecta_test_tpl_${id}_${keyOf(state)}`.slice(0, 63);
    // Recorded before it exists, so the teardown drops it even when the build fails halfway.
    await writeFile(join(run, `${keyOf(state)}.template`), templateName);
    await withAdmin(serverUrl, (sql) => sql.unsafe(`drop database if exists ${templateName} with (force)`));
    await buildPostgres(serverUrl, templateName, state);
    await sealTemplate(serverUrl, templateName);
    return templateName;
  });
  await createFromTemplate(serverUrl, name, template);
}

async function buildPostgres(serverUrl: string, name: string, state: Exclude<TestState, 'empty'>): Promise<void> {
  await createPostgresTestDatabase(serverUrl, name, parentOf(state));
  const handle = await createDatabase({ url: databaseUrl(serverUrl, name), poolMax: 4 });
  try {
    await step(state, handle);
  } finally {
    await handle.close();
  }
}

/**
 * PostgreSQL copies a template only while nobody is connected to it. Our connections are closed,
 * but a backend exits a moment after its client leaves: wait for that, then refuse connections
 * for good, so no copy ever finds the template busy.
 */
async function sealTemplate(serverUrl: string, name: string): Promise<void> {
  await withAdmin(serverUrl, async (sql) => {
    const deadline = Date.now() + 60_000;
    while ((await sql`select 1 from pg_stat_activity where datname = ${name}`).length) {
      if (Date.now() > deadline) throw new Error(`template ${name} still has connections after a minute`);
      await sleep(20);
    }
    await sql.unsafe(`alter database ${name} with is_template true allow_connections false`);
  });
}

async function createFromTemplate(serverUrl: string, name: string, template: string): Promise<void> {
  await withAdmin(serverUrl, async (sql) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await sql.unsafe(`create database ${name} template ${template}`);
        return;
      } catch (err) {
        // 55006: "source database is being accessed by other users" (a backend still leaving).
        if ((err as { code?: string }).code !== '55006' || Date.now() > deadline) throw err;
        await sleep(50);
      }
    }
  });
}
