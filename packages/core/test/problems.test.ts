import { outbox } from '@konecta/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conflict,
  createLogger,
  createRoute,
  createServiceApp,
  problemResponses,
  requirePermission,
  type ServiceRouter,
  serviceAppOptions,
} from '../src/index';
import { createTestDatabase, createTestKeys, type TestDatabase, type TestKeys, testDeps } from '../src/testing';
import * as z from '../src/z';

const WidgetInput = z.object({ name: z.string().check(z.minLength(1)), quantity: z.optional(z.int().check(z.gte(0))) });
const WidgetQuery = z.object({ limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20) });
const ok = { 200: { description: 'OK', content: { 'application/json': { schema: z.looseObject({}) } } } };
const DUPLICATE_EVENT_ID = '00000000-0000-4000-8000-000000000001';

let db: TestDatabase;
let keys: TestKeys;
let app: ServiceRouter;

function testRoutes(database: TestDatabase) {
  return (api: ServiceRouter) => {
    api.openapi(
      createRoute({
        method: 'post',
        path: '/widgets',
        request: { body: { content: { 'application/json': { schema: WidgetInput } }, required: true } },
        responses: { 201: { description: 'Created' }, ...problemResponses(400, 415, 422) },
      }),
      (c) => c.json({ created: c.req.valid('json').name }, 201),
    );
    api.openapi(createRoute({ method: 'get', path: '/widgets', request: { query: WidgetQuery }, responses: ok }), (c) =>
      c.json({ items: [], limit: c.req.valid('query').limit }, 200),
    );
    api.openapi(createRoute({ method: 'post', path: '/widgets/{id}/reserve', responses: ok }), () => {
      throw conflict('The widget is already reserved.');
    });
    api.openapi(createRoute({ method: 'get', path: '/broken', responses: ok }), () => {
      throw new Error('secret connection string postgres://admin:hunter2@db');
    });
    api.openapi(createRoute({ method: 'post', path: '/events', responses: ok }), async (c) => {
      const row = { id: DUPLICATE_EVENT_ID, type: 'test.duplicated', source: 'hr', data: {} };
      await database.db.insert(outbox).values(row);
      return c.json({}, 200);
    });
    api.openapi(
      createRoute({
        method: 'get',
        path: '/salaries',
        middleware: [requirePermission('hr.salaries.read')],
        responses: ok,
      }),
      (c) => c.json({ items: [] }, 200),
    );
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  keys = await createTestKeys();
  app = createServiceApp(serviceAppOptions('hr', testDeps(db, keys, { BODY_LIMIT_BYTES: '2048' })), testRoutes(db));
});
afterAll(() => db?.close());

/** Asserts the RFC 9457 shape shared by every error answer and returns the body. */
async function expectProblem(res: Response, status: number, path: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: 'about:blank', status, instance: path });
  expect(body.title).toEqual(expect.any(String));
  expect(body.detail).toEqual(expect.any(String));
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  return body;
}

