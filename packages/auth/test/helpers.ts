/**
 * What every auth test file needs: a migrated database with the catalogue, roles, signing key and
 * demo users; the app; and small helpers for sign-in, cookies and the local mailbox.
 */
import type { Clock, ServiceDeps } from '@konecta/core';
import { createTestDatabase, createTestKeys, type TestDatabase, testDeps } from '@konecta/core/testing';
import { roles, userRoles, users } from '@konecta/db';
import { eq, inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { authContext, createApp } from '../src/app';
import type { AuthContext } from '../src/context';
import { REFRESH_COOKIE } from '../src/http';
import { authService } from '../src/index';
import { DEMO_PASSWORD } from '../src/seed';

export { DEMO_PASSWORD };
export type AuthApp = ReturnType<typeof createApp>;

/** The app's clock: the real time, moved on by what a test skips (`advance`). */
export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export interface Harness {
  db: TestDatabase;
  deps: ServiceDeps;
  ctx: AuthContext;
  app: AuthApp;
  clock: MovableClock;
}

/** A fresh database, bootstrapped and seeded, with the auth app over it. */
export async function startAuth(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase();
  let offset = 0;
  const clock: MovableClock = {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
  const deps = testDeps(db, await createTestKeys(), { KONECTA_DATA_DIR: 'memory', ...env }, { clock });
  await authService.bootstrap?.(deps);
  await authService.seed?.(deps);
  const ctx = authContext(deps);
  return { db, deps, ctx, app: createApp(deps, ctx), clock };
}

export const BASE = '/api/auth';

export interface CallOptions {
  token?: string;
  /** The refresh token, sent as the konecta_refresh cookie. */
  refresh?: string;
  body?: unknown;
  /** Sent as is (for malformed JSON). */
  raw?: string;
  headers?: Record<string, string>;
}

/** One request to the auth app; paths are relative to /api/auth. */
export async function call(app: AuthApp, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.refresh) headers.cookie = `${REFRESH_COOKIE}=${options.refresh}`;
  let body: string | undefined;
  if (options.raw !== undefined || options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = options.raw ?? JSON.stringify(options.body);
  }
  return app.request(`${BASE}${path}`, { method, headers, body });
}

export async function bodyOf<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** The Set-Cookie headers of a response, by cookie name: the value and the attributes as written. */
export function cookiesOf(res: Response): Map<string, { value: string; attributes: string }> {
  const jar = new Map<string, { value: string; attributes: string }>();
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i).trim(), { value: decodeURIComponent(pair.slice(i + 1).trim()), attributes: line });
  }
  return jar;
}

/** The refresh token a response set as a cookie (undefined when none, or when it was cleared). */
export function refreshCookie(res: Response): string | undefined {
  return cookiesOf(res).get(REFRESH_COOKIE)?.value || undefined;
}

export interface SignedIn {
  accessToken: string;
  refresh: string;
  userId: string;
  permissions: string[];
}

/** Signs in through POST /login and expects it to work. */
export async function login(app: AuthApp, identifier: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const res = await call(app, 'POST', '/login', { body: { email: identifier, password } });
  expect(res.status, `sign-in of ${identifier}`).toBe(200);
  const body = await bodyOf<{ accessToken: string; user: { id: string; permissions: string[] } }>(res);
  const refresh = refreshCookie(res);
  if (!refresh) throw new Error('no refresh cookie');
  return { accessToken: body.accessToken, refresh, userId: body.user.id, permissions: body.user.permissions };
}

export const attemptLogin = (app: AuthApp, identifier: string, password: string) =>
  call(app, 'POST', '/login', { body: { email: identifier, password } });

export interface Mail {
  to: string;
  subject: string;
  text: string;
  template: string;
}

/** A signed-in reader of the mailbox per app (the demo System Admin), signed in again when its session ended. */
const mailReaders = new WeakMap<AuthApp, string>();

/** The local mailbox for one address, newest first, as the demo System Admin reads it. */
export async function mailbox(app: AuthApp, to: string): Promise<Mail[]> {
  const read = (token: string) => call(app, 'GET', `/dev/mailbox?to=${encodeURIComponent(to)}`, { token });
  let token = mailReaders.get(app);
  let res = token ? await read(token) : undefined;
  if (!res || res.status === 401) {
    token = (await login(app, 'admin@konecta.local')).accessToken;
    mailReaders.set(app, token);
    res = await read(token);
  }
  expect(res.status).toBe(200);
  return (await bodyOf<{ items: Mail[] }>(res)).items;
}

/** The newest mail of this kind to this address. */
export async function lastMail(app: AuthApp, to: string, template: string): Promise<Mail> {
  const mail = (await mailbox(app, to)).find((m) => m.template === template);
  if (!mail) throw new Error(`no ${template} mail for ${to}`);
  return mail;
}

export const invitationToken = (mail: Mail) => /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
export const resetToken = (mail: Mail) => /[?&]token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
export const codeOf = (mail: Mail) => /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
/** A 6-digit code that is certainly not this one. */
export const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

/** The ids of roles by name. */
export async function roleIds(h: Harness, ...names: string[]): Promise<string[]> {
  const rows = await h.db.db.select().from(roles).where(inArray(roles.name, names));
  return names.map((n) => {
    const row = rows.find((r) => r.name === n);
    if (!row) throw new Error(`no role ${n}`);
    return row.id;
  });
}

/**
 * An active user with the demo password, written straight to the database (setup, not the flow
 * under test; reusing the demo users' hash costs no argon2 time).
 */
export async function addActiveUser(h: Harness, email: string, roleNames: string[] = ['Employee']): Promise<string> {
  const [admin] = await h.db.db.select().from(users).where(eq(users.email, 'admin@konecta.local'));
  const [user] = await h.db.db
    .insert(users)
    .values({
      email,
      username: email.split('@')[0] as string,
      fullName: `Test ${email}`,
      status: 'active',
      passwordHash: admin?.passwordHash ?? null,
      emailVerifiedAt: new Date(),
    })
    .returning();
  if (!user) throw new Error('insert failed');
  const ids = roleNames.length ? await roleIds(h, ...roleNames) : [];
  if (ids.length) await h.db.db.insert(userRoles).values(ids.map((roleId) => ({ userId: user.id, roleId })));
  return user.id;
}

/** Expects an RFC 9457 problem response with this status; returns its body. */
export async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = await bodyOf(res);
  expect(body.status).toBe(status);
  return body;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Milliseconds one call takes. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The problem body without what differs per request. */
export function comparable(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _requestId, instance: _instance, ...rest } = body;
  return rest;
}
