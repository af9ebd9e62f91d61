/**
 * Lambda cold start: each service's bundle (part of `npm run bundle`) loaded by a fresh Node
 * process that answers one API Gateway request, against a fresh `node -e 0`, interleaved in one run.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { bundleService, lambdaFunctions } from '../packages/core/src/build/bundle';
import { createDatabase } from '../packages/core/src/database';
import { createTestKeys, TEST_AUDIENCE, TEST_ISSUER } from '../packages/core/src/testing';
import { migrate } from '../packages/db/src/index';
import { benchDatabase } from './database';

/**
 * A first real request for the functions that have one: an authenticated read, answered by a
 * fresh process as its first invocation (the key set fetched from the bench's JWKS server, the
 * token verified, the first database connection, the query). The services without routes of
 * their own yet (operation, reporting, discovery, config) have none, nor has auth here: it checks
 * tokens against its own keys, kept in Secrets Manager.
 */
export const FIRST_READS: Record<string, string> = {
  'hr-employees': '/api/hr/employees',
  'finance-ledger': '/api/finance/accounts',
  'finance-invoices': '/api/finance/invoices',
};
const READ_PERMISSIONS = ['hr.employees.read', 'finance.accounts.read', 'finance.invoices.read'];

export interface ColdStart {
  /** The function: `hr`, or `hr-employees` for a route group's (the catalogue's `functions`). */
  service: string;
  bytes: number;
  entryBytes: number;
  /** Spawn until the response is printed, median over the runs. */
  medianMs: number;
  /**
   * Inside the process, medians from its start: Node ready to run the script, bundle imported
   * (module evaluation), instance ready (configuration, secrets, database handle: the kernel's
   * \`konecta:instance\` mark), app created (\`konecta:app\`), \`/health\` answered, then \`/ready\`
   * answered (the first database connection and query).
   */
  startedAtMs: number;
  importedAtMs: number;
  instanceAtMs: number;
  /** Inside the instance: configuration read (\`konecta:config\`), database handle made (\`konecta:database\`). */
  configAtMs: number;
  databaseAtMs: number;
  appAtMs: number;
  answeredAtMs: number;
  readyAtMs: number;
  /** The first authenticated read (FIRST_READS) as a fresh process's first invocation: spawn → answer, median. */
  firstRead?: { path: string; status: number; medianMs: number };
}

export interface ColdStartReport {
  runs: number;
  baselineMs: number;
  bundles: ColdStart[];
}

/** In a runner: \`event(path, headers)\`, a GET as API Gateway's HTTP API sends it, and the Lambda \`context\`. */
const EVENT = `
const event = (path, headers = {}) => ({
  version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '',
  headers: { host: 'api.example.com', 'user-agent': 'cold-start', ...headers }, isBase64Encoded: false,
  requestContext: {
    accountId: '123456789012', apiId: 'bench', domainName: 'api.example.com', domainPrefix: 'api',
    http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'cold-start' },
    requestId: 'cold-start', routeKey: '$default', stage: '$default', time: '', timeEpoch: Date.now(),
  },
});
const context = { awsRequestId: 'cold-start', getRemainingTimeInMillis: () => 29000 };`;

/**
 * Imports the bundle, invokes \`handler\` with an HTTP API (v2) event for \`/health\` and prints the
 * result (the figure compared with \`node -e 0\`), then asks \`/ready\` (the first database round
 * trip) and prints the phases.
 */
const runner = (service: string) => `
const startedAt = performance.now();
const { handler } = await import(process.argv[1]);
const importedAt = performance.now();
${EVENT}
const res = await handler(event('/api/${service}/health'), context);
const answeredAt = performance.now();
process.stdout.write(JSON.stringify({ statusCode: res.statusCode, body: res.body }) + '\\n');
const ready = await handler(event('/api/${service}/ready'), context);
const readyAt = performance.now();
const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
process.stdout.write(JSON.stringify({
  readyStatus: ready.statusCode, startedAt, importedAt, configAt: mark('konecta:config'),
  databaseAt: mark('konecta:database'), instanceAt: mark('konecta:instance'), appAt: mark('konecta:app'),
  answeredAt, readyAt,
}) + '\\n');
process.exit(0);
`;

/** A fresh process whose first invocation is an authenticated read; prints its status. */
const readRunner = (path: string, token: string) => `
const { handler } = await import(process.argv[1]);
${EVENT}
const res = await handler(event('${path}', { authorization: 'Bearer ${token}' }), context);
process.stdout.write(JSON.stringify({ statusCode: res.statusCode, body: res.body }) + '\\n');
process.exit(0);
`;

/** The cold-start database, `konecta_bench_cold` on the bench server: migrated, no rows. */
async function migratedDatabase(serverUrl: string): Promise<string> {
  const url = await benchDatabase('konecta_bench_cold', serverUrl);
  const handle = await createDatabase({ url, poolMax: 1 });
  try {
    await migrate(handle.db);
  } finally {
    await handle.close();
  }
  return url;
}

/** Spawn until the first byte on stdout (or its end, for a process that prints nothing). */
function timeProcess(args: string[], env: Record<string, string>): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let ms: number | undefined;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      ms ??= performance.now() - started;
      stdout += chunk;
    });
    child.stdout.on('end', () => {
      ms ??= performance.now() - started;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0 || ms === undefined) reject(new Error(`node ${args.at(-1)} exited ${code}: ${stderr.trim()}`));
      else resolve({ ms, stdout });
    });
  });
}

