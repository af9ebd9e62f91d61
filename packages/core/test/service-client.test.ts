/**
 * The kernel's service client against a stand-in auth service and target (a fetch function), and
 * over real sockets for the failures: a port nobody listens on, a server that never answers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createRoute,
  createServiceApp,
  createServiceClient,
  loadConfig,
  ProblemError,
  requestContext,
  requireServicePermission,
  serviceAppOptions,
} from '../src/index';
import { createTestDatabase, createTestKeys, type TestDatabase, testDeps } from '../src/testing';
import * as z from '../src/z';

const SECRET = 'the-right-secret';
const config = (env: Record<string, string> = {}) =>
  loadConfig({ KONECTA_STAGE: 'test', KONECTA_DATA_DIR: 'memory', SERVICE_CALL_TIMEOUT_MS: '300', ...env });

interface Seen {
  url: string;
  headers: Headers;
}

/**
 * An auth service that grants 5-minute tokens for hr:SECRET, and a target that accepts only
 * tokens it has not been told to forget. `tokenDelayMs` slows the grant down.
 */
function world(options: { tokenDelayMs?: number; targetStatus?: number } = {}) {
  let issued = 0;
  const revoked = new Set<string>();
  const seen: Seen[] = [];
  const grants: Seen[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.pathname === '/api/auth/service-token') {
      grants.push({ url: request.url, headers: request.headers });
      if (options.tokenDelayMs) await new Promise((r) => setTimeout(r, options.tokenDelayMs));
      const expected = `Basic ${Buffer.from(`hr:${SECRET}`).toString('base64')}`;
      if (request.headers.get('authorization') !== expected) {
        return Response.json({ status: 401, title: 'Unauthorized' }, { status: 401 });
      }
      issued++;
      return Response.json({ accessToken: `token-${issued}`, expiresIn: 300, tokenType: 'Bearer' });
    }
    seen.push({ url: request.url, headers: request.headers });
    const token = request.headers.get('authorization')?.replace('Bearer ', '') ?? '';
    if (!token.startsWith('token-') || revoked.has(token)) return new Response(null, { status: 401 });
    if (options.targetStatus) return new Response('{}', { status: options.targetStatus });
    return Response.json({ ok: true, token });
  }) as typeof fetch;
  return { fetch: fetchImpl, seen, grants, revoked, issued: () => issued };
}

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const clientFor = (
  w: ReturnType<typeof world>,
  extra: { now?: () => number; secret?: string; env?: Record<string, string> } = {},
) =>
  createServiceClient({
    service: 'hr',
    config: config(extra.env),
    fetch: w.fetch,
    secret: async () => extra.secret ?? SECRET,
    now: extra.now,
  });

const bodyOf = async (res: Response) => (await res.json()) as { ok: boolean; token: string };

describe('tokens: obtained, cached, renewed', () => {
  it('obtains one token and reuses it for every call while it is fresh', async () => {
    const w = world();
    const client = clientFor(w);
    for (let i = 0; i < 3; i++) {
      const res = await client.request('auth', '/service/employees/1/login');
      expect(res.status).toBe(200);
      expect((await bodyOf(res)).token).toBe('token-1');
    }
    expect(w.issued()).toBe(1);
    expect(w.grants[0]?.url).toBe('http://127.0.0.1:8081/api/auth/service-token');
    expect(w.seen.map((s) => s.url)).toEqual(Array(3).fill('http://127.0.0.1:8081/api/auth/service/employees/1/login'));
  });

  it('renews before the token expires: a minute early for a five-minute token', async () => {
    const w = world();
    const t = clock();
    const client = clientFor(w, { now: t.now });
    expect(await client.token()).toBe('token-1');
    t.advance(239_000);
    expect(await client.token()).toBe('token-1');
    t.advance(2_000); // 241 s: less than a minute left
    expect(await client.token()).toBe('token-2');
    expect(w.issued()).toBe(2);
  });

  it('shares one token request among concurrent callers', async () => {
    const w = world({ tokenDelayMs: 30 });
    const client = clientFor(w);
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.request('hr', '/employees')));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(w.grants).toHaveLength(1);
    expect(new Set(await Promise.all(answers.map(async (r) => (await bodyOf(r)).token)))).toEqual(new Set(['token-1']));
  });

  it('refuses to go on with a wrong secret: the auth service answers 401, the caller gets a 502 problem', async () => {
    const w = world();
    const client = clientFor(w, { secret: 'not-the-secret' });
    const failure = await client.request('hr', '/employees').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProblemError);
    expect(failure).toMatchObject({ status: 502, extra: { upstreamStatus: 401 } });
    expect((failure as Error).message).toBe('The auth service refused the client credentials of the hr service.');
    expect(w.seen).toEqual([]); // the target was never called without a token
    await client.token().catch(() => undefined);
    expect(w.grants).toHaveLength(2); // a refusal is not cached: the next call asks again
  });

  it('gets a fresh token once when the target refuses a cached one', async () => {
    const w = world();
    const client = clientFor(w);
    expect((await client.request('hr', '/employees')).status).toBe(200);
    w.revoked.add('token-1');
    const res = await client.request('hr', '/employees');
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).token).toBe('token-2');
  });

  it('sends the request id of the request it serves to the auth service and the target', async () => {
    const w = world();
    const client = clientFor(w);
    await requestContext.run({ requestId: 'req-42', service: 'hr' }, () => client.request('auth', '/x'));
    expect(w.grants[0]?.headers.get('x-request-id')).toBe('req-42');
    expect(w.seen[0]?.headers.get('x-request-id')).toBe('req-42');
  });

  it('deployed, reaches every service through the API URL', async () => {
    const w = world();
    const client = clientFor(w, { env: { API_URL: 'https://api.example.com/' } });
    await client.request('finance', '/invoices');
    expect(w.grants[0]?.url).toBe('https://api.example.com/api/auth/service-token');
    expect(w.seen[0]?.url).toBe('https://api.example.com/api/finance/invoices');
  });
});

