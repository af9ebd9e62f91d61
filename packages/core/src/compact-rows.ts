import { type Database, rowsOf } from '@konecta/db';
import { type SQL, sql } from 'drizzle-orm';
import { databaseKind } from './database';
import { executorFor } from './transaction';

/**
 * `select <columns> from <from>` as objects keyed like `columns`, in the form each engine reads
 * fastest: plain rows over postgres.js; one JSON value of arrays on PGlite, where every value of a
 * row crosses into JavaScript on its own (thousands of rows cost more that way than building and
 * parsing JSON). For many rows of few columns, such as a report's sums.
 *
 * The values must read the same either way: give money and other big numbers as text (`::text`),
 * as JSON would turn them into floating-point numbers; ints, text and booleans come as they are.
 * `from` is a FROM clause, with a WHERE if need be, but no ORDER BY: the rows come in no order.
 */
export async function selectCompact<T extends Record<string, unknown>>(
  db: Database,
  columns: { [K in keyof T & string]: SQL },
  from: SQL,
): Promise<T[]> {
  const names = Object.keys(columns) as (keyof T & string)[];
  const exprs = names.map((name) => columns[name]);
  const executor = executorFor(db);
  if (databaseKind(db) !== 'pglite') {
    const list = sql.join(
      names.map((name, i) => sql`${exprs[i]} as ${sql.identifier(name)}`),
      sql`, `,
    );
    return rowsOf<T>(await executor.execute(sql`select ${list} from ${from}`));
  }
  const [result] = rowsOf<{ rows: string | null }>(
    await executor.execute(
      sql`select json_agg(json_build_array(${sql.join(exprs, sql`, `)}))::text as rows from ${from}`,
    ),
  );
  return (JSON.parse(result?.rows ?? '[]') as unknown[][]).map((values) => {
    const row: Record<string, unknown> = {};
    names.forEach((name, i) => {
      row[name] = values[i];
    });
    return row as T;
  });
}
