/**
 * CPU time of one statement, for comparisons on a shared machine: the wall clock of a call there is
 * mostly time spent waiting for a core, while the CPU a call uses is its own. This process's CPU
 * (PGlite runs inside it) plus, on PostgreSQL, that of the server backends of the benchmark's
 * connections (Linux `/proc/<pid>/schedstat`, nanoseconds on a core). Parallel workers of a query
 * are not counted (only the trial balance's plain `GROUP BY` uses them: its CPU is undercounted,
 * which only makes our side look worse).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../packages/core/src/index';
import { rowsOf } from '../packages/db/src/index';

export interface CpuMeter {
  /** Milliseconds of wall clock and of CPU taken by `fn`. */
  run(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }>;
}

function backendNanos(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A backend that has gone: its time is lost to both sides alike.
    }
  }
  return total;
}

/** After the warm-ups (so that the pool's connections are open): the meter of this handle's database. */
export async function cpuMeter(handle: DatabaseHandle, engine: 'pglite' | 'postgresql'): Promise<CpuMeter> {
  const pids =
    engine === 'postgresql'
      ? rowsOf<{ pid: number }>(
          await handle.db.execute(
            sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`,
          ),
        ).map((r) => Number(r.pid))
      : [];
  return {
    async run(fn) {
      const serverStart = backendNanos(pids);
      const clientStart = process.cpuUsage();
      const start = performance.now();
      await fn();
      const wall = performance.now() - start;
      const client = process.cpuUsage(clientStart);
      const server = backendNanos(pids) - serverStart;
      return { wall, cpu: (client.user + client.system) / 1000 + server / 1e6 };
    },
  };
}

export interface Comparison {
  ours: number;
  baseline: number;
  ratio: number;
  /** Medians of the CPU each call took (this process and the server's backends), in ms. */
  cpuOurs: number;
  cpuBaseline: number;
  cpuRatio: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** `baseline` and `ours` alternately `rounds` times, after two warm-ups each: medians of wall clock and CPU. */
export async function interleave(
  meter: () => Promise<CpuMeter>,
  rounds: number,
  ours: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<Comparison> {
  for (let i = 0; i < 2; i++) {
    await baseline();
    await ours();
  }
  const cpu = await meter();
  const b = [];
  const a = [];
  for (let i = 0; i < rounds; i++) {
    b.push(await cpu.run(baseline));
    a.push(await cpu.run(ours));
  }
  const m = (xs: { wall: number; cpu: number }[], key: 'wall' | 'cpu') => median(xs.map((x) => x[key]));
  return {
    ours: m(a, 'wall'),
    baseline: m(b, 'wall'),
    ratio: m(a, 'wall') / m(b, 'wall'),
    cpuOurs: m(a, 'cpu'),
    cpuBaseline: m(b, 'cpu'),
    cpuRatio: m(a, 'cpu') / m(b, 'cpu'),
  };
}
