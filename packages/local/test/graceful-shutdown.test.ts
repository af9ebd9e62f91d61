/**
 * Stopping `npm start` loses nothing: SIGTERM to its process group (npm and the runner both get it,
 * and npm forwards its copy) while leave requests and XLSX exports are in flight answers every one
 * of them and exits 0; a restart — after that stop or after SIGKILL — has every request that was
 * answered 201, and its event. A second Ctrl+C stops at once.
 *
 * Nothing here waits a fixed time for correctness: requests are known to be in flight because the
 * server has answered `100 Continue` to them (it is reading them) or because their bytes reached it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@konecta/core';
import { prepareEmbeddedDatabase } from '@konecta/core/testing';
import { outbox } from '@konecta/db';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCompany } from './boot-services';
import { killGroup, type NpmStart, npmStart, untilHealthy, untilStopped } from './npm-start';
import { freePortOffset } from './ports';

// Shifted ports so the suite never collides with a running `npm start` or the other runner suites.
const OFFSET = await freePortOffset(23000);
const PASSWORD = 'Konecta#2026';
const FIRST_START_MS = 240_000;
const RESTART_MS = 120_000;

let dataDir: string;
let app: NpmStart | undefined;
/** Every start, stopped after the file: a test that fails leaves its run going, and the next test starts another. */
const started: NpmStart[] = [];
const start = () => {
  const run = npmStart({ dataDir, portOffset: OFFSET });
  started.push(run);
  return run;
};
/** Leave requests answered 201, by the stop that followed them. */
const acknowledged = { graceful: [] as string[], killed: [] as string[] };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'konecta-shutdown-'));
  // Stopping is under test, not a first start (.ci/smoke-start.sh runs that): the embedded
  // database is a copy of the run's demo company rather than initdb'ed, migrated and seeded by the
  // first start.
  if (!process.env.TEST_DATABASE_URL) await prepareEmbeddedDatabase(dataDir, demoCompany);
  // The run's first migrated cluster may be built meanwhile: part of the first start's deadline.
}, FIRST_START_MS);
afterAll(async () => {
  for (const run of started) await killGroup(run);
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Sent {
  /** The server answered `100 Continue`: it has the request line and headers and is reading on. */
  continued: Promise<void>;
  /** The request's bytes are with the operating system (for a request sent whole). */
  written: Promise<void>;
  /** Sends the body of a request that waited for `100 Continue`. */
  finish(): void;
  /** The whole answer; rejects on a reset or an answer cut short. */
  answer: Promise<Answer>;
}

/** One request on its own connection; with `hold`, the body waits until `finish()`. */
function send(url: string, init: { method: string; token: string; body?: unknown; hold?: boolean }): Sent {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const req = request(url, {
    method: init.method,
    agent: false,
    headers: {
      authorization: `Bearer ${init.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
      ...(init.hold ? { expect: '100-continue' } : {}),
    },
  });
  const continued = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  const written = new Promise<void>((resolve) => req.once('finish', () => resolve()));
  const answer = new Promise<Answer>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () =>
        res.complete
          ? resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
          : reject(new Error(`answer cut short (${res.statusCode})`)),
      );
    });
  });
  if (init.hold) req.flushHeaders();
  else req.end(body);
  return { continued, written, finish: () => req.end(body), answer };
}

async function json<T>(res: Response): Promise<T> {
  expect(res.ok, `${res.url}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

async function signIn(gateway: string, email: string): Promise<string> {
  const res = await fetch(`${gateway}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return (await json<{ accessToken: string }>(res)).accessToken;
}

async function unpaidLeaveType(gateway: string, token: string): Promise<string> {
  const res = await fetch(`${gateway}/api/hr/leave-types?limit=100`, { headers: { authorization: `Bearer ${token}` } });
  const { items } = await json<{ items: { id: string; code: string }[] }>(res);
  const unpaid = items.find((t) => t.code === 'UNPAID');
  if (!unpaid) throw new Error('no unpaid leave type in the demo data');
  return unpaid.id;
}

/** Week `n` (Monday to Sunday) of a year ahead: each request its own week, so none overlaps. */
function week(n: number): { startDate: string; endDate: string } {
  const start = new Date(Date.UTC(new Date().getUTCFullYear() + 2, 0, 5 + 7 * n));
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const end = new Date(start);
  end.setUTCDate(end.getUTCDate() + 6);
  return { startDate: start.toISOString().slice(0, 10), endDate: end.toISOString().slice(0, 10) };
}

async function myLeaveRequestIds(gateway: string, token: string): Promise<Set<string>> {
  const res = await fetch(`${gateway}/api/hr/leave-requests?limit=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return new Set((await json<{ items: { id: string }[] }>(res)).items.map((r) => r.id));
}

/** The outbox rows of these leave requests, read from the stopped runner's embedded database. */
async function eventsOf(ids: string[]): Promise<{ subject: string | null; publishedAt: Date | null }[]> {
  const db = await createDatabase({ dataDir });
  try {
    return await db.db
      .select({ subject: outbox.subject, publishedAt: outbox.publishedAt })
      .from(outbox)
      .where(inArray(outbox.subject, ids));
  } finally {
    await db.close();
  }
}

/** A complete XLSX file: a zip whose end-of-central-directory record is there. */
function isCompleteXlsx(answer: Answer): boolean {
  return (
    answer.body.subarray(0, 2).toString() === 'PK' &&
    answer.body.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) >= answer.body.length - 22 - 0xffff &&
    Number(answer.headers['content-length'] ?? answer.body.length) === answer.body.length
  );
}

describe.skipIf(!!process.env.TEST_DATABASE_URL)('stopping npm start', () => {
  it(
    'answers every request in flight when its process group gets SIGTERM, then exits 0',
    async () => {
      app = start();
      await untilHealthy(app, FIRST_START_MS);
      const employee = await signIn(app.gateway, 'employee@konecta.local');
      const hrAdmin = await signIn(app.gateway, 'hr.admin@konecta.local');
      const leaveTypeId = await unpaidLeaveType(app.gateway, employee);

      // Half the leave requests wait with their body unsent until after the signal; the other half
      // and the exports are sent whole, just before it.
      const held = Array.from({ length: 8 }, (_, n) =>
        send(`${app?.gateway}/api/hr/leave-requests`, {
          method: 'POST',
          token: employee,
          body: { leaveTypeId, ...week(n), reason: `shutdown test ${n}` },
          hold: true,
        }),
      );
      await Promise.all(held.map((r) => r.continued));
      const whole = Array.from({ length: 8 }, (_, n) =>
        send(`${app?.gateway}/api/hr/leave-requests`, {
          method: 'POST',
          token: employee,
          body: { leaveTypeId, ...week(8 + n), reason: `shutdown test ${8 + n}` },
        }),
      );
      const exports = Array.from({ length: 2 }, () =>
        send(`${app?.gateway}/api/hr/leave-requests/export?format=xlsx`, { method: 'GET', token: hrAdmin }),
      );
      await Promise.all([...whole, ...exports].map((r) => r.written));

      app.signalGroup('SIGTERM');
      for (const r of held) r.finish();
      const leave = [...held, ...whole];

      const answers = await Promise.allSettled([...leave, ...exports].map((r) => r.answer));
      const failures = answers.flatMap((a, i) => (a.status === 'rejected' ? [`request ${i}: ${a.reason}`] : []));
      expect(failures, app.output()).toEqual([]);
      const leaveAnswers = answers.slice(0, 16).map((a) => (a as PromiseFulfilledResult<Answer>).value);
      const exportAnswers = answers.slice(16).map((a) => (a as PromiseFulfilledResult<Answer>).value);
      expect(leaveAnswers.map((a) => a.status)).toEqual(Array(16).fill(201));
      for (const a of exportAnswers) {
        expect(a.status).toBe(200);
        expect(isCompleteXlsx(a)).toBe(true);
      }
      expect(await app.exited, app.output()).toEqual({ code: 0, signal: null });
      // One stop, although npm forwarded its own copy of the signal.
      expect(app.output().match(/Stopping:/g)).toHaveLength(1);

      acknowledged.graceful = leaveAnswers.map((a) => (JSON.parse(a.body.toString()) as { id: string }).id);
      // Their events were delivered before the process ended, not left for the next start.
      const events = await eventsOf(acknowledged.graceful);
      expect(events.map((e) => e.subject).sort()).toEqual([...acknowledged.graceful].sort());
      expect(events.filter((e) => e.publishedAt === null)).toEqual([]);
    },
    FIRST_START_MS + 120_000,
  );

  it(
    'keeps every acknowledged leave request across a restart, and across SIGKILL',
    async () => {
      app = start();
      await untilHealthy(app, RESTART_MS);
      // The runner's bundle from the first start is reused: nothing compiles on a restart.
      expect(app.output()).not.toMatch(/Compiled the local runner/);
      const gateway = app.gateway;
      const employee = await signIn(gateway, 'employee@konecta.local');
      const mine = await myLeaveRequestIds(gateway, employee);
      expect(acknowledged.graceful.filter((id) => !mine.has(id))).toEqual([]);

      const leaveTypeId = await unpaidLeaveType(gateway, employee);
      const inFlight = Array.from({ length: 12 }, (_, n) =>
        send(`${gateway}/api/hr/leave-requests`, {
          method: 'POST',
          token: employee,
          body: { leaveTypeId, ...week(20 + n), reason: `kill test ${n}` },
        }),
      );
      const answered: Answer[] = [];
      for (const r of inFlight)
        void r.answer.then(
          (a) => answered.push(a),
          () => {},
        );
      // SIGKILL once the first one is acknowledged, with the others still in flight.
      await Promise.any(inFlight.map((r) => r.answer));
      app.signalGroup('SIGKILL');
      const killed = app;
      await killed.exited;
      await untilStopped(dataDir, RESTART_MS);
      await Promise.allSettled(inFlight.map((r) => r.answer));
      acknowledged.killed = answered
        .filter((a) => a.status === 201)
        .map((a) => (JSON.parse(a.body.toString()) as { id: string }).id);
      expect(acknowledged.killed.length).toBeGreaterThan(0);

      app = start();
      await untilHealthy(app, RESTART_MS);
      const afterKill = await myLeaveRequestIds(gateway, await signIn(gateway, 'employee@konecta.local'));
      expect([...acknowledged.graceful, ...acknowledged.killed].filter((id) => !afterKill.has(id))).toEqual([]);

      app.signalGroup('SIGTERM');
      expect(await app.exited, app.output()).toEqual({ code: 0, signal: null });
      // Each acknowledged request's event is in the outbox: delivered, or waiting to be.
      const events = await eventsOf(acknowledged.killed);
      expect(events.map((e) => e.subject).sort()).toEqual([...acknowledged.killed].sort());
    },
    2 * RESTART_MS + 60_000,
  );

  it(
    'stops at once on a second Ctrl+C while a request is still being read',
    async () => {
      app = start();
      await untilHealthy(app, RESTART_MS);
      const employee = await signIn(app.gateway, 'employee@konecta.local');
      const leaveTypeId = await unpaidLeaveType(app.gateway, employee);
      const held = send(`${app.gateway}/api/hr/leave-requests`, {
        method: 'POST',
        token: employee,
        body: { leaveTypeId, ...week(40) },
        hold: true,
      });
      await held.continued;
      held.answer.catch(() => {});

      app.signalGroup('SIGINT');
      const started = app;
      await expect.poll(() => started.output(), { timeout: 30_000 }).toMatch(/Stopping:/);
      // A person's second press comes well after npm's copy of the first (ignored within 0.5 s).
      await new Promise((r) => setTimeout(r, 1000));
      app.signalGroup('SIGINT');
      // Without the second press it would wait for the held request's body, then exit 0.
      expect((await app.exited).code, app.output()).toBe(1);
      await expect(held.answer).rejects.toThrow();
    },
    RESTART_MS + 60_000,
  );
});
