/**
 * A deployed function runs as a bundle, where `Request`, `Response` and `Headers` are the light
 * classes (fetch-light.ts), not Node's. Here the HR employees function is bundled as it deploys and
 * sent the same few hundred requests as the same function from source — every documented operation
 * of its routes, with and without a token, with malformed, wrongly typed, empty and acceptable
 * bodies, in JSON and base64 — each on its own database from the same state, so the two evolve
 * alike. Every answer must match: status, content type, cookies, and a refusal's detail and errors.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { handler as fromSource } from '@konecta/hr/functions/employees';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleService, repoRoot } from '../src/build/bundle';
import { serviceDocument } from '../src/build/openapi-document';
import { allPermissions, lambdaGroupFor } from '../src/index';
import type { HttpApiEvent, HttpApiHandler, HttpApiResult } from '../src/lambda-http';
import {
  createTestDatabase,
  createTestKeys,
  prepareEmbeddedDatabase,
  TEST_AUDIENCE,
  TEST_ISSUER,
  type TestDatabase,
  type TestKeys,
} from '../src/testing';

let keys: TestKeys;
let jwks: Server;
let outDir: string;
let bundled: HttpApiHandler;
const databases: TestDatabase[] = [];

beforeAll(async () => {
  keys = await createTestKeys();
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys.jwks));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  vi.stubEnv('KONECTA_STAGE', 'test');
  vi.stubEnv('AUTH_JWKS_URL', `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`);
  vi.stubEnv('AUTH_ISSUER', TEST_ISSUER);
  vi.stubEnv('AUTH_AUDIENCE', TEST_AUDIENCE);
  // Under the repository, so the bundle finds the packages it leaves out (argon2, PGlite).
  outDir = await mkdtemp(join(repoRoot, '.build', 'test-lambda-'));
  const { outfile } = await bundleService({ service: 'hr', group: 'employees', kind: 'lambda', outDir });
  ({ handler: bundled } = (await import(pathToFileURL(outfile).href)) as { handler: HttpApiHandler });
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  jwks?.close();
  for (const db of databases) await db.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Each handler's instance is made on its first call: its own database, from the same state. */
async function ownDatabase(name: string): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    const db = await createTestDatabase();
    databases.push(db);
    vi.stubEnv('DATABASE_URL', db.url);
  } else {
    const dir = join(outDir, name);
    await prepareEmbeddedDatabase(dir);
    vi.stubEnv('KONECTA_DATA_DIR', dir);
  }
}

type Operation = { method: string; path: string };

async function operations(): Promise<Operation[]> {
  const doc = (await serviceDocument('hr')) as { paths: Record<string, Record<string, unknown>> };
  // The operations API Gateway sends to this function (the catalogue's rule, as the stacks route).
  return Object.entries(doc.paths)
    .filter(([path]) => lambdaGroupFor('hr', path.replace(/\{[^}]+\}/g, 'x')) === 'employees')
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
}

const bodies: (string | undefined)[] = [
  undefined,
  '',
  '{',
  '[]',
  JSON.stringify({ firstName: 12, email: ['a'], hireDate: 'soon' }),
  JSON.stringify({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', hireDate: '2026-01-05' }),
  JSON.stringify({ note: 'caf\u00e9 \u{1F600}', unexpected: true }),
];

function events(ops: Operation[], token: string): HttpApiEvent[] {
  const out: HttpApiEvent[] = [];
  let n = 0;
  for (const op of ops) {
    const path = op.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
    const withBody = op.method !== 'GET' && op.method !== 'HEAD';
    for (const auth of [undefined, token]) {
      for (const body of withBody ? bodies : [undefined]) {
        for (const base64 of body ? [false, true] : [false]) {
          n += 1;
          out.push({
            version: '2.0',
            rawPath: path,
            rawQueryString: n % 3 === 0 ? 'limit=abc&search=%27%27' : n % 3 === 1 ? 'limit=5' : '',
            headers: {
              host: 'api.example.com',
              'x-request-id': `fuzz-${n}`,
              'user-agent': 'fuzz',
              ...(auth ? { authorization: `Bearer ${auth}` } : {}),
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            ...(n % 5 === 0 ? { cookies: ['konecta_lang=ar', 'x=1'] } : {}),
            ...(body !== undefined
              ? { body: base64 ? Buffer.from(body).toString('base64') : body, isBase64Encoded: base64 }
              : {}),
            requestContext: { domainName: 'api.example.com', http: { method: op.method, sourceIp: '203.0.113.7' } },
          });
        }
      }
    }
  }
  return out;
}

function comparable(r: HttpApiResult) {
  const type = r.headers['content-type'] ?? null;
  const problem = type?.startsWith('application/problem+json')
    ? (({ detail, errors, title }) => ({ detail, errors, title }))(JSON.parse(r.body) as Record<string, unknown>)
    : undefined;
  return { status: r.statusCode, type, base64: r.isBase64Encoded, cookies: r.cookies ?? [], problem };
}

describe('the HR employees function, bundled, answers every request as it does from source', () => {
  it('over every documented operation of its routes, with and without a token, in JSON and base64', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(5);
    const token = await keys.tokenFor(allPermissions, { sub: 'fuzz-admin' });
    const sent = events(ops, token);
    // The first call of each makes its instance, on its own database.
    await ownDatabase('source');
    const source = [comparable(await fromSource(sent[0] as HttpApiEvent))];
    await ownDatabase('bundled');
    const bundle = [comparable(await bundled(sent[0] as HttpApiEvent))];
    for (const event of sent.slice(1)) {
      source.push(comparable(await fromSource(event)));
      bundle.push(comparable(await bundled(event)));
    }
    const differing = sent
      .map((e, i) => ({ request: `${e.requestContext.http.method} ${e.rawPath}?${e.rawQueryString}`, i }))
      .filter(({ i }) => JSON.stringify(source[i]) !== JSON.stringify(bundle[i]))
      .map(({ request, i }) => ({ request, source: source[i], bundle: bundle[i] }));
    expect(differing).toEqual([]);
    // The run reached past validation: some requests were accepted, none failed.
    const statuses = new Set(bundle.map((r) => r.status));
    expect([...statuses].some((s) => s < 300)).toBe(true);
    expect([...statuses].some((s) => s === 401)).toBe(true);
    expect([...statuses].filter((s) => s >= 500)).toEqual([]);
  });
});
