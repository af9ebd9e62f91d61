import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { handler as authFromSource } from '@konecta/auth/lambda';
import { hrService } from '@konecta/hr';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bundleService, repoRoot } from '../src/build/bundle';
import type { DomainEvent, ServiceModule } from '../src/index';
import { eventConsumerHandler, lambdaHandler, outboxRelayHandler } from '../src/lambda';
import type { HttpApiEvent, HttpApiHandler, HttpApiResult } from '../src/lambda-http';
import { createTestDatabase, prepareEmbeddedDatabase, type TestDatabase } from '../src/testing';
import { asLambdaEvent, loadFixture } from './apigw-fixtures';

// Each Lambda instance reads its configuration from the environment, as it does in AWS (stubbed,
// and restored after the file: test files share their worker process).
let db: TestDatabase | undefined;
let dataDir: string | undefined;
let instances = 0;

beforeAll(async () => {
  vi.stubEnv('KONECTA_STAGE', 'test');
  dataDir = await mkdtemp(join(tmpdir(), 'konecta-lambda-'));
  if (process.env.TEST_DATABASE_URL) {
    db = await createTestDatabase();
    vi.stubEnv('DATABASE_URL', db.url);
  }
});
// Every instance gets its own data folder (keys); without a server, its own embedded database
// there: one process per data folder. A deployed instance meets a migrated database, so each
// folder starts with a copy of one.
beforeEach(async () => {
  if (!dataDir) return;
  const instanceDir = join(dataDir, `instance-${++instances}`);
  vi.stubEnv('KONECTA_DATA_DIR', instanceDir);
  if (!db) await prepareEmbeddedDatabase(instanceDir);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await db?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('lambdaHandler(module): a service behind API Gateway', () => {
  it('answers /api/hr/health and /api/hr/ready from the HR service', async () => {
    const handler = lambdaHandler(hrService);
    const health = await handler(asLambdaEvent(await loadFixture('health.json')));
    expect(health.statusCode).toBe(200);
    expect(health.headers?.['content-type']).toMatch(/^application\/json/);
    expect(health.headers?.['x-request-id']).toBe('fixture-health');
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', service: 'hr' });

    const readyEvent = await loadFixture('health.json');
    readyEvent.rawPath = '/api/hr/ready';
    const ready = await handler(asLambdaEvent(readyEvent));
    expect(ready.statusCode).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({
      status: 'ready',
      checks: { database: expect.stringMatching(/^ok/) },
    });
  });

  it('reports a cold start that fails on configuration, and retries it on the next invocation', async () => {
    const handler = lambdaHandler(hrService);
    const event = asLambdaEvent(await loadFixture('health.json'));
    vi.stubEnv('KONECTA_STAGE', 'dev');
    await expect(handler(event)).rejects.toThrow(/AUTH_JWKS_URL: required in stage "dev"/);
    vi.stubEnv('KONECTA_STAGE', 'test');
    expect((await handler(event)).statusCode).toBe(200);
  });
});

describe('a bundled function (light Request, Response and Headers) answers as the same function from source', () => {
  let bundled: HttpApiHandler;
  let outDir: string;
  beforeAll(async () => {
    // Under the repository, so the bundle finds the packages it leaves out (argon2, PGlite).
    outDir = await mkdtemp(join(repoRoot, '.build', 'test-lambda-'));
    const { outfile } = await bundleService({ service: 'auth', kind: 'lambda', outDir });
    ({ handler: bundled } = (await import(pathToFileURL(outfile).href)) as { handler: HttpApiHandler });
  });
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  let n = 0;
  /** Each event from its own address and for its own account, so sign-in throttling treats both alike. */
  function event(method: string, path: string, extra: Partial<HttpApiEvent> = {}): HttpApiEvent {
    n += 1;
    const sourceIp = `198.51.100.${n}`;
    return {
      version: '2.0',
      rawPath: path,
      rawQueryString: '',
      ...extra,
      headers: { host: 'api.example.com', 'x-request-id': `bundle-${n}`, 'user-agent': 'test', ...extra.headers },
      requestContext: { domainName: 'api.example.com', http: { method, sourceIp } },
    };
  }
  const login = (body: string, base64 = false) =>
    event('POST', '/api/auth/login', {
      headers: { 'content-type': 'application/json' },
      body: base64 ? Buffer.from(body).toString('base64') : body,
      isBase64Encoded: base64,
    });
  const comparable = ({ headers, ...rest }: HttpApiResult) => {
    const { date: _date, ...kept } = headers;
    return { ...rest, headers: kept };
  };

  it('for health, sign-in refusals with and without base64 bodies, cookies, 404, 405 and a preflight', async () => {
    // Each handler's first call makes its instance: its own data folder, so two embedded databases.
    const first = event('GET', '/api/auth/health');
    const fromSource = await authFromSource(first);
    vi.stubEnv('KONECTA_DATA_DIR', `${process.env.KONECTA_DATA_DIR}-bundled`);
    if (!db) await prepareEmbeddedDatabase(process.env.KONECTA_DATA_DIR as string);
    const fromBundle = await bundled(first);
    const health = (r: HttpApiResult) => ({ ...comparable(r), body: { ...JSON.parse(r.body), uptimeSeconds: 0 } });
    expect(health(fromBundle)).toEqual(health(fromSource));
    expect(fromBundle.statusCode).toBe(200);

    const cases: [string, HttpApiEvent, number][] = [
      ['unknown account', login(JSON.stringify({ email: 'nobody-1@example.com', password: 'x' })), 401],
      ['unknown account, base64', login(JSON.stringify({ email: 'nobody-2@example.com', password: 'x' }), true), 401],
      ['malformed JSON', login('{"email":'), 400],
      ['invalid body', login(JSON.stringify({ password: '' })), 422],
      [
        'refresh with a stale cookie',
        event('POST', '/api/auth/refresh', { cookies: ['konecta_refresh=stale', 'x=1'] }),
        401,
      ],
      ['unknown route', event('GET', '/api/auth/nothing-here'), 404],
      ['wrong method', event('DELETE', '/api/auth/login'), 405],
      [
        'CORS preflight',
        event('OPTIONS', '/api/auth/login', {
          headers: { origin: 'http://localhost:4200', 'access-control-request-method': 'POST' },
        }),
        204,
      ],
    ];
    for (const [name, e, status] of cases) {
      const source = comparable(await authFromSource(e));
      const bundle = comparable(await bundled(e));
      expect(bundle, name).toEqual(source);
      expect(bundle.statusCode, name).toBe(status);
    }
  });
});

describe('eventConsumerHandler(module): an EventBridge rule target', () => {
  const event: DomainEvent = {
    id: '6f1c7a52-9a0e-4a51-8c43-2d1f4b0a9e11',
    type: 'finance.payroll.paid',
    source: 'finance',
    subject: '2026-01',
    actorId: 'user-1',
    occurredAt: '2026-01-31T18:00:00.000Z',
    data: { employees: 42 },
  };

  function consumer(fail = false) {
    const received: DomainEvent[] = [];
    const module: ServiceModule = {
      ...hrService,
      subscribe(bus, deps) {
        bus.subscribe('finance.payroll.*', 'hr-payslips', async (e) => {
          await deps.ready(); // the subscriber works with the instance's database
          if (fail) throw new Error('payslip store unavailable');
          received.push(e);
        });
      },
    };
    return { handler: eventConsumerHandler(module), received };
  }

  it("hands the rule's event to the service's subscribers", async () => {
    const { handler, received } = consumer();
    await handler({ detail: event });
    await handler({ detail: { ...event, type: 'finance.invoice.posted' } });
    expect(received).toEqual([event]);
  });

  it('fails the invocation when a subscriber fails, so EventBridge retries', async () => {
    await expect(consumer(true).handler({ detail: event })).rejects.toThrow('hr-payslips: payslip store unavailable');
  });

  it('refuses a record that is not a Konecta event', async () => {
    await expect(consumer().handler({ detail: { hello: 'world' } })).rejects.toThrow('not a Konecta domain event');
  });
});

describe('outboxRelayHandler()', () => {
  it('refuses to run without an event bus to relay to', async () => {
    await expect(outboxRelayHandler()()).rejects.toThrow('EVENT_BUS_NAME is not set');
  });
});
