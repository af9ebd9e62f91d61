import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { postgresSocket } from './postgres-socket';
import { databaseInTransaction } from './transaction';

export interface DatabaseOptions {
  /** postgres:// URL; without it the embedded PGlite database is used. */
  url?: string;
  /** Where PGlite keeps its files; `memory` for a throw-away database. */
  dataDir?: string | 'memory';
  /**
   * PGlite only: start from this data-folder tarball (`dumpDataDir()`) instead of an empty
   * cluster. Tests use it to skip initdb and migrations, which take seconds per database.
   */
  snapshot?: Blob;
  /** Behind RDS Proxy: no prepared statements, which would pin proxy connections. */
  proxy?: boolean;
  poolMax?: number;
  /** Seconds before a connection attempt gives up, so an outage fails fast (503) instead of hanging. */
  connectTimeoutSeconds?: number;
}

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Runs `select 1`; rejects when the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The embedded database's buffer cache (PostgreSQL's default is 128MB). PostgreSQL zeroes its
 * shared buffers at every start, and in WebAssembly that was most of opening a data folder (about
 * 0.4 s more for 128MB than for 16MB here). One connection on a laptop needs no more; the
 * operating system's file cache sits beneath it anyway.
 */
export const PGLITE_SHARED_BUFFERS = '16MB';

/** PGlite's own start parameters (`PGlite.defaultStartParams`) with the buffer cache above. */
export const pgliteStartParams = (defaults: readonly string[]) => [
  ...defaults,
  '-c',
  `shared_buffers=${PGLITE_SHARED_BUFFERS}`,
];

const engines = new WeakMap<Database, DatabaseHandle['kind']>();

/**
 * Which engine a database made by `createDatabase` runs on, for the rare statement whose cheapest
 * form differs between them (on PGlite every value of a row crosses into JavaScript on its own, so
 * one JSON value beats many rows; over postgres.js rows are cheaper than building JSON). Undefined
 * for a database made elsewhere.
 */
export function databaseKind(db: Database): DatabaseHandle['kind'] | undefined {
  return engines.get(db);
}

/**
 * The one database client factory: postgres.js when a URL is given (one connection and no
 * prepared statements inside Lambda behind RDS Proxy, a small pool in a container), PGlite
 * otherwise. PGlite is imported lazily so it never enters a Lambda bundle; postgres.js statically,
 * so a single-file bundle initialises Drizzle before any module-level `sql` template runs. No
 * schema is handed to Drizzle (nothing uses its relational `db.query` API): passing every table
 * here put every service's tables in every bundle.
 */
export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.poolMax ?? 10,
      prepare: !options.proxy,
      connect_timeout: options.connectTimeoutSeconds ?? 5,
      idle_timeout: 60,
      // After failed connections postgres.js waits before the next attempt (up to 20 s by default),
      // holding the queries queued for it; during an outage they should fail fast (503) instead,
      // and the first attempt after the database is back should succeed without a long wait.
      backoff: (failures: number) => Math.min(0.01 * 2 ** failures, 0.25),
      onnotice: () => {},
      connection: { application_name: 'konecta-erp' },
      // Not in postgres.js's types, but its documented way to supply the socket (see postgresSocket).
      ...({ socket: postgresSocket } as object),
    });
    const db = drizzlePostgres(client) as unknown as Database;
    engines.set(db, 'postgres');
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await client`select 1`;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let dir: string | undefined;
  if (options.dataDir && options.dataDir !== 'memory') {
    dir = join(options.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  const client = await PGlite.create({
    startParams: pgliteStartParams(PGlite.defaultStartParams),
    ...(dir ? { dataDir: dir } : {}),
    ...(options.snapshot ? { loadDataDir: options.snapshot } : {}),
  });
  const db = drizzle(client) as unknown as Database;
  engines.set(db, 'pglite');
  // PGlite has one connection: a query on the database itself while a transaction of ours is open
  // waits for that transaction forever. Fail loudly instead (use the transaction, or executorFor).
  for (const method of ['query', 'exec'] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (databaseInTransaction() === db) {
        return Promise.reject(new Error('Query on the database while its transaction is open: use the transaction.'));
      }
      return original(...args);
    };
  }
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}