describe('a target that fails answers the caller with a clear problem', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });
  const listen = async (server: Server) => {
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  };

  it('503 when nothing listens at the address', async () => {
    const port = await listen(createServer());
    await new Promise((r) => servers.pop()?.close(r));
    const client = createServiceClient({
      service: 'hr',
      config: config({ API_URL: `http://127.0.0.1:${port}` }),
      secret: async () => SECRET,
    });
    await expect(client.request('auth', '/x')).rejects.toMatchObject({
      status: 503,
      message: 'Auth service is not running.',
    });
  });

  it('504 when the target accepts the connection but never answers, instead of hanging', async () => {
    const port = await listen(createServer(() => {}));
    const client = createServiceClient({
      service: 'hr',
      config: config({ API_URL: `http://127.0.0.1:${port}` }),
      secret: async () => SECRET,
    });
    await expect(client.request('auth', '/x')).rejects.toMatchObject({
      status: 504,
      message: 'Auth service did not answer within 300 ms.',
    });
  });

  it('504 for an in-process target that ignores the abort signal', async () => {
    const w = world();
    const stuck = (async (input: string | URL | Request, init?: RequestInit) =>
      new URL(new Request(input).url).pathname.endsWith('/service-token')
        ? w.fetch(input, init)
        : new Promise<Response>(() => {})) as typeof fetch;
    const client = createServiceClient({ service: 'hr', config: config(), fetch: stuck, secret: async () => SECRET });
    await expect(client.request('hr', '/employees')).rejects.toMatchObject({ status: 504 });
  });

  it('502 when the target fails, 503 when it says it is unavailable, 502 when it refuses the token', async () => {
    for (const [upstream, expected] of [
      [500, 502],
      [503, 503],
      [403, 502],
    ] as const) {
      const client = clientFor(world({ targetStatus: upstream }));
      await expect(client.request('hr', '/employees')).rejects.toMatchObject({
        status: expected,
        extra: { upstreamStatus: upstream },
      });
    }
  });

  it('passes on the answers the target is responsible for (404, 409, 422)', async () => {
    for (const status of [404, 409, 422]) {
      const res = await clientFor(world({ targetStatus: status })).request('hr', '/employees');
      expect(res.status).toBe(status);
    }
  });
});

describe('service-only routes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db?.close());

  it('answer a service token with the permission, and refuse users whatever they hold', async () => {
    const keys = await createTestKeys();
    const app = createServiceApp(serviceAppOptions('auth', testDeps(db, keys)), (api) => {
      api.openapi(
        createRoute({
          method: 'get',
          path: '/service/things',
          middleware: [requireServicePermission('auth.service.logins.read')],
          responses: { 200: { description: 'OK', content: { 'application/json': { schema: z.object({}) } } } },
        }),
        (c) => c.json({}, 200),
      );
    });
    const get = async (token: string) =>
      (await app.request('/api/auth/service/things', { headers: { authorization: `Bearer ${token}` } })).status;
    const perms = ['auth.service.logins.read'];
    expect(await get(await keys.sign({ typ: 'service', sub: 'service:hr', perms }))).toBe(200);
    expect(await get(await keys.sign({ typ: 'service', sub: 'service:finance', perms: [] }))).toBe(403);
    expect(await get(await keys.sign({ typ: 'user', sub: 'admin', perms }))).toBe(403);
    expect((await app.request('/api/auth/service/things')).status).toBe(401);
  });
});
