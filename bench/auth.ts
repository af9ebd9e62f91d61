/**
 * Sign-in throughput: the auth service (bench/servers/auth.ts) over a PostgreSQL database of its
 * own, `konecta_bench_auth`, made afresh each run (migrated, bootstrapped, demo users seeded), so
 * the sign-in tables do not grow from run to run. `POST /api/auth/login` as the demo employee costs
 * one argon2id verification; `GET /api/auth/me` with that sign-in's token is the cheap
 * authenticated route beside it. Only failed sign-ins count towards the lock-out, so the same user
 * can sign in over and over.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authContext } from '@konecta/auth';
import { bootstrapAuth, DEMO_PASSWORD, seedDemoUsers } from '@konecta/auth/seed';
import { createServiceDeps, loadConfig, openDatabase } from '@konecta/core';
import { migrate } from '@konecta/db';
import postgres from 'postgres';
import { benchServerUrl } from './database';
import type { LoadResult, LoadSettings, LoadTarget } from './load';
import type { ServerProcess } from './processes';
import { loadTable, n } from './table';

export const AUTH_DATABASE = 'konecta_bench_auth';
export const LOGIN_EMAIL = 'employee@konecta.local';
const LOGIN_PATH = '/api/auth/login';
const ME_PATH = '/api/auth/me';
const loginBody = JSON.stringify({ email: LOGIN_EMAIL, password: DEMO_PASSWORD, refreshTokenIn: 'body' });

export interface AuthBench {
  /** For bench/servers/auth.ts: the configuration the database was prepared with. */
  env: Record<string, string>;
  migrations: number;
  demoUsers: number;
  /** Removes the data folder holding the generated signing key. */
  cleanup(): void;
}

/** A fresh `konecta_bench_auth` on the `BENCH_DATABASE_URL` server, ready as `npm start` leaves it. */
export async function prepareAuthBench(serverUrl = benchServerUrl()): Promise<AuthBench> {
  const url = new URL(serverUrl);
  url.pathname = `/${AUTH_DATABASE}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${AUTH_DATABASE} with (force)`);
    await admin.unsafe(`create database ${AUTH_DATABASE}`);
  } finally {
    await admin.end();
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'konecta-bench-auth-'));
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  const env = { KONECTA_STAGE: 'local', LOG_LEVEL: 'silent', KONECTA_DATA_DIR: dataDir, DATABASE_URL: url.toString() };
  try {
    const config = loadConfig({ ...process.env, ...env });
    const handle = await openDatabase(config);
    try {
      const { total } = await migrate(handle.db);
      const ctx = authContext(createServiceDeps('auth', config, handle));
      await bootstrapAuth(ctx);
      const demoUsers = await seedDemoUsers(ctx);
      return { env, migrations: total, demoUsers, cleanup };
    } finally {
      await handle.close();
    }
  } catch (err) {
    cleanup();
    throw err;
  }
}

/** Signs in as the demo employee; throws unless the answer is 200 with both tokens. Returns the access token. */
export async function signIn(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}${LOGIN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: loginBody,
  });
  const body = (await res.json().catch(() => undefined)) as
    | { accessToken?: string; refreshToken?: string; user?: { email?: string } }
    | undefined;
  if (res.status !== 200 || !body?.accessToken || !body.refreshToken || body.user?.email !== LOGIN_EMAIL) {
    throw new Error(`${baseUrl}: signing in as ${LOGIN_EMAIL} got ${res.status} ${JSON.stringify(body)}`);
  }
  return body.accessToken;
}

async function checkMe(baseUrl: string, token: string): Promise<void> {
  const res = await fetch(`${baseUrl}${ME_PATH}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => undefined)) as { email?: string } | undefined;
  if (res.status !== 200 || body?.email !== LOGIN_EMAIL) {
    throw new Error(`${baseUrl}${ME_PATH}: expected 200 for ${LOGIN_EMAIL}, got ${res.status} ${JSON.stringify(body)}`);
  }
  const anonymous = await fetch(`${baseUrl}${ME_PATH}`);
  await anonymous.arrayBuffer();
  if (anonymous.status !== 401)
    throw new Error(`${baseUrl}${ME_PATH}: a request without a token got ${anonymous.status}`);
}

export async function authTargets(server: ServerProcess, connections: number): Promise<LoadTarget[]> {
  const token = await signIn(server.url);
  return [
    {
      name: 'POST /api/auth/login (demo employee)',
      url: server.url,
      processes: [server],
      connections,
      requests: [
        { method: 'POST', path: LOGIN_PATH, headers: { 'content-type': 'application/json' }, body: loginBody },
      ],
      check: async () => {
        await signIn(server.url);
      },
    },
    {
      name: 'GET /api/auth/me (same user’s token)',
      url: server.url,
      processes: [server],
      connections,
      requests: [{ method: 'GET', path: ME_PATH, headers: { authorization: `Bearer ${token}` } }],
      check: () => checkMe(server.url, token),
    },
  ];
}

export function renderSignIn(
  info: { settings: LoadSettings; connections: number; load: number; bench: AuthBench; verifyMedianMs?: number },
  results: { name: string; result: LoadResult }[],
): string {
  const s = info.settings;
  const login = results[0]?.result;
  const share =
    login && info.verifyMedianMs
      ? ` One argon2id verification (median above) is ${n((info.verifyMedianMs * 1000 * 100) / login.cpuMicrosPerRequest)} % of the auth process's CPU per sign-in (PostgreSQL's share not counted).`
      : '';
  return `Sign-in: the auth service (\`createApp\`, its own AuthContext, \`startServer\`) in its own process over PostgreSQL database \`${AUTH_DATABASE}\`, created afresh (${info.bench.migrations} migrations, \`bootstrapAuth\`, ${info.bench.demoUsers} demo users seeded); autocannon, ${info.connections} connections, ${s.rounds} interleaved rounds of ${s.durationSeconds} s per route after a ${s.warmupSeconds} s warm-up; load average ${n(info.load, 2)} at the start. Every sign-in is \`${LOGIN_EMAIL}\` with the right password (body \`refreshTokenIn: "body"\`): a lock-out check, one argon2id verification, a transaction recording the attempt and audit entry, a refresh token and an ES256 access token. \`/me\` checks that token, the user's session version and loads the user with roles and permissions.${share}

${loadTable('auth service', results)}
`;
}
