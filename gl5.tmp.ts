import { sql } from 'drizzle-orm';
import { createDatabase } from './packages/core/src/index';
const handle = await createDatabase({ url: 'postgres://postgres@127.0.0.1:5432/konecta_bench_ledger', poolMax: 2 });
const db = handle.db as any;
const hot = 'a16f8ed4-22fd-4136-b940-718b7b02d891', d = '2024-06-30', id = '91926', to = '2025-12-31';
const cols = sql`l.id as line_id, l.date, l.entry_id, l.entry_number, l.memo, l.description, l.debit, l.credit, l.txn_debit, l.txn_credit, l.currency`;
const V: Record<string, () => Promise<unknown>> = {
  base: () => db.execute(sql`select id, date, entry_id, entry_number, memo, description, debit, credit, txn_debit, txn_credit, currency from finance.journal_lines where account_id = ${hot} and posted and (date, id) > (${d}::date, ${id}::bigint) order by date, id limit 100`),
  two: () => Promise.all([
    db.execute(sql`select a.id, a.code, a.name, a.type, a.parent_id, a.is_group, a.active, null::text as opening from finance.accounts a where a.id = ${hot}`),
    db.execute(sql`select ${cols} from finance.journal_lines l where l.account_id = ${hot} and l.posted and l.date <= ${to} and (l.date, l.id) > (${d}::date, ${id}::bigint) order by l.date, l.id limit ${101}`)]),
  union: () => db.execute(sql`select json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'type', a.type, 'parent_id', a.parent_id, 'is_group', a.is_group, 'active', a.active, 'opening', null)::text as account,
     null::bigint as line_id, null::date as date, null::uuid as entry_id, null::text as entry_number, null::text as memo, null::text as description, null::bigint as debit, null::bigint as credit, null::bigint as txn_debit, null::bigint as txn_credit, null::text as currency
     from finance.accounts a where a.id = ${hot}
     union all (select null, ${cols} from finance.journal_lines l where l.account_id = ${hot} and l.posted and l.date <= ${to} and (l.date, l.id) > (${d}::date, ${id}::bigint) order by l.date, l.id limit ${101})`),
  lateral: () => db.execute(sql`select json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'type', a.type, 'parent_id', a.parent_id, 'is_group', a.is_group, 'active', a.active, 'opening', null)::text as account, l.*
     from finance.accounts a left join lateral (select ${cols} from finance.journal_lines l where l.account_id = a.id and l.posted and l.date <= ${to} and (l.date, l.id) > (${d}::date, ${id}::bigint) order by l.date, l.id limit ${101}) l on true where a.id = ${hot}`),
};
const T: Record<string, number[]> = {};
for (let i = 0; i < 61; i++) for (const [k, f] of Object.entries(V)) {
  const t = performance.now(); for (let j = 0; j < 20; j++) await f(); (T[k] ??= []).push((performance.now() - t) / 20);
}
for (const [k, v] of Object.entries(T)) { v.sort((a, b) => a - b); console.log(k.padEnd(8), v[30].toFixed(3), (v[30] / T.base[30]).toFixed(2)); }
await handle.close();
