/** The demo bank: last month's statement on the ledger's bank account, adding up, half reconciled. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBank } from '../src/bank/seed';
import { getStatement, listStatements } from '../src/bank/statements';
import { seedLedger } from '../src/seed';
import { createHarness, type Harness } from './helpers';

let h: Harness;
let matched = 0;
beforeAll(async () => {
  h = await createHarness({ now: '2026-11-20T09:00:00Z' });
  await seedLedger(h.ctx);
  matched = await seedBank(h.ctx);
}, 180_000);
afterAll(() => h?.close());

describe('the demo bank', () => {
  it('imports last month’s statement once, about half of it reconciled', async () => {
    expect(await seedBank(h.ctx)).toBe(0);
    const { items } = await listStatements(h.ctx, { limit: 10, offset: 0 });
    expect(items).toHaveLength(1);
    const s = await getStatement(h.ctx, items[0]?.id as string);
    expect(s).toMatchObject({ startDate: expect.stringMatching(/^2026-10-/), endDate: '2026-10-31', status: 'open' });
    expect(s.lines.length).toBeGreaterThan(8);
    expect(s.lines.length).toBeLessThan(60);
    expect(matched).toBe(Math.floor(s.lines.length / 2));
    expect(s.matchedCount).toBe(matched);
    // Two bank charges are on the statement but not in the books: closing = book balance − charges.
    const cents = (t: string) => Math.round(Number(t) * 100);
    expect(cents(s.closingBalance) - cents(s.bookBalance)).toBe(-(7500 + 2850));
  });
});
