import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  callerOf,
  createRoute,
  createServiceApp,
  createTokenVerifier,
  requireAuth,
  type ServiceRouter,
  serviceAppOptions,
  type TokenVerifier,
} from '../src/index';
import {
  createTestDatabase,
  createTestKeys,
  TEST_AUDIENCE,
  TEST_ISSUER,
  type TestDatabase,
  type TestKeys,
  testDeps,
} from '../src/testing';
import * as z from '../src/z';

let db: TestDatabase;
let keys: TestKeys;
let app: ServiceRouter;

const CallerView = z.object({
  kind: z.enum(['user', 'service']),
  id: z.string(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  employeeId: z.optional(z.string()),
  email: z.optional(z.string()),
});

/** An app whose one protected route answers with the caller it saw. */
function appWith(verifier: TokenVerifier): ServiceRouter {
  return createServiceApp(serviceAppOptions('hr', { ...testDeps(db, keys), verifier }), (api) => {
    api.openapi(
      createRoute({
        method: 'get',
        path: '/me',
        middleware: [requireAuth()],
        responses: { 200: { description: 'The caller', content: { 'application/json': { schema: CallerView } } } },
      }),
      (c) => {
        const caller = callerOf(c);
        const person = caller.kind === 'user' ? { employeeId: caller.employeeId, email: caller.email } : {};
        return c.json(
          {
            ...person,
            kind: caller.kind,
            id: caller.id,
            roles: [...caller.roles],
            permissions: [...caller.permissions],
          },
          200,
        );
      },
    );
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  keys = await createTestKeys('key-2026-01');
  app = appWith(keys.verifier);
});
afterAll(() => db?.close());

const me = async (authorization?: string, target = app): Promise<Response> =>
  target.request('/api/hr/me', { headers: authorization ? { authorization } : {} });

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({
  sub: 'user-1',
  typ: 'user',
  iss: TEST_ISSUER,
  aud: TEST_AUDIENCE,
  iat: now(),
  exp: now() + 600,
});

/** Asserts a 401 problem and returns its detail. */
async function refused(res: Response): Promise<string> {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const challenge = res.headers.get('www-authenticate') ?? '';
  expect(challenge).toMatch(/^Bearer( error="invalid_token", error_description="[^"\\]*")?$/);
  const body = (await res.json()) as { status: number; detail: string };
  expect(body.status).toBe(401);
  return body.detail;
}

describe('access tokens', () => {
  it('accepts a valid token and exposes the caller', async () => {
    const token = await keys.sign({
      sub: 'user-7',
      perms: ['hr.employees.read'],
      roles: ['HR'],
      emp: 'emp-7',
      email: 'a@b.eg',
    });
    const res = await me(`Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      kind: 'user',
      id: 'user-7',
      roles: ['HR'],
      permissions: ['hr.employees.read'],
      employeeId: 'emp-7',
      email: 'a@b.eg',
    });
  });

  it('accepts the scheme in any case', async () => {
    expect((await me(`bearer ${await keys.sign()}`)).status).toBe(200);
  });

  it('accepts a service token and says so', async () => {
    const res = await me(`Bearer ${await keys.sign({ sub: 'finance', typ: 'service', perms: ['hr.employees.read'] })}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'service', id: 'finance' });
  });

  it('tolerates a few seconds of clock skew on not-before', async () => {
    expect((await me(`Bearer ${await keys.sign({}, { notBefore: now() + 2 })}`)).status).toBe(200);
  });

  it('refuses an expired token', async () => {
    expect(await refused(await me(`Bearer ${await keys.sign({}, { expiresIn: '-1 minute' })}`))).toBe(
      'The token has expired.',
    );
  });

  it('refuses a token not valid yet', async () => {
    expect(await refused(await me(`Bearer ${await keys.sign({}, { notBefore: '1 hour' })}`))).toBe(
      'The token is not valid yet.',
    );
  });

  it('refuses a token signed by another key with the same key id', async () => {
    const impostor = await createTestKeys(keys.kid);
    expect(await refused(await me(`Bearer ${await impostor.sign()}`))).toBe('The token signature is invalid.');
  });

  it('refuses a token signed by a key it does not know', async () => {
    const stranger = await createTestKeys('key-unknown');
    expect(await refused(await me(`Bearer ${await stranger.sign()}`))).toBe('The token was signed by an unknown key.');
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`;
    expect(await refused(await me(`Bearer ${token}`))).toMatch(/algorithm that is not accepted/);
  });

  it('refuses an HS256 token, even one using the key id', async () => {
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: keys.kid })
      .sign(new TextEncoder().encode('a-shared-secret-an-attacker-guessed'));
    expect(await refused(await me(`Bearer ${token}`))).toMatch(/algorithm that is not accepted/);
  });

  it('refuses a token from another issuer or for another audience', async () => {
    expect(await refused(await me(`Bearer ${await keys.sign({ iss: 'urn:evil:auth' })}`))).toBe(
      'The token\'s "iss" claim is not accepted.',
    );
    expect(await refused(await me(`Bearer ${await keys.sign({ aud: 'urn:konecta:prod:api' })}`))).toBe(
      'The token\'s "aud" claim is not accepted.',
    );
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, payload, signature] = (await keys.sign({ perms: [] })).split('.');
    const changed = { ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), perms: ['*'] };
    expect(await refused(await me(`Bearer ${header}.${b64url(changed)}.${signature}`))).toBe(
      'The token signature is invalid.',
    );
  });

  it('refuses a token without the typ claim, or with one it does not know', async () => {
    expect(await refused(await me(`Bearer ${await keys.sign({ typ: undefined })}`))).toMatch(/"typ"/);
    const other = await keys.sign({ typ: 'refresh' as 'user' });
    expect(await refused(await me(`Bearer ${other}`))).toMatch(/"typ"/);
  });

  it('refuses a malformed Authorization header', async () => {
    const token = await keys.sign();
    for (const header of [`Basic ${btoa('u:p')}`, 'Bearer', `Bearer  ${token}x y`, `Token ${token}`, 'Bearer a.b']) {
      expect(await refused(await me(header))).toBe('The Authorization header must be "Bearer <token>".');
    }
    expect(await refused(await me(`Bearer ${token.replace('.', '!.')}`))).toBe(
      'The Authorization header must be "Bearer <token>".',
    );
    expect(await refused(await me('Bearer not.a.jwt'))).toMatch(/malformed/);
  });
});

describe('remote key set (JWKS URL)', () => {
  afterEach(() => vi.useRealTimers());

  /** A fake auth service serving `served` keys, counting fetches. */
  function jwksServer(served: TestKeys[]) {
    const fetched: string[] = [];
    let status = 200;
    const fetchImpl = (async (input: string | URL | Request) => {
      fetched.push(String(input));
      if (status !== 200) return new Response('unavailable', { status });
      return Response.json({ keys: served.flatMap((k) => k.jwks.keys) });
    }) as typeof fetch;
    const verifier = createTokenVerifier({
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      jwks: new URL('http://keys.test/jwks.json'),
      fetch: fetchImpl,
    });
    return { fetched, verifier, served, fail: (s: number) => (status = s), recover: () => (status = 200) };
  }

  it('fetches the keys once for many verifications', async () => {
    const server = jwksServer([keys]);
    const remote = appWith(server.verifier);
    const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => keys.sign({ sub: `user-${i}` })));
    const statuses = await Promise.all(tokens.map((t) => me(`Bearer ${t}`, remote).then((r) => r.status)));
    expect(statuses).toEqual(Array(10).fill(200));
    expect(server.fetched).toEqual(['http://keys.test/jwks.json']);
  });

  it('refetches once for a new key id after the cool-down (key rotation)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const server = jwksServer([keys]);
    expect((await server.verifier.verify(await keys.sign())).id).toBe('user-1');

    const next = await createTestKeys('key-2026-02');
    server.served.push(next);
    // Right after a fetch, an unknown key id does not hammer the auth service.
    await expect(server.verifier.verify(await next.sign())).rejects.toMatchObject({ reason: 'unknown-key' });
    expect(server.fetched).toHaveLength(1);

    vi.setSystemTime(Date.now() + 31_000);
    expect((await server.verifier.verify(await next.sign({ sub: 'user-2' }))).id).toBe('user-2');
    expect((await server.verifier.verify(await keys.sign({ sub: 'user-3' }))).id).toBe('user-3');
    expect(server.fetched).toHaveLength(2);
  });

  it('refreshes the cached keys after ten minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const server = jwksServer([keys]);
    await server.verifier.verify(await keys.sign());
    vi.setSystemTime(Date.now() + 11 * 60_000);
    await server.verifier.verify(await keys.sign());
    expect(server.fetched).toHaveLength(2);
  });

  it('answers 503, not 401, while the keys cannot be fetched, and recovers', async () => {
    const server = jwksServer([keys]);
    const remote = appWith(server.verifier);
    const token = await keys.sign();
    server.fail(500);
    const res = await me(`Bearer ${token}`, remote);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { detail: string }).detail).toBe('The signing keys cannot be fetched right now.');

    server.recover();
    expect((await me(`Bearer ${token}`, remote)).status).toBe(200);
  });

  it('answers 503 when the auth service cannot be reached at all', async () => {
    const verifier = createTokenVerifier({
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      jwks: new URL('http://keys.test/jwks.json'),
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    expect((await me(`Bearer ${await keys.sign()}`, appWith(verifier))).status).toBe(503);
  });
});

describe('remote key set over HTTP (the default fetch: Node’s http, not undici)', () => {
  let server: Server;
  let base: string;
  const seen: { path: string; accept?: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', accept: req.headers.accept });
      if (req.url === '/jwks.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys.jwks));
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: '/jwks.json' }).end();
      } else if (req.url === '/huge') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(`{"keys":[],"pad":"${'x'.repeat(1_100_000)}"}`);
      } else if (req.url === '/not-json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":');
      } else res.writeHead(500).end('down');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const verifierAt = (path: string) =>
    createTokenVerifier({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, jwks: new URL(`${base}${path}`) });

  it('fetches the keys with jose’s headers and verifies with them', async () => {
    expect((await verifierAt('/jwks.json').verify(await keys.sign({ sub: 'over-http' }))).id).toBe('over-http');
    expect(seen.at(-1)).toEqual({ path: '/jwks.json', accept: 'application/json, application/jwk-set+json' });
  });

  it.each([
    ['a server error', '/fails'],
    ['a redirect (not followed)', '/moved'],
    ['a key set over 1 MB', '/huge'],
    ['an answer that is not JSON', '/not-json'],
  ])('takes %s for keys that cannot be fetched (503), not a bad token', async (_name, path) => {
    await expect(verifierAt(path).verify(await keys.sign())).rejects.toMatchObject({ reason: 'unavailable' });
  });

  it('takes a server that does not listen for keys that cannot be fetched', async () => {
    const closed = createTokenVerifier({
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      jwks: new URL('http://127.0.0.1:9/jwks.json'),
    });
    await expect(closed.verify(await keys.sign())).rejects.toMatchObject({ reason: 'unavailable' });
  });
});
