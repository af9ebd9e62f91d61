/**
 * Password hashing: argon2id as the auth service runs it (`hashPassword`, `verifyPassword`), timed
 * in this process, beside the other settings the OWASP cheat sheet gives as equally strong, so the
 * team can see which of them meets docs/quality.md's ≤ 10 ms per hash here. Nothing is changed in src.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { hashPassword, verifyPassword } from '@konecta/auth/passwords';
import { DEMO_PASSWORD } from '@konecta/auth/seed';
import { hash, verify } from '@node-rs/argon2';
import { mark, n, table } from './table';

export const HASH_TARGET_MS = 10;

/** OWASP Password Storage Cheat Sheet: argon2id settings of equal strength, all with one lane. */
export const OWASP_ARGON2ID = [
  { memoryKiB: 47_104, passes: 1 },
  { memoryKiB: 19_456, passes: 2 },
  { memoryKiB: 12_288, passes: 3 },
  { memoryKiB: 9_216, passes: 4 },
  { memoryKiB: 7_168, passes: 5 },
] as const;

export interface Timing {
  median: number;
  p95: number;
}

export interface HashSetting {
  /** `m=19456 t=2 p=1`, as in the PHC string. */
  params: string;
  memoryKiB: number;
  /** The auth service's own functions; otherwise an OWASP alternative, for information. */
  production: boolean;
  hash: Timing;
  verify: Timing;
}

export interface HashingReport {
  runs: number;
  warmup: number;
  load: number;
  settings: HashSetting[];
}

interface Candidate {
  params: string;
  memoryKiB: number;
  production: boolean;
  hash(): Promise<string>;
  verify(stored: string): Promise<boolean>;
}

const PHC = /^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/;

const timing = (values: number[]): Timing => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  // Nearest rank.
  const p95 = sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
  return { median, p95 };
};

/**
 * One hash then one verification of it at a time (the password the demo users have), `warmup`
 * rounds discarded, then `runs` rounds; each round takes every setting in turn, so drift on a
 * shared machine hits them all alike.
 */
export async function measurePasswordHashing(options: { runs: number; warmup: number }): Promise<HashingReport> {
  const sample = await hashPassword(DEMO_PASSWORD);
  const found = PHC.exec(sample);
  if (!found) throw new Error(`hashPassword no longer produces argon2id: ${sample.slice(0, 30)}…`);
  const [m, t, p] = found.slice(1).map(Number) as [number, number, number];
  const candidates: Candidate[] = [
    {
      params: `m=${m} t=${t} p=${p}`,
      memoryKiB: m,
      production: true,
      hash: () => hashPassword(DEMO_PASSWORD),
      verify: (stored) => verifyPassword(stored, DEMO_PASSWORD),
    },
    ...OWASP_ARGON2ID.filter((o) => p !== 1 || o.memoryKiB !== m || o.passes !== t).map((o) => ({
      params: `m=${o.memoryKiB} t=${o.passes} p=1`,
      memoryKiB: o.memoryKiB,
      production: false,
      // algorithm 2 is Argon2id (the package's const enum cannot be imported under isolatedModules).
      hash: () => hash(DEMO_PASSWORD, { algorithm: 2, memoryCost: o.memoryKiB, timeCost: o.passes, parallelism: 1 }),
      verify: (stored: string) => verify(stored, DEMO_PASSWORD),
    })),
  ];
  const load = loadavg()[0] ?? 0;
  const samples = candidates.map(() => ({ hash: [] as number[], verify: [] as number[] }));
  for (let round = -options.warmup; round < options.runs; round++) {
    for (const [i, c] of candidates.entries()) {
      const started = performance.now();
      const stored = await c.hash();
      const hashed = performance.now();
      const ok = await c.verify(stored);
      const verified = performance.now();
      if (!ok) throw new Error(`argon2id ${c.params}: the right password did not verify against its own hash`);
      if (round >= 0) {
        samples[i]?.hash.push(hashed - started);
        samples[i]?.verify.push(verified - hashed);
      }
    }
  }
  return {
    runs: options.runs,
    warmup: options.warmup,
    load,
    settings: candidates.map((c, i) => ({
      params: c.params,
      memoryKiB: c.memoryKiB,
      production: c.production,
      hash: timing(samples[i]?.hash ?? []),
      verify: timing(samples[i]?.verify ?? []),
    })),
  };
}

const meets = (s: HashSetting) => s.hash.median <= HASH_TARGET_MS;

export function missedHashingTargets(report: HashingReport): string[] {
  return report.settings
    .filter((s) => s.production && !meets(s))
    .map((s) => `password hash ${n(s.hash.median, 1)} ms > ${HASH_TARGET_MS} ms (argon2id ${s.params})`);
}

export function renderHashing(report: HashingReport): string {
  const rows = report.settings.map((s) => [
    s.production ? `**production** (\`hashPassword\`): ${s.params}` : `OWASP alternative: ${s.params}`,
    n(s.memoryKiB / 1024, 1),
    n(s.hash.median, 2),
    n(s.hash.p95, 2),
    mark(meets(s)),
    n(s.verify.median, 2),
    n(s.verify.p95, 2),
  ]);
  const fit = report.settings.filter(meets).map((s) => `${s.params}${s.production ? ' (production)' : ''}`);
  return `Password hashing (docs/quality.md: argon2id at OWASP parameters, ≤ ${HASH_TARGET_MS} ms per hash): \`@node-rs/argon2\` in this process, one hash then one verification of it at a time, median and p95 of ${report.runs} each per setting after ${report.warmup} discarded, the settings interleaved; load average ${n(report.load, 2)} at the start. The production row is \`hashPassword\`/\`verifyPassword\` (packages/auth/src/passwords.ts), its parameters read from the hash it produced; the others are the OWASP cheat sheet's equally strong argon2id settings, for information.

${table(
  [
    'argon2id',
    'memory MiB',
    'hash median ms',
    'hash p95 ms',
    `median ≤ ${HASH_TARGET_MS} ms`,
    'verify median ms',
    'verify p95 ms',
  ],
  rows,
)}

Within ${HASH_TARGET_MS} ms per hash on this machine: ${fit.length ? fit.join(', ') : 'none of these settings'}.
`;
}
