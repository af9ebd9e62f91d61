/** The benchmark report as markdown: throughput, the docs/quality.md ratios, and Lambda cold starts. */
import type { ColdStartReport } from './cold-start';
import type { LoadResult, LoadSettings } from './load';

export interface RunInfo {
  date: string;
  machine: string;
  node: string;
  postgres: string;
  settings: LoadSettings;
}

export interface Ratio {
  name: string;
  /**
   * Throughput ratio: what docs/quality.md sets the target on. The median of the per-round
   * ratios (the two targets run back to back in each round, rounds interleaved).
   */
  value: number;
  /** The ratio of each round, whose spread says how far one run can be trusted. */
  rounds: number[];
  /** The same ratio from server CPU time per request, which contention on the machine moves less. */
  byCpu: number;
  /** The value must be at least this. */
  target: number;
}

export const LAMBDA_BUDGET_KIB = 300;
export const COLD_START_TARGET = 2;

export const n = (v: number, digits = 0) =>
  v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const mark = (ok: boolean) => (ok ? '✓' : '✗');

export function table(head: string[], rows: string[][]): string {
  const align = head.map((_, i) => (i === 0 ? '---' : '---:'));
  return [head, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Load results, one row a target, under `title` (what was requested). */
export function loadTable(title: string, load: { name: string; result: LoadResult }[]): string {
  return table(
    [title, 'req/s', 'rounds req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'non-2xx', 'server CPU µs/req'],
    load.map(({ name, result: r }) => [
      name,
      n(r.requestsPerSecond),
      r.rounds.map((v) => n(v)).join(' · '),
      n(r.p50, 1),
      n(r.p99, 1),
      n(r.total),
      String(r.errors),
      String(r.non2xx),
      n(r.cpuMicrosPerRequest),
    ]),
  );
}

export function missedTargets(ratios: Ratio[], cold: ColdStartReport): string[] {
  return [
    ...ratios.filter((r) => r.value < r.target).map((r) => `${r.name} ${n(r.value, 2)} < ${r.target}`),
    ...cold.bundles
      .filter((b) => b.bytes / 1024 > LAMBDA_BUDGET_KIB)
      .map((b) => `${b.service} bundle ${n(b.bytes / 1024, 1)} KiB > ${LAMBDA_BUDGET_KIB} KiB`),
    ...cold.bundles
      .filter((b) => b.medianMs / cold.baselineMs > COLD_START_TARGET)
      .map((b) => `${b.service} cold start ${n(b.medianMs / cold.baselineMs, 2)}× > ${COLD_START_TARGET}×`),
  ];
}

export function renderReport(
  info: RunInfo,
  load: { name: string; result: LoadResult }[],
  ratios: Ratio[],
  cold: ColdStartReport,
): string {
  const s = info.settings;
  const listTable = loadTable('authenticated list request', load);
  const ratioTable = table(
    ['ratio (docs/quality.md)', 'throughput: median of rounds', 'rounds (min–max)', 'target', '', 'by CPU µs/req'],
    ratios.map((r) => [
      r.name,
      `${n(r.value, 2)}×`,
      `${r.rounds.map((v) => n(v, 2)).join(' · ')} (${n(Math.min(...r.rounds), 2)}–${n(Math.max(...r.rounds), 2)})`,
      `≥ ${r.target}×`,
      mark(r.value >= r.target),
      `${n(r.byCpu, 2)}×`,
    ]),
  );
  return `# Konecta ERP benchmarks — ${info.date}

Machine: ${info.machine} · Node ${info.node} · PostgreSQL ${info.postgres}, loopback
Load: autocannon, ${s.connections} connections, ${s.rounds} interleaved rounds of ${s.durationSeconds} s per target after a ${s.warmupSeconds} s warm-up; each server in its own process

${listTable}

${ratioTable}

${renderColdStarts(cold)}`;
}

/** The Lambda cold starts: bundle sizes, spawn to first answer against \`node -e 0\`, and the phases. */
export function renderColdStarts(cold: ColdStartReport): string {
  const coldTable = table(
    [
      'cold start',
      'bundle KiB (entry)',
      `≤ ${LAMBDA_BUDGET_KIB} KiB`,
      'spawn → answer ms',
      '× node -e 0',
      `≤ ${COLD_START_TARGET}×`,
      'in process ms: node ready · import · instance · app · /health',
      'instance ms: configuration · database handle · the rest',
      'first DB round trip (/ready) ms',
      'first authenticated read, fresh process: path (status) · spawn → answer ms · × node -e 0',
    ],
    [
      ['`node -e 0`', '—', '', n(cold.baselineMs, 1), '1.00', '', '—', '—', '—', '—'],
      ...cold.bundles.map((b) => {
        const kib = b.bytes / 1024;
        const ratio = b.medianMs / cold.baselineMs;
        const step = (to: number, from: number) => n(to - from, 1);
        return [
          b.service,
          `${n(kib, 1)} (${n(b.entryBytes / 1024, 1)})`,
          mark(kib <= LAMBDA_BUDGET_KIB),
          n(b.medianMs, 1),
          n(ratio, 2),
          mark(ratio <= COLD_START_TARGET),
          [
            n(b.startedAtMs, 1),
            step(b.importedAtMs, b.startedAtMs),
            step(b.instanceAtMs, b.importedAtMs),
            step(b.appAtMs, b.instanceAtMs),
            step(b.answeredAtMs, b.appAtMs),
          ].join(' · '),
          [
            step(b.configAtMs, b.importedAtMs),
            step(b.databaseAtMs, b.configAtMs),
            step(b.instanceAtMs, b.databaseAtMs),
          ].join(' · '),
          step(b.readyAtMs, b.answeredAtMs),
          b.firstRead
            ? `\`${b.firstRead.path}\` (${b.firstRead.status}) · ${n(b.firstRead.medianMs, 1)} · ${n(b.firstRead.medianMs / cold.baselineMs, 2)}`
            : '—',
        ];
      }),
    ],
  );
  return `Lambda bundles: \`npm run bundle\` (esbuild, minified, AWS SDK and PGlite external); size is every file shipped, entry module in brackets. Cold start: median of ${cold.runs} fresh processes each importing the bundle and answering \`GET /api/<service>/health\` through \`handler\`, interleaved with \`node -e 0\`, from spawn to the printed response. In process, each a median of its own: when Node was ready to run the script, then how long each phase took — importing the bundle (module evaluation), the instance (configuration, secrets, the database handle; no connection yet; then split into reading the configuration, making the database handle, and the rest: the logger, the token verifier, the event dispatcher), creating the app, answering \`/health\` — and afterwards \`/ready\`, whose \`select 1\` opens the first database connection. The first authenticated read is a process of its own whose first invocation is a real request: the key set fetched from the bench's JWKS server over HTTP, the token verified, the first database connection and the query (a migrated, empty database).

${coldTable}
`;
}
