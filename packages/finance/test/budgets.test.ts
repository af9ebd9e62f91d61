/**
 * Budgets through the API: twelve months or an annual amount spread exactly, warn and stop on an
 * expense claim's approval (month and year), the finance manager's audited override, budget against
 * actual (JSON and files) and the published view of what is left.
 */
import { auditLog, budgetRemaining, outbox } from '@konecta/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeBudget } from '../src/budgets/consume';
import { claimOf, type Org, seedOrg, submittedClaim } from './expense-helpers';
import {
  createHarness,
  expectJson,
  expectProblem,
  type Harness,
  openYear,
  rejection,
  requester,
  system,
} from './helpers';

let h: Harness;
let org: Org;
let api: ReturnType<typeof requester>;
let yearId: string;
beforeAll(async () => {
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  yearId = (await openYear(h, 2026)).id;
  org = await seedOrg(h);
  api = requester(h.app);
});
afterAll(() => h?.close());

interface Budget {
  id: string;
  mode: string;
  total: { amount: string };
  months: { month: string; amount: { amount: string } }[];
}
const egp = (amount: string) => ({ amount, currency: 'EGP' });

describe('setting budgets', () => {
  it('an annual amount is spread over twelve months that add up to it exactly', async () => {
    const b = await expectJson<Budget>(
      await api.post('/budgets', org.financeManager.token, {
        fiscalYearId: yearId,
        departmentId: org.sales,
        accountId: h.account('5600'),
        annual: egp('1000.00'),
      }),
    );
    const cents = b.months.map((m) => Math.round(Number(m.amount.amount) * 100));
    expect(cents.reduce((a, c) => a + c, 0)).toBe(100000);
    expect(Math.max(...cents) - Math.min(...cents)).toBeLessThanOrEqual(1);
    expect(b.months[0]?.month).toBe('2026-01');
    expect(b.total.amount).toBe('1000.00');
  });

  it('refuses eleven months, another currency, a non-expense account; needs budgets.manage', async () => {
    const base = { fiscalYearId: yearId, departmentId: org.sales, accountId: h.account('5600') };
    await expectProblem(
      await api.post('/budgets', org.financeManager.token, { ...base, months: Array(11).fill(egp('1')) }),
      422,
    );
    const usd = await expectProblem(
      await api.post('/budgets', org.financeManager.token, { ...base, annual: { amount: '1', currency: 'USD' } }),
      422,
    );
    expect(usd.errors?.[0]?.path).toBe('annual.currency');
    const asset = await expectProblem(
      await api.post('/budgets', org.financeManager.token, { ...base, accountId: h.account('1120'), annual: egp('1') }),
      422,
    );
    expect(asset.errors?.[0]?.path).toBe('accountId');
    await expectProblem(await api.post('/budgets', org.financeStaff.token, { ...base, annual: egp('1') }), 403);
    await expectProblem(await api.post('/budgets', org.manager.token, { ...base, annual: egp('1') }), 403);
  });
});

