import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countUpTo, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, listQuery, pageOf, sortOrder } from '../src/lists';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
});
afterAll(() => db?.close());

const query = listQuery({ sort: ['name', 'hireDate'] });
const paths = (input: Record<string, string>) => {
  const parsed = query.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('the list query', () => {
  it('pages 50 rows from the start unless asked otherwise', () => {
    expect(query.parse({})).toEqual({ limit: LIST_LIMIT_DEFAULT, offset: 0 });
    expect(query.parse({ limit: '200', offset: '400', sort: '-hireDate' })).toEqual({
      limit: 200,
      offset: 400,
      sort: '-hireDate',
    });
  });

  it('refuses a limit over the cap rather than clamping it, naming the parameter', () => {
    expect(paths({ limit: String(LIST_LIMIT_MAX + 1) })).toEqual(['limit']);
    expect(paths({ limit: '0' })).toEqual(['limit']);
    expect(paths({ limit: 'all' })).toEqual(['limit']);
    expect(paths({ offset: '-1' })).toEqual(['offset']);
  });

  it('sorts only by the listed fields, ascending or with a leading minus', () => {
    expect(paths({ sort: 'name' })).toEqual([]);
    expect(paths({ sort: '-name' })).toEqual([]);
    expect(paths({ sort: 'salary' })).toEqual(['sort']);
    expect(paths({ sort: '--name' })).toEqual(['sort']);
    expect(paths({ sort: 'name desc' })).toEqual(['sort']);
    const parsed = query.safeParse({ sort: 'salary' });
    expect(parsed.success ? '' : parsed.error.issues[0]?.message).toContain('name, hireDate');
  });

  it('has no sort parameter on a list without sort fields', () => {
    expect(listQuery().parse({ sort: 'name' })).toEqual({ limit: LIST_LIMIT_DEFAULT, offset: 0 });
  });
});

describe('ordering and counting in SQL', () => {
  const series = (n: number) =>
    db.db.select({ g: sql<number>`g`.as('g') }).from(sql`generate_series(1, ${n}::int) as g`);

  it('counts exactly up to the cap and answers null beyond it', async () => {
    expect(await countUpTo(db.db, series(0), 10)).toBe(0);
    expect(await countUpTo(db.db, series(10), 10)).toBe(10);
    expect(await countUpTo(db.db, series(11), 10)).toBeNull();
    expect(await countUpTo(db.db, series(5000), 10)).toBeNull();
  });

  it('orders by the sort key, descending with a leading minus, and the default otherwise', async () => {
    const g = sql`g`;
    const rows = (sort: 'g' | '-g' | undefined) =>
      db.db
        .select({ g: sql<number>`g`.as('g') })
        .from(sql`generate_series(1, 3) as g`)
        .orderBy(...sortOrder(sort, { g }, '-g'));
    expect((await rows('g')).map((r) => r.g)).toEqual([1, 2, 3]);
    expect((await rows('-g')).map((r) => r.g)).toEqual([3, 2, 1]);
    expect((await rows(undefined)).map((r) => r.g)).toEqual([3, 2, 1]);
  });

  it('answers the envelope with the page it was asked for', () => {
    expect(pageOf(['a'], 1, { limit: 10, offset: 0 })).toEqual({ items: ['a'], total: 1, limit: 10, offset: 0 });
  });
});