const postJson = (path: string, body: string, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('problem responses', () => {
  it('400 for a body that is not JSON', async () => {
    const body = await expectProblem(await postJson('/api/hr/widgets', '{"name": '), 400, '/api/hr/widgets');
    expect(body).toMatchObject({ title: 'Bad Request', detail: 'The request body is not valid JSON.' });
  });

  it('400 naming query.limit for a bad or too large query value', async () => {
    for (const limit of ['abc', '500', '0']) {
      const body = await expectProblem(await app.request(`/api/hr/widgets?limit=${limit}`), 400, '/api/hr/widgets');
      expect(body.errors).toEqual([{ path: 'query.limit', message: expect.any(String) }]);
    }
    const good = await app.request('/api/hr/widgets?limit=100');
    expect(await good.json()).toEqual({ items: [], limit: 100 });
  });

  it('401 with WWW-Authenticate when no token is sent', async () => {
    const res = await app.request('/api/hr/salaries');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const body = await expectProblem(res, 401, '/api/hr/salaries');
    expect(body.title).toBe('Unauthorized');
  });

  it('403 when the token lacks the permission', async () => {
    const token = await keys.tokenFor(['hr.employees.read']);
    const res = await app.request('/api/hr/salaries', { headers: { authorization: `Bearer ${token}` } });
    const body = await expectProblem(res, 403, '/api/hr/salaries');
    expect(body.detail).toContain('"hr.salaries.read"');
  });

  it('404 for a path no route has', async () => {
    const body = await expectProblem(await app.request('/api/hr/gadgets'), 404, '/api/hr/gadgets');
    expect(body.detail).toBe('No route for GET /api/hr/gadgets.');
  });

  it('405 with Allow for a path that exists under other methods', async () => {
    const res = await app.request('/api/hr/widgets', { method: 'DELETE' });
    expect(res.headers.get('allow')).toBe('GET, POST, HEAD');
    await expectProblem(res, 405, '/api/hr/widgets');
    const reserve = await app.request('/api/hr/widgets/7/reserve');
    expect(reserve.headers.get('allow')).toBe('POST');
    await expectProblem(reserve, 405, '/api/hr/widgets/7/reserve');
  });

  it('409 for a conflict the domain code raises', async () => {
    const body = await expectProblem(
      await app.request('/api/hr/widgets/7/reserve', { method: 'POST' }),
      409,
      '/api/hr/widgets/7/reserve',
    );
    expect(body).toMatchObject({ title: 'Conflict', detail: 'The widget is already reserved.' });
  });

  it('409 for a unique violation the database raises, never naming the constraint', async () => {
    expect((await app.request('/api/hr/events', { method: 'POST' })).status).toBe(200);
    const res = await app.request('/api/hr/events', { method: 'POST' });
    const text = await res.clone().text();
    const body = await expectProblem(res, 409, '/api/hr/events');
    expect(body.detail).toBe('A record with the same unique value already exists.');
    expect(text).not.toContain('outbox_id_unique');
  });

  it('the field and message a service declared for a constraint, instead of its name', async () => {
    const declared = createServiceApp(
      {
        ...serviceAppOptions('hr', testDeps(db, keys)),
        constraints: { outbox_id_unique: { path: 'eventId', message: 'This event was already recorded.' } },
      },
      testRoutes(db),
    );
    const res = await declared.request('/api/hr/events', { method: 'POST' });
    const text = await res.clone().text();
    const body = await expectProblem(res, 409, '/api/hr/events');
    expect(body).toMatchObject({
      detail: 'This event was already recorded.',
      errors: [{ path: 'eventId', message: 'This event was already recorded.' }],
    });
    expect(text).not.toContain('outbox_id_unique');
  });

  it('413 for a body over BODY_LIMIT_BYTES', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(4096) });
    const body = await expectProblem(await postJson('/api/hr/widgets', big), 413, '/api/hr/widgets');
    expect(body.detail).toBe('The request body is larger than 2048 bytes.');
    const declared = await postJson('/api/hr/widgets', big, { 'content-length': String(big.length) });
    await expectProblem(declared, 413, '/api/hr/widgets');
  });

  it('415 for a body that is not JSON to a JSON route', async () => {
    const res = await app.request('/api/hr/widgets', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'name=x',
    });
    await expectProblem(res, 415, '/api/hr/widgets');
  });

  it('422 naming each failing field for JSON that breaks the schema', async () => {
    const res = await postJson('/api/hr/widgets', JSON.stringify({ name: '', quantity: 'three' }));
    const body = await expectProblem(res, 422, '/api/hr/widgets');
    const paths = (body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['name', 'quantity']);
    const missing = await expectProblem(await postJson('/api/hr/widgets', '{}'), 422, '/api/hr/widgets');
    expect(missing.errors).toEqual([{ path: 'name', message: expect.any(String) }]);
  });

  it('500 for a bug, without the stack or the internal message', async () => {
    const res = await app.request('/api/hr/broken');
    const text = await res.clone().text();
    const body = await expectProblem(res, 500, '/api/hr/broken');
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'Something went wrong on our side. Quote the request id when reporting it.',
      instance: '/api/hr/broken',
      requestId: res.headers.get('x-request-id'),
    });
    expect(text).not.toMatch(/hunter2|postgres:|at .*\.ts/);
  });

  it('accepts a valid request', async () => {
    const res = await postJson('/api/hr/widgets', JSON.stringify({ name: 'bolt', quantity: 3 }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ created: 'bolt' });
  });
});

describe('request basics', () => {
  it('echoes a well-formed X-Request-Id and replaces a bad one', async () => {
    const echoed = await app.request('/api/hr/gadgets', { headers: { 'x-request-id': 'req-42.abc:1' } });
    expect(echoed.headers.get('x-request-id')).toBe('req-42.abc:1');
    expect((await echoed.json()).requestId).toBe('req-42.abc:1');

    const replaced = await app.request('/api/hr/gadgets', { headers: { 'x-request-id': '<script>alert(1)</script>' } });
    const id = replaced.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await replaced.json()).requestId).toBe(id);
  });

  it('sends the security headers on every answer', async () => {
    for (const res of [await app.request('/health'), await app.request('/api/hr/gadgets')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-site');
    }
  });

  it('answers a CORS preflight from the web app, and not from another origin', async () => {
    const preflight = (origin: string) =>
      app.request('/api/hr/widgets', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('http://localhost:4200');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('system routes', () => {
  it('/health and /ready answer 200 at the root and under the prefix', async () => {
    for (const prefix of ['', '/api/hr']) {
      const health = await app.request(`${prefix}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', service: 'hr' });
      const ready = await app.request(`${prefix}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        service: 'hr',
        checks: { database: expect.stringMatching(/^ok/) },
      });
    }
  });

  it('/ready answers 503 when the database does not', async () => {
    const down = createServiceApp({
      service: 'hr',
      logger: createLogger({ level: 'silent', service: 'hr' }),
      corsOrigins: [],
      bodyLimitBytes: 1024 * 1024,
      ready: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
    });
    const res = await down.request('/api/hr/ready');
    expect(res.headers.get('retry-after')).toBe('2');
    const body = await expectProblem(res, 503, '/api/hr/ready');
    expect(body.detail).toBe('The database is not reachable.');
    expect((await down.request('/health')).status).toBe(200);
  });

  it('serves an OpenAPI 3.1 document with the routes at /openapi.json and /api/hr/openapi.json', async () => {
    for (const path of ['/openapi.json', '/api/hr/openapi.json']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths['/api/hr/widgets'] ?? {}).sort()).toEqual(['get', 'post']);
      expect(doc.paths).toHaveProperty(['/api/hr/widgets/{id}/reserve', 'post']);
      expect(doc.paths).toHaveProperty(['/api/hr/health', 'get']);
    }
  });
});
