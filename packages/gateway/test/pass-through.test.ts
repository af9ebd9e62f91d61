import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createServiceApp, loadConfig, type ServiceRouter } from '@konecta/core';
import { type RunningServer, startServer } from '@konecta/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayApp, type GatewayOptions } from '../src';

/**
 * The pass-through (src/pass-through.ts) answers plain API reads over a real socket; the same
 * gateway through `app.request` answers through Hono. These tests hold the two to the same answers
 * and check what only the pass-through does: streaming, cutting a late answer, forgetting a client
 * that went away.
 */
const logger = createLogger({ level: 'silent', service: 'gateway' });
const config = (env: Record<string, string> = {}) =>
  loadConfig({
    KONECTA_STAGE: 'test',
    GATEWAY_TIMEOUT_MS: '400',
    KONECTA_WEB_ROOT: join(tmpdir(), 'konecta-no-web'),
    CORS_ORIGINS: 'http://app.test',
    ...env,
  });
const gateway = (options: Partial<GatewayOptions> = {}, env: Record<string, string> = {}) =>
  createGatewayApp({ config: config(env), logger, ...options });

/** A service app without a database: echoes what it heard, and answers with CORS and cache headers of its own. */
let service: ServiceRouter;
let serviceServer: RunningServer;
/** Plain Node servers behind the gateway, for what an app cannot do (stream slowly, stall, die). */
const upstreams: Server[] = [];
let released: () => void = () => {};
const closedByGateway: string[] = [];

function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  upstreams.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

let streaming: string; // first chunk, then the second once the test releases it
let inParts: string; // a body of a given length, in two writes
let shortKeepAlive: string; // tells its clients it keeps a connection only a second
const connectionsTo = new Map<string, number>();
let stalling: string; // headers and half the body, then nothing
let forgotten: string; // never answers, records when the gateway gives up its request
let dead: string; // nothing listens

beforeAll(async () => {
  service = createServiceApp(
    { service: 'hr', logger, corsOrigins: ['http://app.test'], bodyLimitBytes: 64 * 1024 },
    (api) => {
      api.get('/echo', (c) => {
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Vary', 'Origin, Accept-Language');
        return c.json({
          requestId: c.req.header('x-request-id'),
          forwardedFor: c.req.header('x-forwarded-for') ?? null,
          forwardedProto: c.req.header('x-forwarded-proto'),
          forwardedHost: c.req.header('x-forwarded-host'),
          connection: c.req.header('connection') ?? null,
          proxyAuthorization: c.req.header('proxy-authorization') ?? null,
          authorization: c.req.header('authorization') ?? null,
          cookie: c.req.header('cookie') ?? null,
          acceptLanguage: c.req.header('accept-language') ?? null,
          query: c.req.query('q') ?? null,
        });
      });
      api.get('/cached', (c) => {
        c.header('Cache-Control', 'private, max-age=60');
        return c.json({ ok: true });
      });
      api.post('/echo', async (c) => c.json(await c.req.json()));
    },
  );
  serviceServer = await startServer(service, { port: 0 });
  streaming = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first;');
    new Promise<void>((resolve) => {
      released = resolve;
    }).then(() => res.end('second'));
  });
  inParts = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '12' });
    res.write('first;');
    setTimeout(() => res.end('second'), 20);
  });
  shortKeepAlive = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
    res.end('ok');
  });
  for (const [url, server] of [
    [inParts, upstreams.at(-2)],
    [shortKeepAlive, upstreams.at(-1)],
  ] as const) {
    server?.on('connection', () => connectionsTo.set(url, (connectionsTo.get(url) ?? 0) + 1));
  }
  (upstreams.at(-1) as Server).keepAliveTimeout = 1000;
  stalling = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
    res.write('half');
  });
  forgotten = await listen((req) => {
    req.socket.on('close', () => closedByGateway.push(req.url ?? ''));
  });
  const probe = createServer();
  dead = await new Promise((resolve) =>
    probe.listen(0, '127.0.0.1', () => {
      const at = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
      probe.close(() => resolve(at));
    }),
  );
});

