/**
 * What the gateway costs (docs/quality.md): in process, its throughput against the service served
 * directly; over HTTP, where three processes share two cores and throughput says little, the CPU
 * time each process spends per request. Every figure is taken per round — the targets take turns
 * within each round — and given as the median with its spread (min–max) over the rounds.
 */
import { type LoadResult, type LoadSettings, type LoadTarget, measureAll, median } from './load';
import { type ServerProcess, startServerProcess } from './processes';
import { loadTable, mark, n, table } from './table';

export const IN_PROCESS_TARGET = 0.85;
export const CPU_SHARE_TARGET = 0.25;

/** `median (min–max)` of per-round values. */
export function spread(values: number[], digits = 2): string {
  return `${n(median(values), digits)} (${n(Math.min(...values), digits)}–${n(Math.max(...values), digits)})`;
}

/** Per round: the gateway's own CPU per request ÷ the service's, for a [gateway, service] target. */
export function cpuShares(overHttp: LoadResult): number[] {
  return overHttp.cpuByProcessRounds.map(([gateway = 0, service = Number.NaN]) => gateway / service);
}

/** Per round: throughput through the gateway ÷ direct throughput in the same round. */
export function throughputRatios(through: LoadResult, direct: LoadResult): number[] {
  return through.rounds.map((rps, i) => rps / (direct.rounds[i] ?? Number.NaN));
}

interface Variant {
  label: string;
  inProcess: number;
  overHttp: number;
}

/**
 * `npm run bench -- gateway`. `baselineModule` (BENCH_GATEWAY_BASELINE): another checkout's
 * `packages/gateway/src/index.ts`, measured alongside in the same rounds.
 */
export async function measureGateway(
  env: Record<string, string>,
  settings: LoadSettings,
  log: (line: string) => void,
  baselineModule?: string,
): Promise<{ report: string; missed: string[] }> {
  const started: ServerProcess[] = [];
  const start = async (name: string, extra: Record<string, string> = {}) => {
    const server = await startServerProcess(name, { ...env, ...extra });
    started.push(server);
    return server;
  };
  try {
    const kernel = await start('kernel');
    const targets: LoadTarget[] = [
      { name: 'kernel: createServiceApp + Drizzle, direct', url: kernel.url, processes: [kernel] },
    ];
    const variants: Variant[] = [];
    const addVariant = async (label: string, module?: Record<string, string>) => {
      const inProcess = await start('gateway', module);
      const overHttp = await start('gateway', { ...module, BENCH_UPSTREAM: kernel.url });
      variants.push({ label, inProcess: targets.length, overHttp: targets.length + 1 });
      targets.push(
        { name: `${label} → kernel in one process`, url: inProcess.url, processes: [inProcess] },
        { name: `${label} → kernel over HTTP`, url: overHttp.url, processes: [overHttp, kernel] },
      );
    };
    if (baselineModule) await addVariant('baseline gateway', { BENCH_GATEWAY_MODULE: baselineModule });
    await addVariant('gateway');
    const bare = await start('bare-proxy', { BENCH_UPSTREAM: kernel.url });
    const floor = targets.length;
    targets.push({ name: 'bare node:http proxy → kernel over HTTP (floor)', url: bare.url, processes: [bare, kernel] });

    const results = await measureAll(targets, settings, log);
    const result = (i: number) => {
      const r = results[i];
      if (!r) throw new Error(`no result for ${targets[i]?.name}`);
      return r;
    };
    const direct = result(0);
    const rows = [
      ...variants.map((v) => ({ ...v, http: result(v.overHttp) })),
      { label: 'bare node:http proxy (floor)', inProcess: -1, overHttp: floor, http: result(floor) },
    ];
    const missed: string[] = [];
    const ratioTable = table(
      [
        'gateway',
        'in process ÷ direct, req/s: median (min–max)',
        `≥ ${IN_PROCESS_TARGET}`,
        'in process, by CPU µs/req',
        'over HTTP, CPU µs/req: gateway · service (medians)',
        'gateway ÷ service CPU: median (min–max)',
        `≤ ${CPU_SHARE_TARGET}`,
      ],
      rows.map((row) => {
        const shares = cpuShares(row.http);
        const gatewayCpu = median(row.http.cpuByProcessRounds.map((r) => r[0] ?? 0));
        const serviceCpu = median(row.http.cpuByProcessRounds.map((r) => r[1] ?? 0));
        const inProcess = row.inProcess >= 0 ? throughputRatios(result(row.inProcess), direct) : undefined;
        if (row.label === 'gateway') {
          if (inProcess && median(inProcess) < IN_PROCESS_TARGET)
            missed.push(
              `gateway in process ${n(median(inProcess), 2)} of the direct throughput < ${IN_PROCESS_TARGET}`,
            );
          if (median(shares) > CPU_SHARE_TARGET)
            missed.push(
              `gateway CPU per proxied request ${n(median(shares), 2)} of the service's > ${CPU_SHARE_TARGET}`,
            );
        }
        return [
          row.label,
          inProcess ? spread(inProcess) : '—',
          inProcess ? mark(median(inProcess) >= IN_PROCESS_TARGET) : '',
          inProcess ? `${n(direct.cpuMicrosPerRequest / result(row.inProcess).cpuMicrosPerRequest, 2)}×` : '—',
          `${n(gatewayCpu)} · ${n(serviceCpu)}`,
          spread(shares),
          mark(median(shares) <= CPU_SHARE_TARGET),
        ];
      }),
    );
    const report = `${loadTable(
      'authenticated list request',
      targets.map((t, i) => ({ name: t.name, result: result(i) })),
    )}

${ratioTable}
`;
    return { report, missed };
  } finally {
    await Promise.all(started.map((s) => s.stop()));
  }
}
