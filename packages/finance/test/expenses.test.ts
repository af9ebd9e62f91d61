/**
 * Expense claims through the API on a real database: lines and receipts, the approval rules (the
 * approver is the caller, the employee's manager or finance, never oneself), posting per
 * department, reimbursement, record scope, and the monthly department expense import.
 */

import { defaultRoles } from '@konecta/core';
import { auditLog, expenseClaims, journalEntries, journalLines, outbox } from '@konecta/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimOf, hireAs, type Org, seedOrg, submittedClaim, TINY_PNG, upload } from './expense-helpers';
import { createHarness, expectJson, expectProblem, type Harness, openYear, requester, roleNames } from './helpers';

let h: Harness;
let org: Org;
let api: ReturnType<typeof requester>;
beforeAll(async () => {
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  await openYear(h, 2026);
  org = await seedOrg(h);
  api = requester(h.app);
});
afterAll(() => h?.close());

interface Claim {
  id: string;
  status: string;
  employeeId: string;
  total: { amount: string; currency: string };
  lines: { id: string }[];
  receipts: { id: string; contentType: string }[];
  canDecide: boolean;
  approvalEntryId: string | null;
  warnings?: string[];
}

const linesOf = (entryId: string) =>
  h.db.db
    .select({
      accountId: journalLines.accountId,
      debit: journalLines.debit,
      credit: journalLines.credit,
      cc: journalLines.costCentre,
    })
    .from(journalLines)
    .where(eq(journalLines.entryId, entryId));

