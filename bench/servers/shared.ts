/** What every benchmark server child gets from the orchestrator, and how it reports back. */
import type { JSONWebKeySet } from 'jose';

export const BENCH_PERMISSION = 'bench.items.read';
/** Every server answers the same path, so one load definition fits all. */
export const BENCH_PATH = '/api/hr/bench/items';

export interface BenchEnv {
  databaseUrl: string;
  jwks: JSONWebKeySet;
  issuer: string;
  audience: string;
}

export function benchEnv(env = process.env): BenchEnv {
  const { BENCH_DB_URL, BENCH_JWKS, BENCH_ISSUER, BENCH_AUDIENCE } = env;
  if (!BENCH_DB_URL || !BENCH_JWKS || !BENCH_ISSUER || !BENCH_AUDIENCE) {
    throw new Error('benchmark servers are started by bench/run.ts (BENCH_* settings missing)');
  }
  return { databaseUrl: BENCH_DB_URL, jwks: JSON.parse(BENCH_JWKS), issuer: BENCH_ISSUER, audience: BENCH_AUDIENCE };
}

/**
 * Tells the orchestrator the port, answers its CPU-time questions, and exits when it goes away
 * (so no server outlives a run).
 */
export function announce(port: number): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('benchmark servers run as children of bench/run.ts');
  process.on('message', (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ cpuMicros: user + system });
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ port });
}
