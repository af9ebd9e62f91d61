/**
 * PostgreSQL restarting under load (DATABASE_URL mode): the app's connections end with `57P01`
 * (terminated by the administrator, as a shutdown does) and new ones are refused until it is back.
 * Meanwhile every request that needs the database answers 503 with Retry-After at once, readiness
 * says not ready, and nothing answers 500 or hangs; once the database is back, requests succeed
 * again within seconds, in the same process. The machine's PostgreSQL is shared, so the restart is
 * staged with a TCP proxy between the app and it, plus pg_terminate_backend of the app's sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue, createDatabase, loadConfig, problemFromDatabaseError } from '@konecta/core';
import { createTestDatabase, type TestDatabase } from '@konecta/core/testing';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPlatform, startLocal } from '../src';
import { freePortOffset } from './ports';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

// Shifted ports so the suite never collides with a running `npm start` or the other runner suites.
const OFFSET = await freePortOffset(24000);
const gateway = `http://127.0.0.1:${catalogue.gateway.port + OFFSET}`;
/** postgres.js gives up on a connection attempt after this long (the kernel's default). */
const CONNECT_TIMEOUT_MS = 5_000;
const WORKERS = 6;

let database: TestDatabase;
let proxy: TcpProxy;
let platform: LocalPlatform | undefined;
let dataDir: string;
let employee: string;

/** Starts a proxy to the test database; returns it with the database's URL through it. */
async function proxied(): Promise<{ proxy: TcpProxy; url: string }> {
  const target = new URL(database.url as string);
  const started = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const via = new URL(target);
  via.hostname = '127.0.0.1';
  via.port = String(started.port);
  return { proxy: started, url: via.toString() };
}

