/**
 * Receivables ageing over 100,000 open invoices (2,000 customers, two currencies, one in twenty
 * with a credit note) against the plain SQL `GROUP BY` over the same rows: the service's own
 * `ageing()` (credit notes and voids dated ≤ asOf, base conversion, JSON rows) beside a grouping of
 * `amount_due` by customer, currency and bucket. Not a test; `npm run bench` runs it (BENCH_AGEING=0 skips it) against docs/quality.md's 1.5×.
 *
 * Run alone: `npx tsx bench/ageing.ts` (BENCH_AGEING_INVOICES, BENCH_AGEING_ROUNDS,
 * BENCH_AGEING_ENGINES=postgresql,pglite, BENCH_DATABASE_URL). The PostgreSQL database
 * `konecta_bench_ageing` is kept between runs; PGlite is in memory.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDatabase, type DatabaseHandle, fixedClock } from '../packages/core/src/index';
import { systemActor } from '../packages/core/src/system-actor';
import { createTestKeys, testDeps } from '../packages/core/src/testing';
import { migrate, rowsOf } from '../packages/db/src/index';
import { installStandardChart } from '../packages/finance/src/accounts/chart';
import { financeContext } from '../packages/finance/src/context';
import { createFiscalYear } from '../packages/finance/src/periods/periods';
import { ageing } from '../packages/finance/src/reports/ageing';
import { type Comparison, cpuMeter, interleave } from './cpu';
import { benchDatabase } from './database';

const INVOICES = Number(process.env.BENCH_AGEING_INVOICES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_AGEING_ROUNDS ?? 7);
const CUSTOMERS = 2_000;
const AS_OF = '2026-06-30';
const log = (line: string) => process.stderr.write(`${line}\n`);

async function load(handle: DatabaseHandle) {
  const db = handle.db;
  await migrate(db);
  const [have] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from finance.invoices`));
  if (have?.n === INVOICES) return;
  const keys = await createTestKeys('bench-ageing');
  const ctx = financeContext(
    testDeps(handle, keys, { KONECTA_DATA_DIR: 'memory' }, { clock: fixedClock('2026-06-30T12:00:00Z') }),
  );
  await db.execute(sql`set session_replication_role = replica`);
  await db.execute(sql`truncate finance.credit_notes, finance.invoices, finance.customers, finance.journal_lines,
    finance.journal_entries, finance.periods, finance.fiscal_years, finance.accounts cascade`);
  await db.execute(sql`set session_replication_role = origin`);
  await installStandardChart(db);
  await createFiscalYear(ctx, systemActor('finance'), { year: 2026 });
  // Triggers off, as a bulk load: one stand-in entry for every document's posting.
  await db.execute(sql`set session_replication_role = replica`);
  await db.execute(sql`insert into finance.journal_entries (id, number, date, memo, source, status, currency, rate, period_id, posted_at)
    select '00000000-0000-4000-8000-0000000000e1', 'B-1', '2026-01-01', 'bench', 'manual', 'posted', 'EGP', 1, p.id, now()
      from finance.periods p where '2026-01-01' between p.start_date and p.end_date`);
  await db.execute(sql`insert into finance.customers (id, name, currency, payment_terms_days)
    select md5('c' || i)::uuid, 'Customer ' || lpad(i::text, 5, '0'), case when i % 10 = 0 then 'USD' else 'EGP' end, 30
      from generate_series(1, ${CUSTOMERS}) i`);
  await db.execute(sql`insert into finance.invoices (id, number, customer_id, issue_date, due_date, status, currency, rate,
        gross, net, total, credited_amount, journal_entry_id, issued_at)
    select md5('i' || i)::uuid, 'INV-B-' || i, md5('c' || (1 + i % ${CUSTOMERS}))::uuid, d, d + 30, 'issued',
           case when (1 + i % ${CUSTOMERS}) % 10 = 0 then 'USD' else 'EGP' end,
           case when (1 + i % ${CUSTOMERS}) % 10 = 0 then 48.5 else 1 end,
           a, a, a, case when i % 20 = 0 then a / 2 else 0 end, '00000000-0000-4000-8000-0000000000e1', now()
      from generate_series(1, ${INVOICES}) i
      cross join lateral (select ('2026-01-01'::date + (i % 180))::date as d, (1000 + (i * 7919) % 1000000)::bigint as a) x`);
  await db.execute(sql`insert into finance.credit_notes (number, invoice_id, customer_id, date, reason, currency, rate,
        net, tax, withholding, total, applied_amount, journal_entry_id)
    select 'CN-B-' || i.number, i.id, i.customer_id, i.issue_date + 5, 'bench', i.currency, i.rate,
           i.credited_amount, 0, 0, i.credited_amount, i.credited_amount, '00000000-0000-4000-8000-0000000000e1'
      from finance.invoices i where i.credited_amount > 0`);
  await db.execute(sql`set session_replication_role = origin`);
  await db.execute(sql`analyze finance.invoices`);
  await db.execute(sql`analyze finance.credit_notes`);
}

export interface AgeingResult extends Comparison {
  engine: string;
}

/** The target of docs/quality.md: at most 1.5 × the plain SQL. */
const TARGET = 1.5;

