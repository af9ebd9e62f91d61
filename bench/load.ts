/**
 * Load measurements with autocannon. Every target gets a warm-up, then the targets take turns,
 * round after round, so a slow spell on a shared machine hits them all alike. Besides requests a
 * second, the CPU time its server process(es) spent per request is recorded: it varies far less
 * than throughput when something else competes for the cores. Any error or non-2xx throws.
 * By default a target gets the authenticated list request; a target can bring its own requests.
 */
import autocannon, { type Request as AutocannonRequest } from 'autocannon';
import { BENCH_OWNERS } from './database';
import type { ServerProcess } from './processes';
import { BENCH_PATH } from './servers/shared';

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  token: string;
}

export interface LoadTarget {
  name: string;
  url: string;
  /** The processes doing the work, for CPU time per request. */
  processes: ServerProcess[];
  /** What to send, cycled by every connection; the authenticated list request when absent. */
  requests?: AutocannonRequest[];
  /** Connections for this target; `settings.connections` when absent. */
  connections?: number;
  /** Checks one answer by hand before any load; `checkServer` on the list request when absent. */
  check?: () => Promise<void>;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Requests a second of each round. */
  rounds: number[];
  p50: number;
  p99: number;
  total: number;
  errors: number;
  non2xx: number;
  cpuMicrosPerRequest: number;
  /** CPU µs per request of each of the target's processes, in `processes` order. */
  cpuByProcess: number[];
  /** The same for each round: `[round][process]`. */
  cpuByProcessRounds: number[][];
}

/** 100 owners spread over the table, cycled by every connection, so the index is really used. */
const requests = Array.from({ length: 100 }, (_, i) => ({
  method: 'GET',
  path: `${BENCH_PATH}?owner=${1 + ((i * 37) % BENCH_OWNERS)}`,
}));

/** One request by hand first: 200 with a full page, and 401 without a token, or the run is void. */
export async function checkServer(baseUrl: string, token: string): Promise<void> {
  const res = await fetch(`${baseUrl}${BENCH_PATH}?owner=7`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json().catch(() => undefined)) as { items?: unknown[] } | undefined;
  if (res.status !== 200 || body?.items?.length !== 20) {
    throw new Error(`${baseUrl}: expected 200 with 20 items, got ${res.status} ${JSON.stringify(body)}`);
  }
  const anonymous = await fetch(`${baseUrl}${BENCH_PATH}?owner=7`);
  await anonymous.arrayBuffer();
  if (anonymous.status !== 401) throw new Error(`${baseUrl}: a request without a token got ${anonymous.status}`);
}

const fire = (target: LoadTarget, settings: LoadSettings, duration: number) =>
  autocannon({
    url: target.url,
    connections: target.connections ?? settings.connections,
    duration,
    headers: target.requests ? {} : { authorization: `Bearer ${settings.token}` },
    requests: target.requests ?? requests,
  });

const cpuEach = (target: LoadTarget) => Promise.all(target.processes.map((p) => p.cpuMicros()));

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export async function measureAll(
  targets: LoadTarget[],
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<LoadResult[]> {
  for (const target of targets) {
    await (target.check ? target.check() : checkServer(target.url, settings.token));
    if (settings.warmupSeconds > 0) await fire(target, settings, settings.warmupSeconds);
  }
  const runs = targets.map(
    () => [] as { rps: number; p50: number; p99: number; total: number; seconds: number; cpu: number[] }[],
  );
  for (let round = 1; round <= settings.rounds; round++) {
    for (const [i, target] of targets.entries()) {
      const cpuBefore = await cpuEach(target);
      const r = await fire(target, settings, settings.durationSeconds);
      const cpu = (await cpuEach(target)).map((after, p) => after - (cpuBefore[p] ?? 0));
      const errors = r.errors + r.timeouts;
      if (errors || r.non2xx || !r.requests.total) {
        throw new Error(
          `${target.name}: ${errors} errors/timeouts and ${r.non2xx} non-2xx responses out of ${r.requests.total} ` +
            `(status codes ${JSON.stringify(r.statusCodeStats)}); the run is void`,
        );
      }
      const rps = r.requests.total / r.duration;
      runs[i]?.push({ rps, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, seconds: r.duration, cpu });
      log(`round ${round}/${settings.rounds}  ${target.name}: ${Math.round(rps)} req/s, p99 ${r.latency.p99} ms`);
    }
  }
  return runs.map((rounds) => {
    const total = rounds.reduce((sum, r) => sum + r.total, 0);
    return {
      requestsPerSecond: total / rounds.reduce((sum, r) => sum + r.seconds, 0),
      rounds: rounds.map((r) => r.rps),
      p50: median(rounds.map((r) => r.p50)),
      p99: median(rounds.map((r) => r.p99)),
      total,
      errors: 0,
      non2xx: 0,
      cpuMicrosPerRequest: rounds.reduce((sum, r) => sum + r.cpu.reduce((a, b) => a + b, 0), 0) / total,
      cpuByProcess: (rounds[0]?.cpu ?? []).map((_, p) => rounds.reduce((sum, r) => sum + (r.cpu[p] ?? 0), 0) / total),
      cpuByProcessRounds: rounds.map((r) => r.cpu.map((micros) => micros / r.total)),
    };
  });
}
