/**
 * One real service-to-service call under the local runner, as `npm start` runs it: HR's employee
 * login page asks the auth service, with HR's service token, through the client secret the first
 * start generated. Everything goes through the gateway.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue, loadConfig } from '@konecta/core';
import { createTestDatabase, prepareEmbeddedDatabase, type TestDatabase } from '@konecta/core/testing';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPlatform, startLocal } from '../src';
import { freePortOffset } from './ports';

// Shifted ports so the suite never collides with a running `npm start` or the runner suite.
const OFFSET = await freePortOffset(22000);
const gateway = `http://127.0.0.1:${catalogue.gateway.port + OFFSET}`;
const PASSWORD = 'Konecta#2026';

let external: TestDatabase | undefined;
let platform: LocalPlatform;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'konecta-service-calls-'));
  const env: Record<string, string> = {
    KONECTA_STAGE: 'test',
    KONECTA_PORT_OFFSET: String(OFFSET),
    LOG_LEVEL: 'silent',
    KONECTA_DATA_DIR: dataDir,
  };
  if (process.env.TEST_DATABASE_URL) {
    external = await createTestDatabase({ migrate: false });
    env.DATABASE_URL = external.url as string;
  } else {
    // A first start: its embedded cluster copied rather than initdb'ed, nothing of ours in it.
    await prepareEmbeddedDatabase(dataDir, 'empty');
  }
  platform = await startLocal(loadConfig(env), ['auth', 'hr', 'gateway']);
}, 180_000);
afterAll(async () => {
  await platform?.close();
  await external?.close();
});

const api = (path: string, init: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  fetch(`${gateway}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

async function signIn(email: string): Promise<string> {
  const res = await api('/api/auth/login', { body: { email, password: PASSWORD } });
  expect(res.status, `sign-in of ${email}`).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function employeeIdOf(token: string, name: string): Promise<string> {
  const res = await api(`/api/hr/employees?search=${encodeURIComponent(name)}`, { token });
  const [first] = ((await res.json()) as { items: { id: string }[] }).items;
  if (!first) throw new Error(`no employee ${name}`);
  return first.id;
}

interface EmployeeLogin {
  employeeId: string;
  login: { userId: string; email: string; status: string; lastLoginAt: string | null; roles: string[] } | null;
}

/**
 * The demo logins are linked to their employees through events after the first start; wait for
 * the link by asking (the limit only matters when the link never comes).
 */
async function linkedLogin(token: string, employeeId: string): Promise<EmployeeLogin> {
  for (let i = 0; i < 300; i++) {
    const res = await api(`/api/hr/employees/${employeeId}/login`, { token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as EmployeeLogin;
    if (body.login) return body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the login was never linked');
}

describe('HR asks the auth service with a service token (npm start)', () => {
  it("shows an employee's login: status, last sign-in and roles, from the auth service", async () => {
    const hrAdmin = await signIn('hr.admin@konecta.local');
    await signIn('employee@konecta.local'); // so there is a last sign-in to show
    const nour = await employeeIdOf(hrAdmin, 'Nour Adel');

    const body = await linkedLogin(hrAdmin, nour);
    expect(body).toMatchObject({
      employeeId: nour,
      login: { email: 'employee@konecta.local', status: 'active', roles: ['Employee'] },
    });
    expect(body.login?.lastLoginAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // An employee nobody gave a login: the answer says so.
    const ceo = await employeeIdOf(hrAdmin, 'Sameh Rashad');
    const none = await api(`/api/hr/employees/${ceo}/login`, { token: hrAdmin });
    expect(await none.json()).toEqual({ employeeId: ceo, login: null });
  });

  it('the auth route answers service tokens only: no user reaches it directly, not even a System Admin', async () => {
    const hrAdmin = await signIn('hr.admin@konecta.local');
    const admin = await signIn('admin@konecta.local');
    expect(decodeJwt(admin).perms).toContain('auth.service.logins.read');
    const nour = await employeeIdOf(hrAdmin, 'Nour Adel');
    for (const token of [hrAdmin, admin]) {
      const direct = await api(`/api/auth/service/employees/${nour}/login`, { token });
      expect(direct.status).toBe(403);
      expect(((await direct.json()) as { detail: string }).detail).toBe(
        'Only other services may call this, with a service token.',
      );
    }
    // So HR's answer came through a service token: HR's own, obtained with the secret generated
    // on first start, gives exactly the same answer.
    const file = join(dataDir, 'secrets', 'service-client-hr');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8');
    const grant = await api('/api/auth/service-token', {
      body: {},
      headers: { authorization: `Basic ${Buffer.from(`hr:${secret}`).toString('base64')}` },
    });
    expect(grant.status).toBe(200);
    const serviceToken = ((await grant.json()) as { accessToken: string }).accessToken;
    expect(decodeJwt(serviceToken)).toMatchObject({ typ: 'service', sub: 'service:hr' });
    const viaService = await api(`/api/auth/service/employees/${nour}/login`, { token: serviceToken });
    expect(viaService.status).toBe(200);
    const throughHr = await (await api(`/api/hr/employees/${nour}/login`, { token: hrAdmin })).json();
    expect((throughHr as EmployeeLogin).login).toEqual(await viaService.json());
  });

  it('needs hr.employees.read-all: an employee gets 403, whatever HR could ask auth', async () => {
    const employee = await signIn('employee@konecta.local');
    const hrAdmin = await signIn('hr.admin@konecta.local');
    const nour = await employeeIdOf(hrAdmin, 'Nour Adel');
    expect((await api(`/api/hr/employees/${nour}/login`, { token: employee })).status).toBe(403);
    expect((await api('/api/hr/employees/00000000-0000-4000-8000-000000000000/login', { token: hrAdmin })).status).toBe(
      404,
    );
  });
});