describe('approvals against budgets', () => {
  let travelBudget: string;
  beforeAll(async () => {
    // Engineering travel: 1000.00 in March, 500.00 a month otherwise.
    const months = Array.from({ length: 12 }, (_, i) => egp(i === 2 ? '1000.00' : '500.00'));
    travelBudget = (
      await expectJson<Budget>(
        await api.post('/budgets', org.financeManager.token, {
          fiscalYearId: yearId,
          departmentId: org.engineering,
          accountId: h.account('5700'),
          mode: 'warn',
          months,
        }),
      )
    ).id;
  });

  it('within budget: approved without warnings', async () => {
    const id = await submittedClaim(h, org.employee, claimOf(org, 'Train', [['travel', '600.00']]));
    const claim = await expectJson<{ warnings: string[] }>(
      await api.post(`/expense-claims/${id}/approve`, org.manager.token, {}),
    );
    expect(claim.warnings).toEqual([]);
  });

  it('warn: over the month, approved with a warning and a budget.exceeded event', async () => {
    const id = await submittedClaim(h, org.employee, claimOf(org, 'Flight', [['travel', '500.00']]));
    const claim = await expectJson<{ status: string; warnings: string[]; budgetNotes: string[] }>(
      await api.post(`/expense-claims/${id}/approve`, org.manager.token, {}),
    );
    expect(claim.status).toBe('approved');
    expect(claim.warnings).toHaveLength(1);
    expect(claim.warnings[0]).toMatch(/2026-03 would be over budget by 100\.00/);
    expect(claim.budgetNotes).toEqual(claim.warnings);
    const events = await h.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, 'finance.budget.exceeded'), eq(outbox.subject, travelBudget)));
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ over: ['month'], mode: 'warn', overridden: false }),
    ]);
  });

  it('stop: over the month is refused (422) and nothing is posted; the claim stays submitted', async () => {
    await expectJson(await api.patch(`/budgets/${travelBudget}`, org.financeManager.token, { mode: 'stop' }));
    const id = await submittedClaim(h, org.employee, claimOf(org, 'Hotel', [['accommodation', '50.00']]));
    const p = await expectProblem(await api.post(`/expense-claims/${id}/approve`, org.manager.token, {}), 422);
    expect(p.detail).toMatch(/budget set to stop/);
    const claim = await expectJson<{ status: string; approvalEntryId: string | null }>(
      await api.get(`/expense-claims/${id}`, org.manager.token),
    );
    expect(claim).toMatchObject({ status: 'submitted', approvalEntryId: null });
  });

  it('a manager cannot override (403); a finance manager overrides with a reason, audited', async () => {
    const id = await submittedClaim(h, org.employee, claimOf(org, 'Taxi', [['transport', '40.00']]));
    await expectProblem(
      await api.post(`/expense-claims/${id}/approve`, org.manager.token, { overrideReason: 'urgent' }),
      403,
    );
    const claim = await expectJson<{ status: string; warnings: string[] }>(
      await api.post(`/expense-claims/${id}/approve`, org.financeManager.token, { overrideReason: 'Client visit' }),
    );
    expect(claim.status).toBe('approved');
    expect(claim.warnings[0]).toMatch(/Overridden: Client visit/);
    const [audit] = await h.db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'budget.overridden'), eq(auditLog.entityId, travelBudget)));
    expect(audit).toMatchObject({ reason: 'Client visit', actorId: org.financeManager.userId });
  });

  it('stop over the year: consumeBudget refuses an amount the month could hold but the year cannot', async () => {
    // A budget of 100.00 in March and nothing else: April's 50.00 fits no month but the year has 100.00 − 0.
    const months = Array.from({ length: 12 }, (_, i) => egp(i === 2 ? '100.00' : '0'));
    await expectJson(
      await api.post('/budgets', org.financeManager.token, {
        fiscalYearId: yearId,
        departmentId: org.engineering,
        accountId: h.account('5500'),
        mode: 'stop',
        months,
      }),
    );
    const take = (amount: bigint, date = '2026-03-20') =>
      consumeBudget(h.ctx, system, {
        department: org.engineering,
        accountId: h.account('5500'),
        date,
        amount,
        source: 'test',
        commitment: true,
      });
    expect((await take(6000n)).outcome).toBe('none');
    const err = (await rejection(take(5000n))) as { status: number; message: string };
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/2026-03 would be over budget by 10\.00.*the year would be over budget by 10\.00/);
    // The open commitment counts in the published view.
    const [march] = await h.db.db
      .select()
      .from(budgetRemaining)
      .where(and(eq(budgetRemaining.accountCode, '5500'), eq(budgetRemaining.month, '2026-03')));
    expect(march).toMatchObject({ budget: 10000n, committed: 6000n, remaining: 4000n });
  });

  it('without a budget nothing is checked', async () => {
    const r = await consumeBudget(h.ctx, system, {
      department: org.sales,
      accountId: h.account('5400'),
      date: '2026-03-01',
      amount: 10n ** 12n,
      source: 'test',
    });
    expect(r).toEqual({ budgetId: null, outcome: 'none', over: [], warnings: [] });
  });
});

describe('budget against actual', () => {
  interface Report {
    asOfMonth: string;
    items: {
      accountCode: string;
      departmentName: string;
      months: { month: string; budget: { amount: string }; actual: { amount: string }; over: boolean }[];
      yearToDate: { budget: { amount: string }; actual: { amount: string }; remaining: { amount: string } };
    }[];
  }
  it('per month and year to date, from the ledger (600 + 500 + 40 posted to Engineering travel in March)', async () => {
    const report = await expectJson<Report>(
      await api.get(`/reports/budget-vs-actual?fiscalYearId=${yearId}`, org.financeStaff.token),
    );
    const travel = report.items.find((i) => i.accountCode === '5700' && i.departmentName === 'Engineering');
    const march = travel?.months.find((m) => m.month === '2026-03');
    expect(march).toMatchObject({ budget: { amount: '1000.00' }, actual: { amount: '1140.00' }, over: true });
    expect(report.asOfMonth).toBe('2026-03');
    expect(travel?.yearToDate).toMatchObject({
      budget: { amount: '2000.00' },
      actual: { amount: '1140.00' },
      remaining: { amount: '860.00' },
    });
  });

  it('as CSV, XLSX and PDF; 422 for an unknown year; a plain employee may not read it', async () => {
    const csv = await api.get(`/reports/budget-vs-actual?fiscalYearId=${yearId}&format=csv`, org.financeStaff.token);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('Department,Account,Mode,Month,Budget,Actual,Committed,Remaining,Over');
    expect(text).toContain('Engineering,5700 Travel,stop,2026-03,1000.00,1140.00,0.00,-140.00,over');
    for (const format of ['xlsx', 'pdf']) {
      const res = await api.get(
        `/reports/budget-vs-actual?fiscalYearId=${yearId}&format=${format}`,
        org.financeStaff.token,
      );
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    await expectProblem(
      await api.get(`/reports/budget-vs-actual?fiscalYearId=${crypto.randomUUID()}`, org.financeStaff.token),
      422,
    );
    await expectProblem(await api.get(`/reports/budget-vs-actual?fiscalYearId=${yearId}`, org.employee.token), 403);
  });
});