/** Ends server sessions as a shutting-down server does: FATAL 57P01 to each, then it closes. */
async function terminateBackends(where: { pid?: number; clientPorts?: number[] }): Promise<void> {
  const admin = postgres(process.env.TEST_DATABASE_URL as string, { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_terminate_backend(pid) from pg_stat_activity
                where datname = ${database.name as string}
                  and (pid = ${where.pid ?? -1} or client_port = any(${where.clientPorts ?? []}))`;
  } finally {
    await admin.end();
  }
}

/** Exceptions thrown outside every request, which would end `npm start` (vitest only reports them). */
function watchUncaught(): { stop(): unknown[] } {
  const seen: unknown[] = [];
  const record = (err: unknown) => seen.push(err);
  process.on('uncaughtException', record);
  return {
    stop: () => {
      process.off('uncaughtException', record);
      return seen;
    },
  };
}

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) return;
  database = await createTestDatabase({ migrate: false });
  const through = await proxied();
  proxy = through.proxy;
  dataDir = mkdtempSync(join(tmpdir(), 'konecta-outage-'));
  const config = loadConfig({
    KONECTA_STAGE: 'test',
    KONECTA_PORT_OFFSET: String(OFFSET),
    KONECTA_DATA_DIR: dataDir,
    DATABASE_URL: through.url,
    LOG_LEVEL: 'silent',
    // Hundreds of requests a second from one address: the gateway's limit is not under test.
    RATE_LIMIT_PER_MINUTE: '0',
  });
  platform = await startLocal(config, ['auth', 'hr', 'gateway']);
  const login = await fetch(`${gateway}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'employee@konecta.local', password: 'Konecta#2026' }),
  });
  employee = ((await login.json()) as { accessToken: string }).accessToken;
}, 180_000);
afterAll(async () => {
  await platform?.close();
  await proxy?.close();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

type Phase = 'up' | 'down' | 'back';
interface Outcome {
  phase: Phase;
  startedAt: number;
  endedAt: number;
  path: string;
  status: number | string;
  ms: number;
  retryAfter: string | null;
}

/** Requests that each need the database: two lists, and readiness. */
const paths = ['/api/hr/leave-requests?limit=5', '/api/hr/leave-types?limit=5', '/api/hr/ready'];

describe.skipIf(!process.env.TEST_DATABASE_URL)('the database restarting under load', () => {
  it('answers 503 at once while it is down and recovers by itself when it is back', async () => {
    let phase: Phase = 'up';
    let running = true;
    const outcomes: Outcome[] = [];
    const waiters: { when: () => boolean; resolve: () => void }[] = [];
    const record = (o: Outcome) => {
      outcomes.push(o);
      for (const w of waiters.splice(0)) w.when() ? w.resolve() : waiters.push(w);
    };
    /** Resolves once the outcomes satisfy `when` (the load keeps coming; no fixed waits). */
    const until = (when: () => boolean) =>
      new Promise<void>((resolve) => (when() ? resolve() : waiters.push({ when, resolve })));
    const count = (p: Phase, status?: number) =>
      outcomes.filter((o) => o.phase === p && (status === undefined || o.status === status)).length;

    const worker = async (n: number) => {
      for (let i = n; running; i++) {
        const path = paths[i % paths.length] as string;
        const startedIn = phase;
        const started = performance.now();
        let status: number | string;
        let retryAfter: string | null = null;
        try {
          const res = await fetch(`${gateway}${path}`, { headers: { authorization: `Bearer ${employee}` } });
          await res.arrayBuffer();
          status = res.status;
          retryAfter = res.headers.get('retry-after');
        } catch (err) {
          status = `no answer: ${(err as Error).message}`;
        }
        const ended = performance.now();
        record({ phase: startedIn, startedAt: started, endedAt: ended, path, status, ms: ended - started, retryAfter });
      }
    };
    const uncaught = watchUncaught();
    const load = Array.from({ length: WORKERS }, (_, n) => worker(n));

    await until(() => count('up', 200) >= 30);

    // The restart: new connections refused, the app's sessions terminated (they get 57P01).
    await proxy.refuseNew();
    await terminateBackends({ clientPorts: proxy.upstreamPorts() });
    proxy.dropAll();
    phase = 'down';
    await until(() => count('down') >= 60);

    const restored = performance.now();
    await proxy.restore();
    phase = 'back';
    // Recovered: the latest answers (by when they were asked) are 60 successes in a row.
    const back = () => outcomes.filter((o) => o.phase === 'back').sort((a, b) => a.startedAt - b.startedAt);
    const streak = () => {
      const all = back();
      const lastFailure = all.findLastIndex((o) => o.status !== 200);
      return all.slice(lastFailure + 1);
    };
    await until(() => streak().length >= 60);
    const recovered = streak()[0]?.startedAt ?? Number.NaN;
    running = false;
    await Promise.all(load);
    expect(uncaught.stop()).toEqual([]);

    // Nothing ever answered 500 or went unanswered; requests in flight at the cut got 200 or 503.
    expect(outcomes.filter((o) => o.status !== 200 && o.status !== 503)).toEqual([]);
    // Down: every answer given while the database was away was 503 with Retry-After, readiness
    // included, each within the connect timeout (a refused connection fails at once).
    const down = outcomes.filter((o) => o.phase === 'down' && o.endedAt < restored);
    expect(down.filter((o) => o.status !== 503 || o.retryAfter === null)).toEqual([]);
    expect(down.some((o) => o.path === '/api/hr/ready')).toBe(true);
    expect(down.filter((o) => o.ms >= CONNECT_TIMEOUT_MS)).toEqual([]);
    // Back: the pool reconnected by itself within seconds, failing nothing meanwhile but with 503.
    expect(recovered - restored).toBeLessThan(10_000);
    expect(back().filter((o) => o.status !== 200 && o.status !== 503)).toEqual([]);
  }, 120_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('a connection lost in the middle of a transaction', () => {
  // postgres.js 3.4.9 answers these by writing the transaction's ROLLBACK to a socket it has already
  // let go of, which throws outside any request (porsager/postgres#1208): see postgresSocket.
  const cuts: Record<string, (proxy: TcpProxy, pid: number) => Promise<void> | void> = {
    'terminated by the server (57P01), as a restart ends it': (_, pid) => terminateBackends({ pid }),
    'closed by the network without a word': (p) => p.dropAll(),
    'reset by the network': (p) => p.resetAll(),
  };
  for (const [how, cut] of Object.entries(cuts)) {
    it(`fails with 503, throws nothing elsewhere, and the pool reconnects by itself: ${how}`, async () => {
      const { proxy: own, url } = await proxied();
      const handle = await createDatabase({ url, poolMax: 1 });
      const uncaught = watchUncaught();
      try {
        let pid = 0;
        let sleeping!: () => void;
        const asleep = new Promise<void>((resolve) => {
          sleeping = resolve;
        });
        const transaction = handle.db.transaction(async (tx) => {
          const [row] = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
          pid = Number(row?.pid);
          sleeping();
          await tx.execute(sql`select pg_sleep(30)`);
        });
        const failed = transaction.then(
          () => undefined,
          (err: unknown) => err,
        );
        await asleep;
        await cut(own, pid);
        const err = await failed;
        expect(problemFromDatabaseError(err)?.status, String(err)).toBe(503);
        // The same pool, its only connection lost, opens a new one. postgres.js keeps a session's
        // last error for the next query on the connection, so that one may still fail, with 503.
        const attempts: unknown[] = [];
        for (let i = 0; i < 3 && attempts.at(-1) !== 'ok'; i++) {
          attempts.push(
            await handle.db.execute(sql`select 1 as one`).then(
              (rows) => (JSON.stringify(rows) === '[{"one":1}]' ? 'ok' : rows),
              (e: unknown) => problemFromDatabaseError(e)?.status ?? e,
            ),
          );
        }
        expect(attempts.slice(0, -1).filter((a) => a !== 503)).toEqual([]);
        expect(attempts.at(-1)).toBe('ok');
        expect(uncaught.stop()).toEqual([]);
      } finally {
        uncaught.stop();
        await handle.close();
        await own.close();
      }
    });
  }
});
