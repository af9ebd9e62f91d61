import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createLogger, createServiceApp, loadConfig, serviceAppOptions } from '@konecta/core';
import { type RunningServer, startServer } from '@konecta/core/node';
import { createTestDatabase, createTestKeys, json, type TestDatabase, testDeps } from '@konecta/core/testing';
import type { hrService } from '@konecta/hr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayApp, type GatewayOptions } from '../src';
import { preferredEncoding } from '../src/web';

/** A temporary web build folder, removed after the file. */
const webRoots: string[] = [];
const webRoot = () => {
  const root = mkdtempSync(join(tmpdir(), 'konecta-web-'));
  webRoots.push(root);
  return root;
};
afterAll(() => {
  for (const root of webRoots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const logger = createLogger({ level: 'silent', service: 'gateway' });
const gatewayConfig = (env: Record<string, string> = {}) =>
  loadConfig({
    KONECTA_STAGE: 'test',
    GATEWAY_TIMEOUT_MS: '400',
    KONECTA_WEB_ROOT: join(tmpdir(), 'konecta-no-web'),
    ...env,
  });

let db: TestDatabase;
let hrApp: ReturnType<typeof hrService.createApp>;
let hrServer: RunningServer;
let silent: Server; // accepts connections and never answers
let slamming: Server; // closes every connection at once
let deadPort: number;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  db = await createTestDatabase();
  const keys = await createTestKeys();
  const deps = testDeps(db, keys);
  hrApp = createServiceApp(serviceAppOptions('hr', deps), (api) => {
    api.post('/echo', async (c) =>
      c.json({
        body: await c.req.json(),
        requestId: c.req.header('x-request-id'),
        forwardedProto: c.req.header('x-forwarded-proto'),
        query: c.req.query('q'),
        connection: c.req.header('connection') ?? null,
      }),
    );
    api.get('/whoami', (c) =>
      c.json({ clientAddress: c.get('clientAddress') ?? null, forwardedFor: c.req.header('x-forwarded-for') ?? null }),
    );
  });
  hrServer = await startServer(hrApp, { port: 0 });
  silent = createServer(() => {});
  slamming = createServer((req) => req.socket.destroy());
  await listen(silent);
  await listen(slamming);
  const probe = createServer();
  deadPort = await listen(probe);
  await new Promise((r) => probe.close(r));
});

afterAll(async () => {
  await hrServer?.close(100);
  silent?.closeAllConnections();
  slamming?.closeAllConnections();
  await new Promise((r) => silent?.close(r));
  await new Promise((r) => slamming?.close(r));
  await db?.close();
});

const gateway = (options: Partial<GatewayOptions> = {}, env: Record<string, string> = {}) =>
  createGatewayApp({ config: gatewayConfig(env), logger, ...options });
const port = (s: Server) => (s.address() as AddressInfo).port;

/**
 * A request over a real socket, path sent exactly as given: Fetch would resolve `%2e%2e` before
 * sending and refuses TRACE, which is what real clients do send.
 */
function rawRequest(
  target: number,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: target, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Serves a gateway on a free port for the duration of `use`. */
async function overSocket<T>(app: ReturnType<typeof gateway>, use: (port: number) => Promise<T>): Promise<T> {
  const running = await startServer(app, { port: 0 });
  try {
    return await use(running.port);
  } finally {
    await running.close(100);
  }
}

describe('routing by the catalogue', () => {
  it('routes in-process to a service in the same process, keeping the request id', async () => {
    const app = gateway({ inProcess: { hr: (r) => hrApp.fetch(r) } });
    const res = await app.request('/api/hr/health', { headers: { 'x-request-id': 'req-123' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-123');
    expect(await json(res)).toMatchObject({ status: 'ok', service: 'hr' });
  });

  it('routes over HTTP, forwarding method, body, query and request id but no hop-by-hop headers', async () => {
    const app = gateway({ urls: { hr: `http://127.0.0.1:${hrServer.port}` } });
    const res = await app.request('http://gw.test/api/hr/echo?q=search', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'abc-1', connection: 'x-secret' },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      body: { hello: 'world' },
      requestId: 'abc-1',
      forwardedProto: 'http',
      query: 'search',
    });
  });

  it('passes the service problem responses through unchanged', async () => {
    const app = gateway({ urls: { hr: `http://127.0.0.1:${hrServer.port}` } });
    const res = await app.request('/api/hr/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await json(res)).toMatchObject({ status: 404, instance: '/api/hr/no-such-thing' });
  });

  it('answers 404 problem for a service that does not exist', async () => {
    const res = await gateway().request('/api/payroll/runs');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await json(res)).detail).toMatch(/no service "payroll"/);
  });

  it('answers 503 quickly when nothing listens at the service address', async () => {
    const app = gateway({ urls: { finance: `http://127.0.0.1:${deadPort}` } });
    const res = await app.request('/api/finance/health');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await json(res)).toMatchObject({ status: 503, detail: 'Finance service is not running.' });
  });

  it('answers 504 when the service accepts but does not answer within the timeout', async () => {
    const app = gateway({ urls: { operation: `http://127.0.0.1:${port(silent)}` } });
    const res = await app.request('/api/operation/health');
    expect(res.status).toBe(504);
    expect((await json(res)).detail).toMatch(/did not answer within 400 ms/);
  });

  it('answers 504 when an in-process service hangs', async () => {
    const app = gateway({ inProcess: { reporting: () => new Promise<Response>(() => {}) } });
    const res = await app.request('/api/reporting/health');
    expect(res.status).toBe(504);
  });

  it('answers 502 when the service drops the connection, without naming the error inside', async () => {
    const app = gateway({ urls: { auth: `http://127.0.0.1:${port(slamming)}` } });
    const res = await app.request('/api/auth/health');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await json(res)).detail).toBe('Auth service could not be reached.');
  });

  it('answers 405 for TRACE and methods no service serves, instead of failing to forward them', async () => {
    const app = gateway({ inProcess: { hr: (r) => hrApp.fetch(r) } });
    await overSocket(app, async (at) => {
      for (const method of ['TRACE', 'PROPFIND']) {
        const res = await rawRequest(at, '/api/hr/employees', { method });
        expect(res.status, method).toBe(405);
        expect(res.headers['content-type']).toBe('application/problem+json');
        expect(res.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
        expect(JSON.parse(res.body)).toMatchObject({ status: 405, detail: `${method} is not supported here.` });
      }
    });
  });

  it('refuses encoded dot segments and slashes before routing: /api/hr/%2e%2e/auth is not an auth path', async () => {
    const reached: string[] = [];
    const app = gateway({
      inProcess: {
        hr: (r) => hrApp.fetch(r),
        auth: (r) => {
          reached.push(new URL(r.url).pathname);
          return new Response('{}', { headers: { 'content-type': 'application/json' } });
        },
      },
    });
    await overSocket(app, async (at) => {
      for (const path of [
        '/api/hr/%2e%2e/auth/users',
        '/api/hr/%2E%2E/auth/users',
        '/api/hr/..%2fauth/users',
        '/api/hr/../auth/users',
        '/api/hr/..%5Cauth/users',
      ]) {
        const res = await rawRequest(at, path);
        expect(res.status, path).toBe(400);
        expect(res.headers['content-type']).toBe('application/problem+json');
      }
      expect((await rawRequest(at, '/api/auth/users')).status).toBe(200); // the plain path still routes
    });
    expect(reached).toEqual(['/api/auth/users']);
  });

  it("does not pass on the client's own X-Forwarded-For: the service hears the connection's address", async () => {
    const whoami = async (env: Record<string, string>) =>
      overSocket(gateway({ inProcess: { hr: (r) => hrApp.fetch(r) } }, env), async (at) => {
        const res = await rawRequest(at, '/api/hr/whoami', { headers: { 'x-forwarded-for': '203.0.113.9' } });
        expect(res.status).toBe(200);
        return JSON.parse(res.body);
      });
    expect(await whoami({})).toEqual({ clientAddress: '127.0.0.1', forwardedFor: '127.0.0.1' });
    // Behind a proxy the gateway trusts, that proxy's word is taken.
    expect(await whoami({ TRUSTED_PROXIES: '127.0.0.0/8' })).toEqual({
      clientAddress: '203.0.113.9',
      forwardedFor: '203.0.113.9',
    });
  });

  it("marks API answers no-store, its own and the services'", async () => {
    const app = gateway({ inProcess: { hr: (r) => hrApp.fetch(r) } });
    expect((await app.request('/api/hr/health')).headers.get('cache-control')).toBe('no-store');
    expect((await app.request('/api/payroll/runs')).headers.get('cache-control')).toBe('no-store');
  });

  it('limits requests per client per minute with 429 and Retry-After', async () => {
    const app = gateway({ inProcess: { hr: (r) => hrApp.fetch(r) } }, { RATE_LIMIT_PER_MINUTE: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.request('/api/hr/health')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await app.request('/api/hr/health');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('aggregated health', () => {
  it('lists every service with its state, runtime and where it was reached', async () => {
    const app = gateway({
      inProcess: { hr: (r) => hrApp.fetch(r) },
      urls: {
        auth: `http://127.0.0.1:${hrServer.port}`, // answers, but has no /api/auth/health: down
        finance: `http://127.0.0.1:${deadPort}`,
        operation: `http://127.0.0.1:${port(silent)}`,
        reporting: `http://127.0.0.1:${deadPort}`,
        discovery: `http://127.0.0.1:${deadPort}`,
        config: `http://127.0.0.1:${deadPort}`,
      },
    });
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    const body = await json<{
      status: string;
      services: { name: string; state: string; runtime: string; reachedAt: string }[];
    }>(res);
    expect(body.status).toBe('degraded');
    expect(body.services.map((s) => s.name)).toEqual([
      'auth',
      'hr',
      'finance',
      'operation',
      'reporting',
      'discovery',
      'config',
    ]);
    const byName = Object.fromEntries(body.services.map((s) => [s.name, s]));
    expect(byName.hr).toMatchObject({ state: 'up', reachedAt: 'in-process', runtime: 'lambda' });
    expect(byName.auth).toMatchObject({ state: 'down', detail: expect.stringMatching(/No route/) });
    expect(byName.finance?.state).toBe('down');
    expect(byName.operation?.state).toBe('down');
  });
});

describe('docs and the web app', () => {
  it('serves Swagger UI over every service document from local assets', async () => {
    const app = gateway();
    const page = await app.request('/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/docs/assets/swagger-ui-bundle.js');
    const services = await json<{ name: string; url: string }[]>(await app.request('/docs/services.json'));
    expect(services).toHaveLength(7);
    expect(services.map((s) => s.url)).toContain('/api/hr/openapi.json');
    const asset = await app.request('/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(100_000);
    expect((await app.request('/docs/assets/..%2F..%2Fpackage.json')).status).toBe(400);
  });

  it('serves the docs page under a strict Content-Security-Policy that allows what it loads', async () => {
    const res = await gateway().request('/docs');
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    const html = await res.text();
    // Everything the page loads is its own: no inline script, nothing from another origin.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(await (await gateway().request('/docs/init.js')).text()).toContain('validatorUrl: null');
  });

  it('without a web build: a landing page at / and problem 404 elsewhere', async () => {
    const app = gateway();
    const home = await app.request('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('has not been built');
    const other = await app.request('/employees');
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
  });

  it("puts the web app under a Content-Security-Policy that allows the build's own inline stylesheet loader only", async () => {
    const root = mkdtempSync(join(tmpdir(), 'konecta-web-'));
    const loader = "this.media='all'";
    writeFileSync(
      join(root, 'index.html'),
      `<!doctype html><link rel="stylesheet" href="styles-ABCD1234.css" media="print" onload="${loader}"><app-root></app-root><script src="main-ABCD1234.js" type="module"></script>`,
    );
    const res = await gateway({}, { KONECTA_WEB_ROOT: root }).request('/employees');
    const policy = res.headers.get('content-security-policy') ?? '';
    const hash = createHash('sha256').update(loader).digest('base64');
    const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe(`script-src 'self' 'unsafe-hashes' 'sha256-${hash}'`);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    const landing = await gateway().request('/');
    expect(landing.headers.get('content-security-policy')).toContain("script-src 'self';");
  });

  it('with a web build: files, deep links to index.html, but never for API paths or missing files', async () => {
    const root = webRoot();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Konecta</title><app-root></app-root>');
    writeFileSync(join(root, 'main-ABCD1234.js'), 'console.log(1)');
    const app = gateway({ inProcess: { hr: (r) => hrApp.fetch(r) } }, { KONECTA_WEB_ROOT: root });

    const index = await app.request('/');
    expect(await index.text()).toContain('<app-root>');
    const deep = await app.request('/hr/employees/42');
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/text\/html/);
    const bundle = await app.request('/main-ABCD1234.js');
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    const missing = await app.request('/main-FFFF0000.js');
    expect(missing.status).toBe(404);
    const api = await app.request('/api/hr/missing');
    expect(api.headers.get('content-type')).toBe('application/problem+json');
    const traversal = await app.request('/..%2F..%2Fetc%2Fpasswd');
    expect(traversal.status).not.toBe(500);
    expect(await traversal.text()).not.toContain('root:');
    const post = await app.request('/hr/employees', { method: 'POST' });
    expect(post.status).toBe(405); // pages are GET only
    expect(post.headers.get('content-type')).toBe('application/problem+json');
    const malformed = await app.request('/%E0%A4%A');
    expect(malformed.status).toBe(400);
  });

  it('compresses text files with brotli or gzip as the browser accepts, and leaves small ones alone', async () => {
    const root = webRoot();
    const code = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, name: `row ${i}` })))};`;
    writeFileSync(join(root, 'index.html'), '<!doctype html><app-root></app-root>');
    writeFileSync(join(root, 'chunk-ABCD1234.js'), code);
    const app = gateway({}, { KONECTA_WEB_ROOT: root });

    const br = await app.request('/chunk-ABCD1234.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(code.length / 3);
    expect(brotliDecompressSync(brBytes).toString()).toBe(code);

    const gz = await app.request('/chunk-ABCD1234.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(code);

    const plain = await app.request('/chunk-ABCD1234.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(code);
  });
});

describe('preferred encoding', () => {
  it('takes brotli over gzip, and respects q=0', () => {
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(preferredEncoding('identity')).toBeUndefined();
    expect(preferredEncoding(undefined)).toBeUndefined();
  });
});

describe('paths outside the catalogue', () => {
  it('answers a problem for /api itself', async () => {
    const res = await gateway().request('/api');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
