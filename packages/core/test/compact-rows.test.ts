import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, inTransaction, selectCompact } from '../src/index';
import { createTestDatabase } from '../src/testing';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase({ migrate: false });
});
afterAll(() => handle?.close());

type Row = { n: number; label: string; big: string; flag: boolean; missing: string | null };
const columns = {
  n: sql`v.n`,
  label: sql`v.label`,
  big: sql`v.big::text`,
  flag: sql`v.n > 1`,
  missing: sql`null::text`,
};
const values = sql`(values (1, 'one', 12345678901234567890::numeric), (2, 'two', -3::numeric)) v(n, label, big)`;

describe('selectCompact', () => {
  it('gives the same objects on either engine: ints, text, booleans, nulls, big numbers as text', async () => {
    const rows = (await selectCompact<Row>(handle.db, columns, values)).sort((a, b) => a.n - b.n);
    expect(rows).toEqual([
      { n: 1, label: 'one', big: '12345678901234567890', flag: false, missing: null },
      { n: 2, label: 'two', big: '-3', flag: true, missing: null },
    ]);
  });

  it('gives nothing for no rows, and reads inside a transaction', async () => {
    expect(await selectCompact<Row>(handle.db, columns, sql`${values} where v.n > 5`)).toEqual([]);
    const inside = await inTransaction(handle.db, () =>
      selectCompact<Row>(handle.db, columns, sql`${values} where v.n = 2`),
    );
    expect(inside.map((r) => r.label)).toEqual(['two']);
  });
});