describe('a claim and its receipt', () => {
  let id: string;
  it('an employee drafts a claim of their own; the total is the sum of the lines', async () => {
    const body = claimOf(org, 'Client visit', [
      ['travel', '1200.50'],
      ['meals', '99.25'],
    ]);
    const claim = await expectJson<Claim>(await api.post('/expense-claims', org.employee.token, body), 201);
    expect(claim).toMatchObject({ status: 'draft', employeeId: org.employee.employeeId });
    expect(claim.total).toEqual({ amount: '1299.75', currency: 'EGP' });
    id = claim.id;
  });

  it('a field for the employee is refused: the employee is always the caller', async () => {
    const body = { ...claimOf(org, 'x', [['travel', '1']]), employeeId: org.other.employeeId };
    const p = await expectProblem(await api.post('/expense-claims', org.employee.token, body), 422);
    expect(p.errors?.[0]?.message).toMatch(/employeeId/);
  });

  it('refuses lines in two currencies, a future date, an unknown category, a zero amount', async () => {
    const mixed = claimOf(org, 'x', [
      ['travel', '1'],
      ['meals', '2'],
    ]);
    (mixed.lines[1] as { amount: { currency: string } }).amount.currency = 'USD';
    const p1 = await expectProblem(await api.post('/expense-claims', org.employee.token, mixed), 422);
    expect(p1.errors?.[0]?.path).toBe('lines.1.amount.currency');
    const future = claimOf(org, 'x', [['travel', '1', '2026-04-01']]);
    const p2 = await expectProblem(await api.post('/expense-claims', org.employee.token, future), 422);
    expect(p2.errors?.[0]?.path).toBe('lines.0.date');
    const unknown = claimOf(org, 'x', [['travel', '1']]);
    (unknown.lines[0] as { categoryId: string }).categoryId = crypto.randomUUID();
    await expectProblem(await api.post('/expense-claims', org.employee.token, unknown), 422);
    const zero = claimOf(org, 'x', [['travel', '0']]);
    const p3 = await expectProblem(await api.post('/expense-claims', org.employee.token, zero), 422);
    expect(p3.errors?.[0]?.path).toBe('lines.0.amount.amount');
  });

  it('a PNG receipt is stored; a text file named .png is refused (422), type judged by the content', async () => {
    const claim = await expectJson<Claim>(
      await upload(h, `/expense-claims/${id}/receipts`, org.employee.token, TINY_PNG, 'photo.png'),
      201,
    );
    expect(claim.receipts).toHaveLength(1);
    expect(claim.receipts[0]?.contentType).toBe('image/png');
    const fake = new TextEncoder().encode('not really a png');
    const p = await expectProblem(
      await upload(h, `/expense-claims/${id}/receipts`, org.employee.token, fake, 'fake.png'),
      422,
    );
    expect(p.errors?.[0]?.path).toBe('file');
  });

  it('a receipt over 5 MB is refused with 413', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 10);
    big.set(TINY_PNG.slice(0, 8));
    await expectProblem(await upload(h, `/expense-claims/${id}/receipts`, org.employee.token, big, 'big.png'), 413);
  });

  it('someone else cannot attach a receipt to the claim, nor see it', async () => {
    await expectProblem(await upload(h, `/expense-claims/${id}/receipts`, org.other.token, TINY_PNG, 'x.png'), 404);
    await expectProblem(await api.get(`/expense-claims/${id}`, org.other.token), 404);
  });

  it('submits: the manager is told (event), lines can no longer change (API and database)', async () => {
    await expectJson(await api.post(`/expense-claims/${id}/submit`, org.employee.token));
    const [event] = await h.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, 'finance.expense.submitted'), eq(outbox.subject, id)));
    expect(event?.data).toMatchObject({ approverEmployeeId: org.manager.employeeId, total: { amount: '1299.75' } });
    const res = await h.app.request(`/api/finance/expense-claims/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${org.employee.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(claimOf(org, 'changed', [['travel', '1']])),
    });
    await expectProblem(res, 409);
    await expect(h.db.db.update(expenseClaims).set({ total: 1n }).where(eq(expenseClaims.id, id))).rejects.toThrow();
  });

  it('the manager sees it and its receipt; a manager of another department does not', async () => {
    const seen = await expectJson<Claim>(await api.get(`/expense-claims/${id}`, org.manager.token));
    expect(seen.canDecide).toBe(true);
    const receipt = seen.receipts[0]?.id;
    const file = await api.get(`/expense-claims/${id}/receipts/${receipt}`, org.manager.token);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(TINY_PNG);
    await expectProblem(await api.get(`/expense-claims/${id}`, org.otherManager.token), 404);
    await expectProblem(await api.get(`/expense-claims/${id}/receipts/${receipt}`, org.otherManager.token), 404);
    await expectProblem(await api.get(`/expense-claims/${id}/receipts/${receipt}`, org.other.token), 404);
    // Finance (read-all) downloads it too.
    expect((await api.get(`/expense-claims/${id}/receipts/${receipt}`, org.financeStaff.token)).status).toBe(200);
  });

  it('a manager of another department may not approve (403); the employee may not approve their own (403)', async () => {
    const p = await expectProblem(await api.post(`/expense-claims/${id}/approve`, org.otherManager.token, {}), 403);
    expect(p.detail).toMatch(/manager or finance/);
    await expectProblem(await api.post(`/expense-claims/${id}/approve`, org.employee.token, {}), 403);
  });

  it('the manager approves: expense posted per department (Dr 5700/5750 CC-300, Cr 2175), decider is the caller', async () => {
    const claim = await expectJson<Claim>(await api.post(`/expense-claims/${id}/approve`, org.manager.token, {}));
    expect(claim.status).toBe('approved');
    const lines = await linesOf(claim.approvalEntryId as string);
    expect(lines).toEqual(
      expect.arrayContaining([
        { accountId: h.account('5700'), debit: 120050n, credit: 0n, cc: 'CC-300' },
        { accountId: h.account('5750'), debit: 9925n, credit: 0n, cc: 'CC-300' },
        { accountId: h.account('2175'), debit: 0n, credit: 129975n, cc: null },
      ]),
    );
    const [row] = await h.db.db.select().from(expenseClaims).where(eq(expenseClaims.id, id));
    expect(row?.decidedByEmployeeId).toBe(org.manager.employeeId);
    expect(row?.decidedBy).toBe(org.manager.userId);
    const [event] = await h.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, 'finance.expense.decided'), eq(outbox.subject, id)));
    expect(event?.data).toMatchObject({ decision: 'approved', employeeId: org.employee.employeeId });
  });

  it('cannot be approved twice (409)', async () => {
    await expectProblem(await api.post(`/expense-claims/${id}/approve`, org.manager.token, {}), 409);
  });

  it('finance reimburses it: Dr 2175, Cr the bank; a second time is 409; an employee may not', async () => {
    await expectProblem(await api.post(`/expense-claims/${id}/reimburse`, org.employee.token, {}), 403);
    const claim = await expectJson<Claim & { reimbursementEntryId: string }>(
      await api.post(`/expense-claims/${id}/reimburse`, org.financeStaff.token, {}),
    );
    expect(claim.status).toBe('reimbursed');
    expect(await linesOf(claim.reimbursementEntryId)).toEqual(
      expect.arrayContaining([
        { accountId: h.account('2175'), debit: 129975n, credit: 0n, cc: null },
        { accountId: h.account('1120'), debit: 0n, credit: 129975n, cc: null },
      ]),
    );
    await expectProblem(await api.post(`/expense-claims/${id}/reimburse`, org.financeStaff.token, {}), 409);
  });
});

describe('rejecting', () => {
  it('needs a reason; finance may reject anyone’s but their own', async () => {
    const id = await submittedClaim(h, org.other, claimOf(org, 'Taxi', [['transport', '150']]));
    await expectProblem(await api.post(`/expense-claims/${id}/reject`, org.financeManager.token, { reason: ' ' }), 422);
    const claim = await expectJson<Claim & { rejectReason: string }>(
      await api.post(`/expense-claims/${id}/reject`, org.financeManager.token, { reason: 'No receipt' }),
    );
    expect(claim).toMatchObject({ status: 'rejected', rejectReason: 'No receipt' });
    const [audit] = await h.db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'expense-claim.rejected')));
    expect(audit?.reason).toBe('No receipt');
    await expectProblem(await api.post(`/expense-claims/${id}/approve`, org.financeManager.token, {}), 409);
  });

  it("a finance manager cannot approve their own claim, though they may approve others'", async () => {
    const id = await submittedClaim(h, org.financeManager, claimOf(org, 'Own', [['meals', '50']]));
    const p = await expectProblem(await api.post(`/expense-claims/${id}/approve`, org.financeManager.token, {}), 403);
    expect(p.detail).toMatch(/own/);
  });

  it('the database refuses a decider who is the claimant, whatever the code does', async () => {
    const id = await submittedClaim(h, org.other, claimOf(org, 'Raw', [['meals', '5']]));
    await expect(
      h.db.db
        .update(expenseClaims)
        .set({ status: 'rejected', rejectReason: 'x', decidedByEmployeeId: org.other.employeeId })
        .where(eq(expenseClaims.id, id)),
    ).rejects.toThrow();
    await expect(
      h.db.db.update(expenseClaims).set({ status: 'reimbursed' }).where(eq(expenseClaims.id, id)),
    ).rejects.toThrow();
  });
});

describe('record scope of lists', () => {
  it("employees list their own; managers their reports'; finance everyone's", async () => {
    const ids = async (token: string, q = '') =>
      (await expectJson<{ items: { employeeId: string }[] }>(await api.get(`/expense-claims${q}`, token))).items.map(
        (c) => c.employeeId,
      );
    expect(new Set(await ids(org.employee.token))).toEqual(new Set([org.employee.employeeId]));
    expect(new Set(await ids(org.other.token))).toEqual(new Set([org.other.employeeId]));
    expect(new Set(await ids(org.manager.token))).toEqual(new Set([org.employee.employeeId]));
    expect(new Set(await ids(org.otherManager.token))).toEqual(new Set([org.other.employeeId]));
    expect(new Set(await ids(org.financeStaff.token))).toEqual(
      new Set([org.employee.employeeId, org.other.employeeId, org.financeManager.employeeId]),
    );
    // ?scope=mine narrows finance to their own (none).
    expect(await ids(org.financeStaff.token, '?scope=mine')).toEqual([]);
  });

  it("the approvals inbox: a manager's reports' submitted claims; finance all but their own", async () => {
    const id = await submittedClaim(h, org.employee, claimOf(org, 'Inbox', [['office-supplies', '20']]));
    const inbox = async (token: string) =>
      (
        await expectJson<{ items: { id: string; employeeId: string }[] }>(
          await api.get('/expense-claims/to-decide', token),
        )
      ).items;
    expect((await inbox(org.manager.token)).map((c) => c.id)).toContain(id);
    expect((await inbox(org.otherManager.token)).map((c) => c.id)).not.toContain(id);
    const finance = await inbox(org.financeManager.token);
    expect(finance.map((c) => c.id)).toContain(id);
    expect(finance.every((c) => c.employeeId !== org.financeManager.employeeId)).toBe(true);
    await expectProblem(await api.get('/expense-claims/to-decide', org.employee.token), 403);
  });
});

describe('monthly department expense import', () => {
  const csv = (rows: string[]) => new TextEncoder().encode(['Department,Category,Month,Amount', ...rows].join('\n'));
  const run = (rows: string[], dryRun = false) =>
    upload(h, `/expense-imports${dryRun ? '?dryRun=true' : ''}`, org.financeStaff.token, csv(rows), 'expenses.csv');
  interface Report {
    inserted: number;
    updated: number;
    skipped: number;
    rejected: number;
    rows: { row: number; status: string; errors?: { path: string }[] }[];
  }
  const imported = () =>
    h.db.db.select().from(journalEntries).where(eq(journalEntries.memo, 'Engineering: Travel 2026-02 (imported)'));

  it('a dry run reports and writes nothing', async () => {
    const report = await expectJson<Report>(await run(['Engineering,travel,2026-02,500.00'], true));
    expect(report).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await imported()).toHaveLength(0);
  });

  it('inserts, rejects bad rows with their field, and is idempotent on department + category + month', async () => {
    const first = await expectJson<Report>(
      await run([
        'Engineering,travel,2026-02,500.00',
        'CC-400,Meals,2026-02,120',
        'Nowhere,travel,2026-02,1',
        'Engineering,travel,2026-13,1',
        'Engineering,travel,2026-01,-5',
      ]),
    );
    expect(first).toMatchObject({ inserted: 2, updated: 0, skipped: 0, rejected: 3 });
    expect(first.rows.map((r) => r.errors?.[0]?.path ?? r.status)).toEqual([
      'inserted',
      'inserted',
      'department',
      'month',
      'amount',
    ]);
    const again = await expectJson<Report>(
      await run(['Engineering,travel,2026-02,500.00', 'CC-400,Meals,2026-02,130']),
    );
    expect(again).toMatchObject({ inserted: 0, updated: 1, skipped: 1, rejected: 0 });
    const entries = await imported();
    expect(entries).toHaveLength(1);
    // The Sales meals line: posted 120, reversed, posted 130: the ledger holds 130 on CC-400.
    const lines = await h.db.db
      .select({ debit: journalLines.debit, credit: journalLines.credit })
      .from(journalLines)
      .where(and(eq(journalLines.accountId, h.account('5750')), eq(journalLines.costCentre, 'CC-400')));
    expect(lines.reduce((s, l) => s + l.debit - l.credit, 0n)).toBe(13000n);
  });

  it('needs the import permission; refuses a file that is not CSV or XLSX (415)', async () => {
    await expectProblem(
      await upload(h, '/expense-imports', org.employee.token, csv(['Engineering,travel,2026-02,1']), 'x.csv'),
      403,
    );
    await expectProblem(await upload(h, '/expense-imports', org.financeStaff.token, TINY_PNG, 'x.png'), 415);
  });
});

/**
 * Every default role, held by someone in Sales who is nobody's manager here, against Nour's claim
 * (Engineering, managed by Tarek): what the role's permissions allow, and record scope on top.
 */
describe('role × operation with record scope (from defaultRoles)', () => {
  const has = (role: string, p: string) => ((defaultRoles[role]?.permissions ?? []) as readonly string[]).includes(p);
  it.each(roleNames)('%s', async (role) => {
    const person = await hireAs(h, role.replace(/\W/g, ''), org.sales, role);
    const claimId = await submittedClaim(h, org.employee, claimOf(org, `For ${role}`, [['meals', '10']]));
    // Everyone claims for themself.
    expect((await api.post('/expense-claims', person.token, claimOf(org, 'Own', [['meals', '1']]))).status).toBe(201);
    // Reading someone else's claim: finance (read-all) only; others are told it does not exist.
    const read = await api.get(`/expense-claims/${claimId}`, person.token);
    expect(read.status, 'read').toBe(has(role, 'finance.expenses.read-all') ? 200 : 404);
    // Deciding it: finance approvers only (a manager is not this employee's manager).
    const approve = await api.post(`/expense-claims/${claimId}/approve`, person.token, {});
    const approver = has(role, 'finance.expenses.approve') && has(role, 'finance.expenses.read-all');
    expect(approve.status, 'approve').toBe(approver ? 200 : 403);
    const reimburse = await api.post(`/expense-claims/${claimId}/reimburse`, person.token, {});
    expect(reimburse.status, 'reimburse').toBe(!has(role, 'finance.payments.manage') ? 403 : approver ? 200 : 409);
    const budgets = await api.get('/budgets', person.token);
    expect(budgets.status, 'budgets').toBe(has(role, 'finance.budgets.read') ? 200 : 403);
    const imports = await upload(
      h,
      '/expense-imports?dryRun=true',
      person.token,
      new TextEncoder().encode('Department,Category,Month,Amount\n'),
      'x.csv',
    );
    expect(imports.status, 'import').toBe(has(role, 'finance.expenses.import') ? 200 : 403);
  });
});