const PHASES = [
  'startedAt',
  'importedAt',
  'configAt',
  'databaseAt',
  'instanceAt',
  'appAt',
  'answeredAt',
  'readyAt',
] as const;
type Phase = (typeof PHASES)[number];
const emptySamples = () =>
  ({ ms: [], ...Object.fromEntries(PHASES.map((p) => [p, []])) }) as unknown as Record<Phase | 'ms', number[]>;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export async function measureColdStarts(options: { runs: number; databaseUrl: string }): Promise<ColdStartReport> {
  const bundles = [];
  // BENCH_COLD_ONLY=operation,finance-ledger: only these functions (names as in the table).
  const only = process.env.BENCH_COLD_ONLY?.split(',').filter(Boolean);
  for (const { service, group } of lambdaFunctions) {
    if (only && !only.includes(group ? `${service}-${group}` : service)) continue;
    bundles.push(await bundleService({ service, group, kind: 'lambda' }));
  }
  const databaseUrl = await migratedDatabase(options.databaseUrl);
  // The auth service's key set, served as it is deployed, and a token for the first reads.
  const keys = await createTestKeys('bench-cold');
  const token = await keys.tokenFor(READ_PERMISSIONS, { sub: '00000000-0000-4000-8000-000000000001' });
  const jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys.jwks));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  try {
    return await measure(bundles, options.runs, databaseUrl, token, (jwks.address() as AddressInfo).port);
  } finally {
    jwks.close();
  }
}

async function measure(
  bundles: Awaited<ReturnType<typeof bundleService>>[],
  runs: number,
  databaseUrl: string,
  token: string,
  jwksPort: number,
): Promise<ColdStartReport> {
  // What a deployed Lambda has; nothing inherited from this process (no tsx loader, no NODE_OPTIONS).
  const env = (service: string): Record<string, string> => ({
    PATH: process.env.PATH ?? '',
    KONECTA_STAGE: 'dev',
    DATABASE_URL: databaseUrl,
    AUTH_JWKS_URL: `http://127.0.0.1:${jwksPort}/jwks.json`,
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_AUDIENCE: TEST_AUDIENCE,
    EVENT_BUS_NAME: 'konecta-bench',
    LOG_LEVEL: 'silent',
    AWS_REGION: 'eu-west-1',
    AWS_LAMBDA_FUNCTION_NAME: `konecta-bench-${service}`,
    // Deployed, the auth service keeps its private signing keys in this secret (read only when signing).
    ...(service === 'auth'
      ? { AUTH_SIGNING_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:konecta-bench-keys' }
      : {}),
  });
  const baseline: number[] = [];
  const samples = new Map(bundles.map((b) => [b.name, emptySamples()]));
  const reads = new Map<string, { status: number; ms: number[] }>();
  // Round 0 warms the file cache and is discarded; baseline and bundles alternate so drift hits all.
  for (let round = 0; round <= runs; round++) {
    const empty = await timeProcess(['-e', '0'], env('none'));
    if (round) baseline.push(empty.ms);
    for (const bundle of bundles) {
      const args = ['--input-type=module', '-e', runner(bundle.service), pathToFileURL(bundle.outfile).href];
      const { ms, stdout } = await timeProcess(args, env(bundle.service));
      const [first, second] = stdout.trim().split('\n');
      const out = JSON.parse(first ?? '{}') as { statusCode: number; body: string };
      if (out.statusCode !== 200 || !out.body.includes('"status":"ok"')) {
        throw new Error(`${bundle.name} bundle answered ${out.statusCode}: ${out.body}`);
      }
      const phases = JSON.parse(second ?? '{}') as Record<Phase | 'readyStatus', number>;
      if (phases.readyStatus !== 200) throw new Error(`${bundle.name} /ready answered ${phases.readyStatus}`);
      const s = samples.get(bundle.name);
      if (round && s) {
        s.ms.push(ms);
        for (const phase of PHASES) s[phase].push(phases[phase]);
      }
      const path = FIRST_READS[bundle.name];
      if (path) {
        const read = await timeProcess(
          ['--input-type=module', '-e', readRunner(path, token), pathToFileURL(bundle.outfile).href],
          env(bundle.service),
        );
        const answer = JSON.parse(read.stdout.trim()) as { statusCode: number; body: string };
        if (answer.statusCode >= 500 || answer.statusCode === 401 || answer.statusCode === 403) {
          throw new Error(`${bundle.name} answered ${path} with ${answer.statusCode}: ${answer.body}`);
        }
        const r = reads.get(bundle.name) ?? { status: answer.statusCode, ms: [] };
        if (round) r.ms.push(read.ms);
        reads.set(bundle.name, r);
      }
    }
  }
  return {
    runs,
    baselineMs: median(baseline),
    bundles: bundles.map((b) => {
      const s = samples.get(b.name) ?? emptySamples();
      const read = reads.get(b.name);
      const path = FIRST_READS[b.name];
      return {
        service: b.name,
        bytes: b.bytes,
        entryBytes: b.entryBytes,
        medianMs: median(s.ms),
        startedAtMs: median(s.startedAt),
        importedAtMs: median(s.importedAt),
        instanceAtMs: median(s.instanceAt),
        configAtMs: median(s.configAt),
        databaseAtMs: median(s.databaseAt),
        appAtMs: median(s.appAt),
        answeredAtMs: median(s.answeredAt),
        readyAtMs: median(s.readyAt),
        ...(read && path ? { firstRead: { path, status: read.status, medianMs: median(read.ms) } } : {}),
      };
    }),
  };
}
