/**
 * On the real PostgreSQL (TEST_DATABASE_URL): approvals racing for the last of a budget set to
 * stop. Each approval locks the budget row before it measures what is used, so however many arrive
 * at once, what passes never takes the month over.
 */
import { journalLines } from '@konecta/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveBudget } from '../src/budgets/budgets';
import { claimOf, type Org, seedOrg, submittedClaim } from './expense-helpers';
import { createHarness, type Harness, openYear, requester, system } from './helpers';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
let h: Harness;
let org: Org;
let yearId: string;
beforeAll(async () => {
  if (!onServer) return;
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  yearId = (await openYear(h, 2026)).id;
  org = await seedOrg(h);
});
afterAll(() => h?.close());

const postedTravel = async () => {
  const lines = await h.db.db
    .select({ debit: journalLines.debit, credit: journalLines.credit })
    .from(journalLines)
    .where(and(eq(journalLines.accountId, h.account('5700')), eq(journalLines.costCentre, 'CC-300')));
  return lines.reduce((s, l) => s + l.debit - l.credit, 0n);
};

describe.skipIf(!onServer)('concurrent approvals against one stop budget (PostgreSQL)', () => {
  it('50 claims of 100.00 racing for a 1,000.00 month: exactly 10 pass, the month is never over', async () => {
    await saveBudget(
      h.ctx,
      { ...system, permissions: new Set() },
      {
        fiscalYearId: yearId,
        departmentId: org.engineering,
        accountId: h.account('5700'),
        mode: 'stop',
        months: Array.from({ length: 12 }, () => ({ minor: 100_000n, currency: 'EGP' })),
      },
    );
    const ids: string[] = [];
    for (let i = 0; i < 50; i++)
      ids.push(await submittedClaim(h, org.employee, claimOf(org, `Race ${i}`, [['travel', '100.00']])));
    const api = requester(h.app);
    // Half approved by the manager, half by the finance manager, all at once.
    const statuses = await Promise.all(
      ids.map((id, i) =>
        api
          .post(`/expense-claims/${id}/approve`, (i % 2 ? org.financeManager : org.manager).token, {})
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 422)).toHaveLength(40);
    expect(await postedTravel()).toBe(100_000n);
  }, 120_000);
});
