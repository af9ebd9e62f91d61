import { readdir } from 'node:fs/promises';
import { getCookie, setCookie } from 'hono/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerOf,
  createRoute,
  createServiceApp,
  inTransaction,
  problemResponses,
  recordAudit,
  requireAuth,
  requirePermission,
  type ServiceRouter,
  serviceAppOptions,
} from '../src/index';
import { type HttpApiHandler, httpApiHandler } from '../src/lambda-http';
import { type RunningServer, startServer } from '../src/node';
import { createTestDatabase, createTestKeys, type TestDatabase, type TestKeys, testDeps } from '../src/testing';
import * as z from '../src/z';
import { asLambdaEvent, fixturesDir, type HttpApiEvent, loadFixture } from './apigw-fixtures';

const IGNORED_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

interface Answer {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: string;
}

const NewEmployee = z.object({ name: z.string().check(z.minLength(1)), email: z.email(), departmentCode: z.string() });
const EmployeeQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
  department: z.optional(z.string()),
});
const anyJson = { 'application/json': { schema: z.looseObject({}) } };

function employeesApp(db: TestDatabase, keys: TestKeys): ServiceRouter {
  return createServiceApp(serviceAppOptions('hr', testDeps(db, keys)), (api) => {
    api.openapi(
      createRoute({
        method: 'get',
        path: '/employees',
        middleware: [requirePermission('hr.employees.read')],
        request: { query: EmployeeQuery },
        responses: { 200: { description: 'A page', content: anyJson }, ...problemResponses(400, 401, 403) },
      }),
      (c) => {
        const { limit, department } = c.req.valid('query');
        return c.json({ items: [], total: 0, limit, offset: 0, department: department ?? null }, 200);
      },
    );
    api.openapi(
      createRoute({
        method: 'post',
        path: '/employees',
        middleware: [requirePermission('hr.employees.write')],
        request: { body: { content: { 'application/json': { schema: NewEmployee } }, required: true } },
        responses: { 201: { description: 'Created', content: anyJson }, ...problemResponses(400, 422) },
      }),
      async (c) => {
        const employee = c.req.valid('json');
        await inTransaction(db.db, (tx) =>
          recordAudit(tx, {
            action: 'employee.hired',
            entityType: 'employee',
            entityId: employee.email,
            after: employee,
          }),
        );
        c.header('Location', `/api/hr/employees/${encodeURIComponent(employee.email)}`);
        return c.json(employee, 201);
      },
    );
    api.openapi(
      createRoute({
        method: 'get',
        path: '/me',
        middleware: [requireAuth()],
        responses: { 200: { description: 'Me', content: anyJson } },
      }),
      (c) => {
        setCookie(c, 'seen', '1', { path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
        return c.json(
          { id: callerOf(c).id, lang: getCookie(c, 'lang') ?? null, theme: getCookie(c, 'theme') ?? null },
          200,
        );
      },
    );
  });
}

function comparable(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) if (!IGNORED_HEADERS.has(name) && name !== 'set-cookie') out[name] = value;
  return out;
}

async function viaLambda(handler: HttpApiHandler, event: HttpApiEvent): Promise<Answer> {
  const result = await handler(asLambdaEvent(event));
  expect(result.isBase64Encoded).toBe(false);
  const headers = 'headers' in result && result.headers ? result.headers : {};
  return {
    status: result.statusCode,
    headers: comparable(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)])),
    cookies: result.cookies ?? [],
    body: result.body,
  };
}

async function viaNode(server: RunningServer, event: HttpApiEvent): Promise<Answer> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers)) {
    if (!['host', 'content-length', 'accept-encoding'].includes(name)) headers.set(name, value);
  }
  if (event.cookies) headers.set('cookie', event.cookies.join('; '));
  const body = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : undefined;
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const res = await fetch(`http://127.0.0.1:${server.port}${event.rawPath}${query}`, {
    method: event.requestContext.http.method,
    headers,
    body,
  });
  return {
    status: res.status,
    headers: comparable(res.headers),
    cookies: res.headers.getSetCookie(),
    body: await res.text(),
  };
}

const names = (await readdir(fixturesDir)).filter((f) => f.endsWith('.json') && f !== 'health.json');

describe('the Lambda adapter gives the same status, headers and body as the Node server for the same requests', () => {
  let db: TestDatabase;
  let keys: TestKeys;
  let server: RunningServer;
  let handler: HttpApiHandler;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    keys = await createTestKeys();
    token = await keys.tokenFor(['hr.employees.read', 'hr.employees.write'], { sub: 'hr-clerk' });
    const app = employeesApp(db, keys);
    server = await startServer(app, { port: 0 });
    handler = httpApiHandler(app.fetch);
  });
  afterAll(async () => {
    await server?.close(1000);
    await db?.close();
  });

  it.each(names)('%s', async (name) => {
    const event = await loadFixture(name, token);
    const lambda = await viaLambda(handler, event);
    const node = await viaNode(server, event);
    expect(lambda).toEqual(node);
    expect(lambda.headers['x-request-id']).toBe(event.headers['x-request-id']);
    expect(lambda.status).toBeLessThan(500);
    if (lambda.status !== 204) expect(lambda.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers each fixture as the API promises', async () => {
    const statuses: Record<string, number> = {};
    for (const name of names) statuses[name] = (await viaLambda(handler, await loadFixture(name, token))).status;
    expect(statuses).toEqual({
      'cors-preflight.json': 204,
      'create-employee-base64.json': 201,
      'create-employee-invalid.json': 422,
      'create-employee-malformed.json': 400,
      'create-employee.json': 201,
      'list-employees-bad-limit.json': 400,
      'list-employees-no-token.json': 401,
      'list-employees.json': 200,
      'me-with-cookies.json': 200,
      'unknown-route.json': 404,
      'wrong-method.json': 405,
    });
    const me = await viaLambda(handler, await loadFixture('me-with-cookies.json', token));
    expect(JSON.parse(me.body)).toEqual({ id: 'hr-clerk', lang: 'ar', theme: 'dark' });
    expect(me.cookies).toEqual(['seen=1; Path=/; HttpOnly; Secure; SameSite=Lax']);
    const list = await viaLambda(handler, await loadFixture('list-employees.json', token));
    expect(JSON.parse(list.body)).toEqual({ items: [], total: 0, limit: 5, offset: 0, department: 'sales' });
  });
});
