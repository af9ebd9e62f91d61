/**
 * `npm run bench`: the speed targets of docs/quality.md, measured in one run on this machine.
 * Throughput of an authenticated list request (raw baseline, the kernel, the gateway in front of
 * it in-process and over HTTP), then Lambda cold starts, argon2id password hashing, and sign-in
 * throughput of the auth service, and the ledger's statements over a million lines. Writes bench/results/<date>.md and bench/results/latest.md, and
 * prints the report.
 *
 * Settings: BENCH_DATABASE_URL (the PostgreSQL server), BENCH_DURATION and BENCH_WARMUP (seconds),
 * BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_COLD_RUNS, BENCH_COLD_ONLY (functions, comma-separated),
 * BENCH_HASH_RUNS, BENCH_AUTH_CONNECTIONS.
 *
 * `npm run bench -- gateway`: only what the gateway costs (bench/gateway.ts), with a bare node:http
 * proxy as the floor; BENCH_GATEWAY_BASELINE=<another checkout>/packages/gateway/src/index.ts adds
 * that gateway to the same rounds, for a before and after. Writes bench/results/gateway-<date>.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, type } from 'node:os';
import { createTestKeys, TEST_AUDIENCE, TEST_ISSUER } from '../packages/core/src/testing';
import { type AgeingResult, measureAgeing, missedAgeingTargets, renderAgeing } from './ageing';
import { authTargets, prepareAuthBench, renderSignIn } from './auth';
import { measureColdStarts } from './cold-start';
import { prepareBenchDatabase } from './database';
import { CPU_SHARE_TARGET, cpuShares, measureGateway, spread } from './gateway';
import { measurePasswordHashing, missedHashingTargets, renderHashing } from './hashing';
import { type LedgerResult, measureLedger, missedLedgerTargets, renderLedger } from './ledger';
import { type LoadSettings, type LoadTarget, measureAll, median } from './load';
import { startServerProcess } from './processes';
import { BENCH_PERMISSION } from './servers/shared';
import { missedTargets, type Ratio, renderColdStarts, renderReport } from './table';

const int = (name: string, fallback: number, min = 0) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
  return value;
};
const log = (line: string) => process.stderr.write(`${line}\n`);

const started = new Date();
// `npm run bench -- cold`: only the bundles and their cold starts (a minute, no load runs).
if (process.argv.includes('cold')) {
  const db = await prepareBenchDatabase();
  const cold = await measureColdStarts({ runs: int('BENCH_COLD_RUNS', 15, 1), databaseUrl: db.url });
  // Receivables ageing over 100,000 open invoices (BENCH_AGEING=0 skips it).
  const ageingResults: AgeingResult[] = [];
  if (process.env.BENCH_AGEING !== '0') {
    log('measuring the receivables ageing ...');
    ageingResults.push(await measureAgeing('postgresql'), await measureAgeing('pglite'));
  }

  const cpu = cpus();
  const report = `# Konecta ERP cold starts — ${started.toISOString()}

Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length} · load average ${(loadavg()[0] ?? 0).toFixed(2)} at start · Node ${process.version}

${renderColdStarts(cold)}`;
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`cold-${started.toISOString().replace(/[:.]/g, '-')}.md`, dir), report);
  console.log(report);
  const missed = missedTargets([], cold);
  if (missed.length) log(`missed targets: ${missed.join('; ')}`);
  process.exit(0);
}
const load = loadavg()[0] ?? 0;
const db = await prepareBenchDatabase();
const keys = await createTestKeys('bench');
const settings: LoadSettings = {
  connections: int('BENCH_CONNECTIONS', 50, 1),
  durationSeconds: int('BENCH_DURATION', 10, 1),
  warmupSeconds: int('BENCH_WARMUP', 2),
  rounds: int('BENCH_ROUNDS', 5, 1),
  token: await keys.tokenFor([BENCH_PERMISSION], { sub: 'bench-user' }),
};
const env = {
  BENCH_DB_URL: db.url,
  BENCH_JWKS: JSON.stringify(keys.jwks),
  BENCH_ISSUER: TEST_ISSUER,
  BENCH_AUDIENCE: TEST_AUDIENCE,
};
const cpu = cpus();
const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length} · ${type()} ${release()}`;

if (process.argv.includes('gateway')) {
  const baseline = process.env.BENCH_GATEWAY_BASELINE;
  const { report: tables, missed } = await measureGateway(env, settings, log, baseline);
  const s = settings;
  const report = `# Konecta ERP gateway overhead — ${started.toISOString()}

Machine: ${machine} · Node ${process.version} · PostgreSQL ${db.version}, loopback · load average ${load.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end
Load: autocannon, ${s.connections} connections, ${s.rounds} interleaved rounds of ${s.durationSeconds} s per target after a ${s.warmupSeconds} s warm-up; each server in its own process${baseline ? `\nBaseline: ${baseline}` : ''}

${tables}`;
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`gateway-${started.toISOString().replace(/[:.]/g, '-')}.md`, dir), report);
  console.log(report);
  if (missed.length) log(`missed targets: ${missed.join('; ')}`);
  process.exit(0);
}

// Each server in its own process, so autocannon here never shares their event loop.
const raw = await startServerProcess('raw', env);
const kernel = await startServerProcess('kernel', env);
const inProcess = await startServerProcess('gateway', env);
const overHttp = await startServerProcess('gateway', { ...env, BENCH_UPSTREAM: kernel.url });
const targets: LoadTarget[] = [
  { name: 'raw: node:http + postgres.js + jose', url: raw.url, processes: [raw] },
  { name: 'kernel: createServiceApp + Drizzle, direct', url: kernel.url, processes: [kernel] },
  { name: 'gateway → kernel in one process (npm start)', url: inProcess.url, processes: [inProcess] },
  { name: 'gateway → kernel over HTTP (2 processes)', url: overHttp.url, processes: [overHttp, kernel] },
];
const results = await measureAll(targets, settings, log);
await Promise.all([raw, kernel, inProcess, overHttp].map((s) => s.stop()));

const [rawR, kernelR, inProcessR, overHttpR] = results;
if (!rawR || !kernelR || !inProcessR || !overHttpR) throw new Error('a load result is missing');
const ratio = (name: string, a: typeof rawR, b: typeof rawR, target: number): Ratio => ({
  name,
  rounds: a.rounds.map((rps, i) => rps / (b.rounds[i] ?? Number.NaN)),
  value: median(a.rounds.map((rps, i) => rps / (b.rounds[i] ?? Number.NaN))),
  byCpu: b.cpuMicrosPerRequest / a.cpuMicrosPerRequest,
  target,
});
const ratios = [
  ratio('kernel / raw', kernelR, rawR, 0.6),
  ratio('gateway in-process / direct', inProcessR, kernelR, 0.85),
  ratio('gateway over HTTP / direct', overHttpR, kernelR, 0.85),
];

// Over HTTP three processes share two cores, so throughput says little; CPU per request of each
// process says what the gateway itself costs (quality target: at most a quarter of the service's).
const [gatewayCpu = 0, serviceCpu = 0] = overHttpR.cpuByProcess;
const shares = cpuShares(overHttpR);
const gatewayShare = median(shares);
const cpuLine = `Gateway over HTTP, CPU per proxied request: gateway ${Math.round(gatewayCpu)} µs, service ${Math.round(serviceCpu)} µs; per round the gateway's is ${spread(shares)} of the service's, median (min–max) (target ≤ ${CPU_SHARE_TARGET} ${gatewayShare <= CPU_SHARE_TARGET ? '✓' : '✗'}).`;
log(cpuLine);

log('measuring Lambda cold starts ...');
const cold = await measureColdStarts({ runs: int('BENCH_COLD_RUNS', 15, 1), databaseUrl: db.url });

log('measuring argon2id password hashing ...');
const hashing = await measurePasswordHashing({ runs: int('BENCH_HASH_RUNS', 50, 1), warmup: 5 });

log(`preparing the auth service's database ...`);
const authLoad = loadavg()[0] ?? 0;
const authBench = await prepareAuthBench();
const authConnections = int('BENCH_AUTH_CONNECTIONS', 10, 1);
let signIn: string;
try {
  const server = await startServerProcess('auth', authBench.env);
  try {
    const targets = await authTargets(server, authConnections);
    const results = await measureAll(targets, settings, log);
    signIn = renderSignIn(
      {
        settings,
        connections: authConnections,
        load: authLoad,
        bench: authBench,
        verifyMedianMs: hashing.settings.find((s) => s.production)?.verify.median,
      },
      targets.map((t, i) => ({ name: t.name, result: results[i] ?? rawR })),
    );
  } finally {
    await server.stop();
  }
} finally {
  authBench.cleanup();
}

// The ledger's statements over 1,000,000 lines, on PostgreSQL and PGlite (BENCH_LEDGER=0 skips them).
const ledger: LedgerResult[] = [];
if (process.env.BENCH_LEDGER !== '0') {
  log('measuring the ledger statements ...');
  ledger.push(await measureLedger('postgresql'), await measureLedger('pglite'));
}

// Receivables ageing over 100,000 open invoices (BENCH_AGEING=0 skips it).
const ageingResults: AgeingResult[] = [];
if (process.env.BENCH_AGEING !== '0') {
  log('measuring the receivables ageing ...');
  ageingResults.push(await measureAgeing('postgresql'), await measureAgeing('pglite'));
}

const listAndCold = renderReport(
  {
    date: started.toISOString(),
    machine: `${machine} · load average ${load.toFixed(2)} at start`,
    node: process.version,
    postgres: db.version,
    settings,
  },
  targets.map((t, i) => ({ name: t.name, result: results[i] ?? rawR })),
  ratios,
  cold,
);
const report = [
  listAndCold,
  cpuLine,
  '',
  renderHashing(hashing),
  signIn,
  ...(ledger.length ? [renderLedger(ledger)] : []),
  ...(ageingResults.length ? [renderAgeing(ageingResults)] : []),
].join('\n');
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL(`${started.toISOString().replace(/[:.]/g, '-')}.md`, dir), report);
writeFileSync(new URL('latest.md', dir), report);
console.log(report);
const missed = [
  ...missedTargets(ratios, cold),
  ...missedHashingTargets(hashing),
  ...missedLedgerTargets(ledger),
  ...missedAgeingTargets(ageingResults),
  ...(gatewayShare > CPU_SHARE_TARGET
    ? [`gateway CPU per proxied request ${gatewayShare.toFixed(2)} of the service's > ${CPU_SHARE_TARGET}`]
    : []),
];
if (missed.length) log(`missed targets: ${missed.join('; ')}`);
