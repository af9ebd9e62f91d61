/**
 * The ledger's speed targets (docs/quality.md): over 1,000,000 journal lines spread over three
 * years and 200 accounts, the trial balance at most 1.5 × the plain SQL `GROUP BY` over the same
 * lines, and a general-ledger page of an account holding 200,000 lines at most 1.5 × the plain SQL
 * keyset query — each measured in one run, beside its baseline, on PGlite and on PostgreSQL.
 *
 * The lines are loaded set-based (generate_series in SQL) with the ledger's triggers off
 * (`session_replication_role = replica`, as a bulk load does) and the two tables' secondary indexes
 * dropped and built once after the load: they are balanced and posted by construction; the posted
 * totals per account and month are then refreshed from them. The reports are the service's own
 * functions (`trialBalance`, `generalLedger`), JSON rows included. The page's baseline is the
 * simplest keyset query of the same rows and the columns the page shows (see below); the bare
 * index-only keyset query is reported beside it.
 *
 * Run alone: `npx tsx bench/ledger.ts` (BENCH_LEDGER_LINES, BENCH_LEDGER_ROUNDS, BENCH_LEDGER_ENGINES,
 * BENCH_DATABASE_URL, BENCH_LEDGER_PGLITE_DIR). Both databases are kept between runs.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDatabase, type DatabaseHandle, fixedClock } from '../packages/core/src/index';
import { systemActor } from '../packages/core/src/system-actor';
import { createTestKeys, testDeps } from '../packages/core/src/testing';
import { migrate, rowsOf } from '../packages/db/src/index';
import { installStandardChart } from '../packages/finance/src/accounts/chart';
import { financeContext } from '../packages/finance/src/context';
import { createFiscalYear } from '../packages/finance/src/periods/periods';
import { encodeCursor, generalLedger } from '../packages/finance/src/reports/general-ledger';
import { trialBalance } from '../packages/finance/src/reports/statements';
import { type Comparison, type CpuMeter, cpuMeter, interleave } from './cpu';
import { benchDatabase } from './database';

const LINES = Number(process.env.BENCH_LEDGER_LINES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_LEDGER_ROUNDS ?? 9);
/** Calls of a general-ledger page (well under a millisecond each) timed together in each round. */
const PAGE_CALLS = Number(process.env.BENCH_LEDGER_PAGE_CALLS ?? 100);
const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);
const ACCOUNTS = 200;
const HOT_SHARE = 0.2; // 200,000 of 1,000,000 lines on one account
const FIRST_YEAR = 2023;
const log = (line: string) => process.stderr.write(`${line}\n`);

export interface LedgerMeasure extends Comparison {
  name: string;
  target: number | null;
}

export interface LedgerResult {
  engine: string;
  lines: number;
  hotLines: number;
  loadSeconds: number;
  measures: LedgerMeasure[];
}

