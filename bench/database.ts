/** The benchmark database: `konecta_bench` on the server, one table of 20,000 items. */
import postgres from 'postgres';

export const BENCH_ROWS = 20_000;
export const BENCH_OWNERS = 1_000;

/** `BENCH_DATABASE_URL` names the server (any database on it); the benchmarks make their own databases there. */
export const benchServerUrl = () => process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Database `name` on the bench server, created when missing (kept between runs); its URL. */
export async function benchDatabase(name: string, serverUrl = benchServerUrl()): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [found] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!found) await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The list-request benchmark's database, `konecta_bench`, kept between runs. */
export async function prepareBenchDatabase(serverUrl = benchServerUrl()): Promise<{ url: string; version: string }> {
  const url = new URL(await benchDatabase('konecta_bench', serverUrl));
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`
      create table if not exists bench_items (
        id serial primary key,
        owner_id int not null,
        name text not null,
        amount bigint not null,
        created_at timestamptz not null default now()
      );
      create index if not exists bench_items_owner_id_idx on bench_items (owner_id);
    `);
    const [{ count }] = (await sql`select count(*)::int as count from bench_items`) as unknown as [{ count: number }];
    if (count !== BENCH_ROWS) {
      await sql`truncate bench_items restart identity`;
      await sql`
        insert into bench_items (owner_id, name, amount, created_at)
        select (i % ${BENCH_OWNERS}) + 1, 'item ' || i, (i * 7919) % 1000000, now() - make_interval(mins => i)
        from generate_series(1, ${BENCH_ROWS}) as i`;
      await sql`analyze bench_items`;
    }
    const [{ server_version }] = (await sql`show server_version`) as unknown as [{ server_version: string }];
    return { url: url.toString(), version: server_version };
  } finally {
    await sql.end();
  }
}
