import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerOf,
  createRoute,
  createServiceApp,
  requireAuth,
  requirePermission,
  type ServiceRouter,
  serviceAppOptions,
} from '../src/index';
import { createTestDatabase, createTestKeys, type TestDatabase, type TestKeys, testDeps } from '../src/testing';
import * as z from '../src/z';

let db: TestDatabase;
let keys: TestKeys;
let app: ServiceRouter;

const ok = { 200: { description: 'OK', content: { 'application/json': { schema: z.looseObject({}) } } } };

beforeAll(async () => {
  db = await createTestDatabase();
  keys = await createTestKeys();
  app = createServiceApp(serviceAppOptions('hr', testDeps(db, keys)), (api) => {
    api.openapi(
      createRoute({
        method: 'get',
        path: '/payslips',
        middleware: [requirePermission('hr.payslips.read')],
        responses: ok,
      }),
      (c) => c.json({ reader: callerOf(c).id }, 200),
    );
    api.openapi(
      createRoute({
        method: 'post',
        path: '/leave-requests/{id}/approve',
        middleware: [requirePermission('hr.leave.approve', 'hr.leave.manage')],
        responses: ok,
      }),
      (c) => c.json({ approvedBy: callerOf(c).id }, 200),
    );
    api.openapi(createRoute({ method: 'get', path: '/profile', middleware: [requireAuth()], responses: ok }), (c) =>
      c.json({ id: callerOf(c).id, kind: callerOf(c).kind }, 200),
    );
  });
});
afterAll(() => db?.close());

const call = async (method: string, path: string, permissions: string[] | undefined, claims = {}) => {
  const headers: Record<string, string> = {};
  if (permissions) headers.authorization = `Bearer ${await keys.tokenFor(permissions, claims)}`;
  return app.request(path, { method, headers });
};

describe('requirePermission', () => {
  it('lets a caller with the permission in', async () => {
    const res = await call('GET', '/api/hr/payslips', ['hr.payslips.read'], { sub: 'payroll-clerk' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ reader: 'payroll-clerk' });
  });

  it('refuses a caller without it with a 403 naming the missing permission', async () => {
    const res = await call('GET', '/api/hr/payslips', ['hr.employees.read', 'hr.payslips.write']);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 403,
      title: 'Forbidden',
      detail: 'This needs the permission "hr.payslips.read".',
    });
  });

  it('refuses a caller with no permissions at all', async () => {
    expect((await call('GET', '/api/hr/payslips', [])).status).toBe(403);
  });

  it('does not treat a permission as a prefix of another', async () => {
    expect((await call('GET', '/api/hr/payslips', ['hr.payslips', 'hr.payslips.read.own'])).status).toBe(403);
  });

  it('asks for a token before it asks for a permission', async () => {
    const res = await call('GET', '/api/hr/payslips', undefined);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('accepts any one of several permissions', async () => {
    const path = '/api/hr/leave-requests/9/approve';
    expect((await call('POST', path, ['hr.leave.approve'])).status).toBe(200);
    expect((await call('POST', path, ['hr.leave.manage'])).status).toBe(200);
    const refused = await call('POST', path, ['hr.leave.read']);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toBe(
      'This needs the permission "hr.leave.approve" or "hr.leave.manage".',
    );
  });

  it('applies to service tokens the same way', async () => {
    const service = await keys.sign({ sub: 'finance', typ: 'service', perms: ['hr.payslips.read'] });
    const res = await app.request('/api/hr/payslips', { headers: { authorization: `Bearer ${service}` } });
    expect(await res.json()).toEqual({ reader: 'finance' });
    const without = await keys.sign({ sub: 'finance', typ: 'service', perms: [] });
    expect((await app.request('/api/hr/payslips', { headers: { authorization: `Bearer ${without}` } })).status).toBe(
      403,
    );
  });
});

describe('requireAuth', () => {
  it('accepts any valid token, with or without permissions', async () => {
    const res = await call('GET', '/api/hr/profile', [], { sub: 'employee-3' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'employee-3', kind: 'user' });
    const service = await keys.sign({ sub: 'reporting', typ: 'service' });
    const byService = await app.request('/api/hr/profile', { headers: { authorization: `Bearer ${service}` } });
    expect(await byService.json()).toEqual({ id: 'reporting', kind: 'service' });
  });

  it('refuses a request without a valid token', async () => {
    expect((await call('GET', '/api/hr/profile', undefined)).status).toBe(401);
    const expired = await keys.sign({}, { expiresIn: '-5 minutes' });
    expect((await app.request('/api/hr/profile', { headers: { authorization: `Bearer ${expired}` } })).status).toBe(
      401,
    );
  });
});