afterAll(async () => {
  released();
  await serviceServer?.close(100);
  for (const server of upstreams) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

const serviceUrl = () => `http://127.0.0.1:${serviceServer.port}`;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request over a real socket (so the pass-through answers), the body read to its end. */
function overSocket(
  port: number,
  path: string,
  options: {
    method?: string;
    /** An object, or Node's flat form (name, value, …) for a header sent more than once. */
    headers?: Record<string, string> | string[];
    body?: string;
    onChunk?: (chunk: string) => void;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
          options.onChunk?.(chunk);
        });
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('aborted')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function served<T>(app: ReturnType<typeof gateway>, use: (port: number) => Promise<T>): Promise<T> {
  const running = await startServer(app, { port: 0 });
  try {
    return await use(running.port);
  } finally {
    await running.close(100);
  }
}

/** Headers that differ between any two answers (or by how the body was framed), left out of comparisons. */
const VARYING = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
const comparable = (headers: Iterable<[string, string | string[] | undefined]>) =>
  Object.fromEntries([...headers].filter(([name]) => !VARYING.has(name)).sort(([a], [b]) => a.localeCompare(b)));

describe('the pass-through answers as Hono does', () => {
  for (const [kind, options] of [
    ['in process', () => ({ inProcess: { hr: (r: Request) => service.fetch(r) } })],
    ['over HTTP', () => ({ urls: { hr: serviceUrl() } })],
  ] as const) {
    it(`${kind}: the same status, body and headers for a read, a problem and a missing route`, async () => {
      const app = gateway(options());
      for (const path of ['/api/hr/echo?q=x', '/api/hr/cached', '/api/hr/no-such-route', '/api/hr/health']) {
        const headers = { 'x-request-id': 'same-id', authorization: 'Bearer t' };
        const viaHono = await app.request(`http://127.0.0.1${path}`, { headers });
        const honoBody = await viaHono.text();
        await served(app, async (port) => {
          const passed = await overSocket(port, path, { headers });
          expect(passed.status, path).toBe(viaHono.status);
          expect(comparable(Object.entries(passed.headers)), path).toEqual(comparable(viaHono.headers));
          // Only a socket has a peer and a Host: what the service heard of them is compared elsewhere.
          const { forwardedFor: _f, forwardedHost: _h, ...heard } = JSON.parse(passed.body);
          const { forwardedFor: _g, forwardedHost: _i, ...heardViaHono } = JSON.parse(honoBody);
          expect(heard, path).toEqual(heardViaHono);
        });
      }
    });
  }

  it('forwards the request id, the resolved client and the gateway headers, never hop-by-hop ones or the client X-Forwarded-For', async () => {
    await served(gateway({ urls: { hr: serviceUrl() } }), async (port) => {
      const res = await overSocket(port, '/api/hr/echo?q=search', {
        headers: {
          'x-request-id': 'abc-1',
          'x-forwarded-for': '203.0.113.9',
          'proxy-authorization': 'Basic secret',
          authorization: 'Bearer token',
        },
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({
        requestId: 'abc-1',
        forwardedFor: '127.0.0.1',
        forwardedProto: 'http',
        forwardedHost: `127.0.0.1:${port}`,
        connection: 'keep-alive', // the gateway's own connection to the service
        proxyAuthorization: null,
        authorization: 'Bearer token',
        cookie: null,
        acceptLanguage: null,
        query: 'search',
      });
      expect(res.headers['x-request-id']).toBe('abc-1');
      // CORS is the gateway's own answer: the service's goes, and so does Origin from its Vary.
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers.vary).toBe('Accept-Language');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  it("keeps a service's own Cache-Control, and makes up a request id when the client's is malformed", async () => {
    await served(gateway({ urls: { hr: serviceUrl() } }), async (port) => {
      const res = await overSocket(port, '/api/hr/cached', { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(res.headers['cache-control']).toBe('private, max-age=60');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('passes headers the client sent more than once as Hono does: joined, cookies with "; "', async () => {
    const repeated = [
      'host', // in Node's flat form the client sends only what it is given
      '127.0.0.1',
      'cookie',
      'a=1',
      'cookie',
      'b=2',
      'accept-language',
      'en',
      'accept-language',
      'ar',
      'x-forwarded-for',
      '203.0.113.9',
      'x-forwarded-for',
      '198.51.100.7',
      'x-request-id',
      'one',
      'x-request-id',
      'two',
    ];
    await served(gateway({ urls: { hr: serviceUrl() } }), async (port) => {
      const passed = await overSocket(port, '/api/hr/echo', { headers: repeated });
      // With an Origin the same request goes through Hono (for CORS).
      const viaHono = await overSocket(port, '/api/hr/echo', { headers: [...repeated, 'origin', 'http://app.test'] });
      expect(viaHono.headers['access-control-allow-origin']).toBe('http://app.test');
      expect(passed.headers['access-control-allow-origin']).toBeUndefined();
      const heard = JSON.parse(passed.body);
      expect(heard).toMatchObject({ cookie: 'a=1; b=2', acceptLanguage: 'en, ar', forwardedFor: '127.0.0.1' });
      // Two ids are no id: each answer has one of its own.
      expect(heard.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const { requestId: _r, ...rest } = heard;
      const { requestId: _s, ...restViaHono } = JSON.parse(viaHono.body);
      expect(rest).toEqual(restViaHono);
    });
  });

  it('answers HEAD with the headers and no body', async () => {
    await served(gateway({ urls: { hr: serviceUrl() } }), async (port) => {
      const res = await overSocket(port, '/api/hr/cached', { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(res.body).toBe('');
      expect(res.headers['cache-control']).toBe('private, max-age=60');
    });
  });
});

describe('the access log', () => {
  it('has the line Hono writes for a read, through the pass-through as through Hono, and for a problem', async () => {
    const lines: Record<string, unknown>[] = [];
    const informed = createLogger({
      level: 'info',
      service: 'gateway',
      destination: { write: (line) => lines.push(JSON.parse(line)) },
    });
    const app = createGatewayApp({ config: config(), logger: informed, urls: { hr: serviceUrl(), finance: dead } });
    await served(app, async (port) => {
      await overSocket(port, '/api/hr/echo?q=1', { headers: { 'x-request-id': 'passed-1' } });
      await overSocket(port, '/api/hr/echo?q=1', { headers: { 'x-request-id': 'hono-1', origin: 'http://app.test' } });
      await overSocket(port, '/api/finance/accounts', { headers: { 'x-request-id': 'down-1' } });
    });
    const line = (id: string) => {
      const found = lines.find((l) => l.msg === 'request' && l.requestId === id);
      const { time: _t, durationMs, requestId: _r, ...rest } = found ?? {};
      expect(typeof durationMs, id).toBe('number');
      return rest;
    };
    expect(line('passed-1')).toEqual(line('hono-1'));
    expect(line('passed-1')).toMatchObject({
      method: 'GET',
      path: '/api/hr/echo',
      route: '/api/:service/*',
      status: 200,
    });
    expect(line('down-1')).toMatchObject({ path: '/api/finance/accounts', status: 503 });
  });
});

describe('what still goes through Hono', () => {
  it('a request from another origin gets the CORS answer', async () => {
    await served(gateway({ urls: { hr: serviceUrl() } }), async (port) => {
      const res = await overSocket(port, '/api/hr/echo', { headers: { origin: 'http://app.test' } });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('http://app.test');
    });
  });

  it('a body is held to the size limit', async () => {
    await served(gateway({ urls: { hr: serviceUrl() } }, { BODY_LIMIT_BYTES: '1024' }), async (port) => {
      const small = await overSocket(port, '/api/hr/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ a: 1 }),
      });
      expect(small.status).toBe(200);
      const large = await overSocket(port, '/api/hr/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ a: 'x'.repeat(2000) }),
      });
      expect(large.status).toBe(413);
      expect(large.headers['content-type']).toBe('application/problem+json');
    });
  });

  it('an unknown service, or a path with dot segments, is refused as before', async () => {
    await served(gateway({ urls: { hr: serviceUrl() } }), async (port) => {
      expect((await overSocket(port, '/api/payroll/runs')).status).toBe(404);
      expect((await overSocket(port, '/api/hr/./echo')).status).toBe(400);
    });
  });
});

describe('the rate limit', () => {
  it('counts reads through the pass-through and writes through Hono together, answering 429 with Retry-After', async () => {
    const app = gateway({ urls: { hr: serviceUrl() } }, { RATE_LIMIT_PER_MINUTE: '3' });
    await served(app, async (port) => {
      const post = () =>
        overSocket(port, '/api/hr/echo', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
      const statuses = [
        (await overSocket(port, '/api/hr/echo')).status,
        (await post()).status,
        (await overSocket(port, '/api/hr/echo')).status,
      ];
      const limited = await overSocket(port, '/api/hr/echo');
      expect([...statuses, limited.status]).toEqual([200, 200, 200, 429]);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers['content-type']).toBe('application/problem+json');
      expect(limited.headers['cache-control']).toBe('no-store');
      expect(JSON.parse(limited.body)).toMatchObject({ status: 429, instance: '/api/hr/echo' });
      expect((await post()).status).toBe(429);
    });
  });
});

describe('a service that is down, late or gone', () => {
  it('503 with Retry-After when nothing listens, 504 when it does not answer in time', async () => {
    const app = gateway({ urls: { finance: dead, operation: forgotten } });
    await served(app, async (port) => {
      const down = await overSocket(port, '/api/finance/accounts', { headers: { 'x-request-id': 'down-1' } });
      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBe('5');
      expect(down.headers['x-request-id']).toBe('down-1');
      expect(down.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(down.body)).toMatchObject({
        status: 503,
        detail: 'Finance service is not running.',
        instance: '/api/finance/accounts',
        requestId: 'down-1',
      });
      const late = await overSocket(port, '/api/operation/late');
      expect(late.status).toBe(504);
      expect(JSON.parse(late.body).detail).toMatch(/did not answer within 400 ms/);
    });
    // The gateway's request to the late service does not outlive the timeout.
    await expect.poll(() => closedByGateway).toContain('/api/operation/late');
  });

  it('passes a body on as it arrives, before the service has finished', async () => {
    await served(gateway({ urls: { reporting: streaming } }, { GATEWAY_TIMEOUT_MS: '5000' }), async (port) => {
      const res = await overSocket(port, '/api/reporting/export', {
        // The service sends its second chunk only once the first has reached the client.
        onChunk: (chunk) => chunk === 'first;' && released(),
      });
      expect(res.status).toBe(200);
      expect(res.body).toBe('first;second');
    });
  });

  it('passes on a body of a given length that arrives in parts, whole', async () => {
    await served(gateway({ urls: { reporting: inParts } }), async (port) => {
      const res = await overSocket(port, '/api/reporting/export');
      expect(res.status).toBe(200);
      expect(res.headers['content-length']).toBe('12');
      expect(res.body).toBe('first;second');
    });
  });

  it("keeps a connection to a service open for the next request, unless the service's Keep-Alive says it is about to close it", async () => {
    await served(gateway({ urls: { reporting: inParts, config: shortKeepAlive } }), async (port) => {
      for (let i = 0; i < 3; i++) {
        expect((await overSocket(port, '/api/reporting/export')).body).toBe('first;second');
        expect((await overSocket(port, '/api/config/settings')).body).toBe('ok');
      }
    });
    expect(connectionsTo.get(inParts)).toBe(1);
    expect(connectionsTo.get(shortKeepAlive)).toBe(3);
  });

  it('cuts the connection when the answer stops half-way past the timeout, rather than hang', async () => {
    await served(gateway({ urls: { config: stalling } }), async (port) => {
      await expect(overSocket(port, '/api/config/settings')).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    });
  });
});