/** Chart, three fiscal years, 200 posting accounts, and LINES posted lines in balanced pairs. */
async function load(handle: DatabaseHandle): Promise<{ hot: string; seconds: number }> {
  const db = handle.db;
  const started = performance.now();
  await migrate(db);
  const keys = await createTestKeys('bench-ledger');
  const ctx = financeContext(
    testDeps(handle, keys, { KONECTA_DATA_DIR: 'memory' }, { clock: fixedClock('2025-12-31T12:00:00Z') }),
  );
  const [have] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from finance.journal_lines where posted`),
  );
  if (have?.n !== LINES) {
    await db.execute(sql`set session_replication_role = replica`);
    await db.execute(
      sql`truncate finance.journal_lines, finance.journal_entries, finance.periods, finance.fiscal_years, finance.accounts cascade`,
    );
    await db.execute(sql`set session_replication_role = origin`);
    await installStandardChart(db);
    for (let y = FIRST_YEAR; y < FIRST_YEAR + 3; y++) await createFiscalYear(ctx, systemActor('finance'), { year: y });
    // 200 posting accounts under the five groups of the standard chart.
    await db.execute(sql`
      insert into finance.accounts (code, name, type, parent_id)
      select 'B' || lpad(i::text, 3, '0'), 'Bench account ' || i, g.type, g.id
        from generate_series(1, ${ACCOUNTS}) i
        join (select id, type, row_number() over (order by code) - 1 as k from finance.accounts where parent_id is null) g
          on g.k = i % 5`);
    const entries = LINES / 2;
    const hotEntries = Math.round(LINES * HOT_SHARE);
    await db.execute(sql`set session_replication_role = replica`);
    // The secondary indexes of the two tables are dropped for the load and built once after it (a
    // sorted build instead of a million random inserts into five btrees); entry ids are sequential.
    const indexes = rowsOf<{ name: string; definition: string }>(
      await db.execute(sql`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
        from pg_index i
       where i.indrelid in ('finance.journal_lines'::regclass, 'finance.journal_entries'::regclass)
         and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`),
    );
    for (const i of indexes) await db.execute(sql.raw(`drop index ${i.name}`));
    await db.execute(sql`
      create temporary table bench_accounts as
      select row_number() over (order by code) - 1 as n, id from finance.accounts where code like 'B%'`);
    await db.execute(sql`
      insert into finance.journal_entries (id, number, date, memo, source, status, currency, rate, period_id, posted_at)
      select lpad(to_hex(i), 32, '0')::uuid, 'B-' || i, d.date, 'bench', 'manual', 'posted', 'EGP', 1, p.id, now()
        from generate_series(1::bigint, ${entries}::bigint) i
        cross join lateral (select (${`${FIRST_YEAR}-01-01`}::date + (i % 1095)::int)::date as date) d
        join finance.periods p on d.date between p.start_date and p.end_date`);
    // Two lines per entry: the first of the first `hotEntries` entries on the hot account (n = 0).
    await db.execute(sql`
      insert into finance.journal_lines
        (entry_id, line_no, account_id, debit, credit, txn_debit, txn_credit, currency, rate, date, posted, entry_number, memo)
      select lpad(to_hex(i), 32, '0')::uuid, s.side, a.id,
             case when s.side = 1 then amount else 0 end, case when s.side = 2 then amount else 0 end,
             case when s.side = 1 then amount else 0 end, case when s.side = 2 then amount else 0 end,
             'EGP', 1, (${`${FIRST_YEAR}-01-01`}::date + (i % 1095)::int)::date, true, 'B-' || i, 'bench'
        from generate_series(1::bigint, ${entries}::bigint) i
        cross join (values (1), (2)) s(side)
        cross join lateral (select (100 + (i * 7919) % 1000000)::bigint as amount) m
        join bench_accounts a on a.n = case
          when s.side = 1 and i <= ${hotEntries} then 0
          when s.side = 1 then 1 + (i * 31) % ${ACCOUNTS - 1}
          else 1 + (i * 17 + 7) % ${ACCOUNTS - 1} end`);
    for (const i of indexes) await db.execute(sql.raw(i.definition));
    await db.execute(sql`set session_replication_role = origin`);
    // The triggers that keep the posted totals per account and month were off for the load.
    await db.execute(sql`select finance.refresh_account_month_totals()`);
    await db.execute(sql`vacuum analyze finance.journal_lines`);
    await db.execute(sql`vacuum analyze finance.journal_entries`);
  }
  // Kept data may predate the totals' migration, which filled them: their statistics, either way.
  await db.execute(sql`vacuum analyze finance.account_month_totals`);
  const [hot] = rowsOf<{ id: string }>(
    await db.execute(
      sql`select account_id as id from finance.journal_lines group by account_id order by count(*) desc limit 1`,
    ),
  );
  return { hot: hot?.id as string, seconds: (performance.now() - started) / 1000 };
}

/**
 * Times `ours` and `baseline` alternately, after warming both, and gives the medians of the wall
 * clock and of the CPU each call took (bench/cpu.ts). A call of well under a millisecond is timed
 * `calls` times in a row per round and divided, so that one garbage collection or one wait for a
 * core does not decide a round.
 */
async function compare(
  meter: () => Promise<CpuMeter>,
  name: string,
  target: number | null,
  ours: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  calls = 1,
) {
  const repeated = (fn: () => Promise<unknown>) => async () => {
    for (let i = 0; i < calls; i++) await fn();
  };
  const c = await interleave(meter, ROUNDS, repeated(ours), repeated(baseline));
  const m: LedgerMeasure = {
    name,
    ...c,
    ours: c.ours / calls,
    baseline: c.baseline / calls,
    cpuOurs: c.cpuOurs / calls,
    cpuBaseline: c.cpuBaseline / calls,
    target,
  };
  log(
    `  ${name}: ${ms(m.ours)} ms vs ${ms(m.baseline)} ms → ${m.ratio.toFixed(2)}×; CPU ${ms(m.cpuOurs)} vs ${ms(m.cpuBaseline)} ms → ${m.cpuRatio.toFixed(2)}×`,
  );
  return m;
}

export async function measureLedger(engine: 'pglite' | 'postgresql'): Promise<LedgerResult> {
  let handle: DatabaseHandle;
  if (engine === 'postgresql') {
    handle = await createDatabase({ url: await benchDatabase('konecta_bench_ledger'), poolMax: 2 });
  } else {
    // Kept between runs like the server's database: loading a million lines into PGlite takes minutes.
    handle = await createDatabase({
      dataDir: process.env.BENCH_LEDGER_PGLITE_DIR ?? join(tmpdir(), 'konecta-bench-ledger-pglite'),
    });
  }
  try {
    log(`ledger on ${engine}: loading ${LINES.toLocaleString('en')} lines ...`);
    const { hot, seconds } = await load(handle);
    const keys = await createTestKeys('bench-ledger');
    const ctx = financeContext(
      testDeps(handle, keys, { KONECTA_DATA_DIR: 'memory' }, { clock: fixedClock('2025-12-31T12:00:00Z') }),
    );
    const db = handle.db;
    const [{ n: hotLines } = { n: 0 }] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from finance.journal_lines where account_id = ${hot}`),
    );
    const measures: LedgerMeasure[] = [];
    const meter = () => cpuMeter(handle, engine);
    measures.push(
      await compare(
        meter,
        'trial balance, all three years (with the tree roll-up and JSON rows)',
        1.5,
        () => trialBalance(ctx, { to: `${FIRST_YEAR + 2}-12-31` }),
        () =>
          db.execute(sql`select account_id, sum(debit), sum(credit) from finance.journal_lines group by account_id`),
      ),
    );
    measures.push(
      await compare(
        meter,
        'trial balance, the third year with opening balances',
        1.5,
        () => trialBalance(ctx, { from: `${FIRST_YEAR + 2}-01-01`, to: `${FIRST_YEAR + 2}-12-31` }),
        () =>
          db.execute(sql`select account_id, sum(debit), sum(credit) from finance.journal_lines group by account_id`),
      ),
    );
    // A page in the middle of the hot account: the cursor of its 100,000th line.
    const [mid] = rowsOf<{ date: string; id: string }>(
      await db.execute(sql`select to_char(date, 'YYYY-MM-DD') as date, id::text from finance.journal_lines
        where account_id = ${hot} and posted order by date, id offset ${Math.floor(hotLines / 2)} limit 1`),
    );
    const cursor = encodeCursor({ date: mid?.date as string, id: mid?.id as string, balance: '123456' });
    // The baseline of the page: the simplest keyset query a developer would write for it — the same
    // rows in the same order with the columns the page shows (date, entry and its number, memo,
    // description, debit, credit, transaction amounts and currency), as plain rows; no running
    // balance, no account. The bare index-only keyset query (id, date, debit, credit) is reported beside it.
    const pageColumns = () =>
      db.execute(sql`select id, date, entry_id, entry_number, memo, description, debit, credit, txn_debit,
          txn_credit, currency from finance.journal_lines
        where account_id = ${hot} and posted and (date, id) > (${mid?.date}::date, ${mid?.id}::bigint)
        order by date, id limit 100`);
    measures.push(
      await compare(
        meter,
        "general-ledger page of 100 lines (keyset, mid-account) vs the keyset query of the page's columns",
        1.5,
        () => generalLedger(ctx, { accountId: hot, limit: 100, cursor }),
        pageColumns,
        PAGE_CALLS,
      ),
    );
    measures.push(
      await compare(
        meter,
        'general-ledger page of 100 lines vs the index-only keyset query (id, date, debit, credit) — informative',
        null,
        () => generalLedger(ctx, { accountId: hot, limit: 100, cursor }),
        () =>
          db.execute(sql`select id, date, debit, credit from finance.journal_lines
            where account_id = ${hot} and posted and (date, id) > (${mid?.date}::date, ${mid?.id}::bigint)
            order by date, id limit 100`),
        PAGE_CALLS,
      ),
    );
    measures.push(
      await compare(
        meter,
        "general-ledger first page from a mid date (opening balance from the month totals) vs the page's columns — informative",
        null,
        () => generalLedger(ctx, { accountId: hot, from: mid?.date as string, limit: 100 }),
        () =>
          db.execute(sql`select id, date, entry_id, entry_number, memo, description, debit, credit, txn_debit,
              txn_credit, currency from finance.journal_lines
            where account_id = ${hot} and posted and date >= ${mid?.date}::date order by date, id limit 100`),
        PAGE_CALLS,
      ),
    );
    return { engine, lines: LINES, hotLines, loadSeconds: seconds, measures };
  } finally {
    await handle.close();
  }
}