export function renderAgeing(results: AgeingResult[]): string {
  return [
    '## Receivables ageing',
    '',
    `${INVOICES.toLocaleString('en')} open invoices of ${CUSTOMERS.toLocaleString('en')} customers; medians of ${ROUNDS} interleaved runs after two warm-ups, in ms: wall clock, and CPU (this process and, on PostgreSQL, the server backend; bench/cpu.ts). Target marks: wall / CPU.`,
    '',
    '| engine | ours | plain SQL | ratio | CPU ours | CPU plain | CPU ratio | target (wall / CPU) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...results.map(
      (r) =>
        `| ${r.engine} | ${r.ours.toFixed(1)} | ${r.baseline.toFixed(1)} | ${r.ratio.toFixed(2)}× | ${r.cpuOurs.toFixed(1)} | ${r.cpuBaseline.toFixed(1)} | ${r.cpuRatio.toFixed(2)}× | ${r.ratio <= TARGET ? '✓' : '✗'} / ${r.cpuRatio <= TARGET ? '✓' : '✗'} ≤ ${TARGET}× |`,
    ),
    '',
  ].join('\n');
}

export const missedAgeingTargets = (results: AgeingResult[]) =>
  results.filter((r) => r.ratio > TARGET).map((r) => `${r.engine}: receivables ageing ${r.ratio.toFixed(2)}×`);

export async function measureAgeing(engine: 'pglite' | 'postgresql') {
  let handle: DatabaseHandle;
  if (engine === 'postgresql') {
    handle = await createDatabase({ url: await benchDatabase('konecta_bench_ageing'), poolMax: 2 });
  } else {
    handle = await createDatabase({ dataDir: 'memory' });
  }
  try {
    const started = performance.now();
    await load(handle);
    log(
      `ageing on ${engine}: ${INVOICES.toLocaleString('en')} invoices ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const keys = await createTestKeys('bench-ageing');
    const ctx = financeContext(
      testDeps(handle, keys, { KONECTA_DATA_DIR: 'memory' }, { clock: fixedClock('2026-06-30T12:00:00Z') }),
    );
    const ours = () => ageing(ctx, 'receivables', { asOf: AS_OF });
    const plain = () =>
      handle.db.execute(sql`select customer_id, currency, width_bucket(${AS_OF}::date - due_date, '{1,31,61,91}'::int[]),
          sum(amount_due), sum(round(amount_due * rate))
        from finance.invoices where status in ('issued', 'partially_paid') and amount_due > 0 and issue_date <= ${AS_OF}
        group by 1, 2, 3`);
    const result: AgeingResult = { engine, ...(await interleave(() => cpuMeter(handle, engine), ROUNDS, ours, plain)) };
    const check = await ours();
    log(
      `  receivables ageing: ${result.ours.toFixed(1)} ms vs plain SQL ${result.baseline.toFixed(1)} ms → ${result.ratio.toFixed(2)}×; CPU ${result.cpuOurs.toFixed(1)} vs ${result.cpuBaseline.toFixed(1)} ms → ${result.cpuRatio.toFixed(2)}× (${check.rows.length} rows, ${check.totals.documents} documents)`,
    );
    return result;
  } finally {
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const engines = (process.env.BENCH_AGEING_ENGINES ?? 'postgresql,pglite').split(',') as ('pglite' | 'postgresql')[];
  const results: AgeingResult[] = [];
  for (const engine of engines) results.push(await measureAgeing(engine));
  console.log(renderAgeing(results));
}
