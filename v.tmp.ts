import postgres from 'postgres';
import { readFileSync } from 'node:fs';
const sql = postgres('postgres://postgres@127.0.0.1:5432/konecta_bench_ageing', { max: 1 });
const variants: Record<string, string> = {};
variants.plain = `select customer_id, currency, width_bucket('2026-06-30'::date - due_date, '{1,31,61,91}'::int[]), sum(amount_due), sum(round(amount_due * rate)) from finance.invoices where status in ('issued', 'partially_paid') and amount_due > 0 and issue_date <= '2026-06-30' group by 1, 2, 3`;
for (const f of (process.env.FILES ?? '').split(',').filter(Boolean)) variants[f] = readFileSync(`/tmp/ab/${f}.sql`, 'utf8');
const times: Record<string, number[]> = {};
for (let r = 0; r < Number(process.env.R ?? 15); r++) for (const [k, q] of Object.entries(variants)) {
  const t = performance.now(); await sql.unsafe(q); (times[k] ??= []).push(performance.now() - t);
}
for (const [k, t] of Object.entries(times)) { t.sort((a, b) => a - b); console.log(k.padEnd(12), t[t.length >> 1].toFixed(1), 'min', t[0].toFixed(1)); }
await sql.end();