export function renderLedger(results: LedgerResult[]): string {
  const rows = results.flatMap((r) =>
    r.measures.map(
      (m) =>
        `| ${r.engine} | ${m.name} | ${ms(m.ours)} | ${ms(m.baseline)} | ${m.ratio.toFixed(2)}× | ${ms(m.cpuOurs)} | ${ms(m.cpuBaseline)} | ${m.cpuRatio.toFixed(2)}× | ${m.target === null ? '—' : `${m.ratio <= m.target ? '✓' : '✗'} / ${m.cpuRatio <= m.target ? '✓' : '✗'} ≤ ${m.target}×`} |`,
    ),
  );
  return [
    '## Ledger statements',
    '',
    results
      .map(
        (r) =>
          `${r.engine}: ${r.lines.toLocaleString('en')} lines, ${r.hotLines.toLocaleString('en')} on the busiest account, ready in ${r.loadSeconds.toFixed(1)} s.`,
      )
      .join(' '),
    `Medians of ${ROUNDS} interleaved runs after two warm-ups each (a general-ledger page: ${PAGE_CALLS} calls in a row per run, per call), in ms: wall clock, and CPU (this process and, on PostgreSQL, the server backends; bench/cpu.ts). Target marks: wall / CPU.`,
    '',
    '| engine | what | ours | plain SQL | ratio | CPU ours | CPU plain | CPU ratio | target (wall / CPU) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
  ].join('\n');
}

export function missedLedgerTargets(results: LedgerResult[]): string[] {
  return results.flatMap((r) =>
    r.measures
      .filter((m) => m.target !== null && m.ratio > m.target)
      .map((m) => `${r.engine}: ${m.name} ${m.ratio.toFixed(2)}×`),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const engines = (process.env.BENCH_LEDGER_ENGINES ?? 'postgresql,pglite').split(',') as ('pglite' | 'postgresql')[];
  const results: LedgerResult[] = [];
  for (const engine of engines) results.push(await measureLedger(engine));
  console.log(renderLedger(results));
  const missed = missedLedgerTargets(results);
  if (missed.length) log(`missed targets: ${missed.join('; ')}`);
}
