import {
  type Caller,
  conflict,
  executorFor,
  financeEvents,
  forbidden,
  hasPermission,
  inTransaction,
  type ListPage,
  type Money,
  notFound,
  pageOf,
  publishEvent,
  recordAudit,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import {
  accounts,
  employeeDirectory,
  expenseCategories,
  expenseClaimLines,
  expenseClaims,
  expenseReceipts,
  journalLines,
  type Transaction,
} from '@konecta/db';
import { and, asc, desc, eq, inArray, ne, or, type SQL } from 'drizzle-orm';
import { accountByRole } from '../accounts/accounts';
import { consumeBudget } from '../budgets/consume';
import type { FinanceContext } from '../context';
import { postNewEntry } from '../journals/entries';
import { callerEmployee, directoryEntry } from './people';

type Claim = typeof expenseClaims.$inferSelect;
export type ClaimStatus = Claim['status'];

export interface ClaimLineInput {
  date: string;
  categoryId: string;
  amount: Money;
  projectId?: string | null;
  description?: string;
}

export interface ClaimInput {
  title: string;
  lines: ClaimLineInput[];
}

const READ_ALL = 'finance.expenses.read-all';
const employeeOf = (caller: Caller) => (caller.kind === 'user' ? caller.employeeId : undefined);

/**
 * Who may see a claim: its employee; finance (read-all); the employee's manager (read). Others are
 * told it does not exist, so ids cannot be probed.
 */
function canSee(caller: Caller, claim: Claim): boolean {
  const me = employeeOf(caller);
  if (me && claim.employeeId === me) return true;
  if (hasPermission(caller, READ_ALL)) return true;
  return !!me && hasPermission(caller, 'finance.expenses.read') && claim.managerEmployeeId === me;
}

/**
 * Who may decide a submitted claim: never its own employee; finance (approve + read-all) any other;
 * a manager (approve) their reports', checked against HR's directory as it is now.
 */
async function decisionRefusal(ctx: FinanceContext, caller: Caller, claim: Claim): Promise<string | undefined> {
  const me = employeeOf(caller);
  if (me && claim.employeeId === me) return 'Nobody approves or rejects their own expense claim.';
  if (!hasPermission(caller, 'finance.expenses.approve'))
    return 'This needs the permission "finance.expenses.approve".';
  if (hasPermission(caller, READ_ALL)) return undefined;
  const employee = await directoryEntry(ctx, claim.employeeId);
  if (me && employee?.managerId === me) return undefined;
  return "Only the employee's manager or finance may decide this claim.";
}

async function loadCategories(ctx: FinanceContext, lines: ClaimLineInput[]) {
  const ids = [...new Set(lines.map((l) => l.categoryId))];
  const rows = ids.length
    ? await executorFor(ctx.db)
        .select()
        .from(expenseCategories)
        .where(and(inArray(expenseCategories.id, ids), eq(expenseCategories.active, true)))
    : [];
  const found = new Set(rows.map((r) => r.id));
  lines.forEach((l, i) => {
    if (!found.has(l.categoryId))
      throw unprocessable('No such expense category.', [
        { path: `lines.${i}.categoryId`, message: 'No such category.' },
      ]);
  });
}

/** All lines in one currency (the claim's), dates not in the future. */
function checkLines(ctx: FinanceContext, input: ClaimInput): string {
  const currency = input.lines[0]?.amount.currency;
  if (!currency) throw unprocessable('A claim needs at least one line.', [{ path: 'lines', message: 'Add a line.' }]);
  const today = ctx.calendar.today();
  input.lines.forEach((l, i) => {
    if (l.amount.currency !== currency)
      throw unprocessable('All lines of a claim are in one currency.', [
        { path: `lines.${i}.amount.currency`, message: `Use ${currency}, like the first line, or make another claim.` },
      ]);
    if (l.date > today)
      throw unprocessable('An expense cannot be in the future.', [
        { path: `lines.${i}.date`, message: 'Not after today.' },
      ]);
  });
  return currency;
}

async function writeLines(ctx: FinanceContext, claimId: string, lines: ClaimLineInput[]) {
  const tx = executorFor(ctx.db);
  await tx.delete(expenseClaimLines).where(eq(expenseClaimLines.claimId, claimId));
  await tx.insert(expenseClaimLines).values(
    lines.map((l, i) => ({
      claimId,
      lineNo: i + 1,
      date: l.date,
      categoryId: l.categoryId,
      amount: l.amount.minor,
      projectId: l.projectId ?? null,
      description: l.description ?? '',
    })),
  );
}

/** A draft claim of the caller's own (the employee is always the caller). */
export async function createClaim(ctx: FinanceContext, caller: Caller, input: ClaimInput) {
  const me = await callerEmployee(ctx, caller);
  const currency = checkLines(ctx, input);
  await loadCategories(ctx, input.lines);
  const id = await inTransaction(ctx.db, async (tx) => {
    const [claim] = await tx
      .insert(expenseClaims)
      .values({
        employeeId: me.id,
        employeeName: me.fullName,
        userId: me.userId,
        departmentId: me.departmentId,
        departmentName: me.departmentName,
        costCentre: me.costCentre,
        managerEmployeeId: me.managerId,
        title: input.title,
        currency,
      })
      .returning();
    if (!claim) throw new Error('claim not inserted');
    await writeLines(ctx, claim.id, input.lines);
    await recordAudit(tx, {
      action: 'expense-claim.created',
      entityType: 'expense_claim',
      entityId: claim.id,
      after: { title: claim.title, currency },
      actor: caller,
      service: 'finance',
    });
    return claim.id;
  });
  return getClaim(ctx, caller, id);
}

/** Locks a claim of the caller's own that is still a draft. */
async function ownDraft(ctx: FinanceContext, caller: Caller, id: string): Promise<Claim> {
  const [claim] = await executorFor(ctx.db).select().from(expenseClaims).where(eq(expenseClaims.id, id)).for('update');
  if (!claim || !canSee(caller, claim)) throw notFound('No such expense claim.');
  if (claim.employeeId !== employeeOf(caller)) throw forbidden('Only the employee who claims may change the claim.');
  if (claim.status !== 'draft') throw conflict(`The claim is ${claim.status}; only a draft can change.`);
  return claim;
}

export async function updateClaim(ctx: FinanceContext, caller: Caller, id: string, input: ClaimInput) {
  const currency = checkLines(ctx, input);
  await loadCategories(ctx, input.lines);
  await inTransaction(ctx.db, async (tx) => {
    await ownDraft(ctx, caller, id);
    await tx
      .update(expenseClaims)
      .set({ title: input.title, currency, updatedAt: ctx.now() })
      .where(eq(expenseClaims.id, id));
    // Receipts of a line go with it; the claim's own receipts stay.
    await writeLines(ctx, id, input.lines);
  });
  return getClaim(ctx, caller, id);
}

export async function deleteClaim(ctx: FinanceContext, caller: Caller, id: string) {
  const keys = await inTransaction(ctx.db, async (tx) => {
    await ownDraft(ctx, caller, id);
    const receipts = await tx.select().from(expenseReceipts).where(eq(expenseReceipts.claimId, id));
    await tx.delete(expenseClaims).where(eq(expenseClaims.id, id));
    await recordAudit(tx, {
      action: 'expense-claim.deleted',
      entityType: 'expense_claim',
      entityId: id,
      actor: caller,
      service: 'finance',
    });
    return receipts.map((r) => r.fileKey);
  });
  for (const key of keys) await ctx.files.delete(key);
}

/** Submits a draft: its employee, department and manager are read again from HR's directory. */
export async function submitClaim(ctx: FinanceContext, caller: Caller, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const claim = await ownDraft(ctx, caller, id);
    const me = await callerEmployee(ctx, caller);
    const lines = await tx.select().from(expenseClaimLines).where(eq(expenseClaimLines.claimId, id));
    if (!lines.length)
      throw unprocessable('A claim needs at least one line.', [{ path: 'lines', message: 'Add a line.' }]);
    const [row] = await tx
      .update(expenseClaims)
      .set({
        status: 'submitted',
        submittedAt: ctx.now(),
        employeeName: me.fullName,
        departmentId: me.departmentId,
        departmentName: me.departmentName,
        costCentre: me.costCentre,
        managerEmployeeId: me.managerId,
        updatedAt: ctx.now(),
      })
      .where(eq(expenseClaims.id, id))
      .returning();
    if (!row) throw notFound('No such expense claim.');
    await recordAudit(tx, {
      action: 'expense-claim.submitted',
      entityType: 'expense_claim',
      entityId: id,
      before: { status: claim.status },
      after: { status: 'submitted' },
      actor: caller,
      service: 'finance',
    });
    await publishEvent(tx, financeEvents.expenseSubmitted, {
      subject: id,
      data: {
        claimId: id,
        employeeId: row.employeeId,
        employeeName: row.employeeName,
        title: row.title,
        total: toMoneyJson({ minor: row.total, currency: row.currency }),
        approverEmployeeId: row.managerEmployeeId,
      },
    });
  });
  return getClaim(ctx, caller, id);
}

/** Locks a submitted claim the caller may decide. */
async function toDecide(ctx: FinanceContext, caller: Caller, id: string): Promise<Claim> {
  const [claim] = await executorFor(ctx.db).select().from(expenseClaims).where(eq(expenseClaims.id, id)).for('update');
  if (!claim || !(canSee(caller, claim) || hasPermission(caller, 'finance.expenses.approve')))
    throw notFound('No such expense claim.');
  const refusal = await decisionRefusal(ctx, caller, claim);
  if (refusal) throw forbidden(refusal);
  if (claim.status !== 'submitted') throw conflict(`The claim is ${claim.status}; only a submitted claim is decided.`);
  return claim;
}

async function decider(ctx: FinanceContext, caller: Caller) {
  const me = employeeOf(caller);
  const entry = me ? await directoryEntry(ctx, me) : undefined;
  return { employeeId: entry?.id ?? null, name: entry?.fullName ?? (caller.kind === 'user' ? caller.name : null) };
}

/** Writes a decision on a locked submitted claim: who decided and when, its audit entry and its event. */
async function recordDecision(
  tx: Transaction,
  ctx: FinanceContext,
  caller: Caller,
  claim: Claim,
  input: {
    decision: 'approved' | 'rejected';
    reason?: string;
    fields: Partial<typeof expenseClaims.$inferInsert>;
    audit?: Record<string, unknown>;
  },
) {
  const who = await decider(ctx, caller);
  await tx
    .update(expenseClaims)
    .set({
      ...input.fields,
      status: input.decision,
      decidedBy: caller.id,
      decidedByEmployeeId: who.employeeId,
      decidedByName: who.name ?? null,
      decidedAt: ctx.now(),
      updatedAt: ctx.now(),
    })
    .where(eq(expenseClaims.id, claim.id));
  await recordAudit(tx, {
    action: `expense-claim.${input.decision}`,
    entityType: 'expense_claim',
    entityId: claim.id,
    before: { status: 'submitted' },
    after: { status: input.decision, ...input.audit },
    ...(input.reason ? { reason: input.reason } : {}),
    actor: caller,
    service: 'finance',
  });
  await publishEvent(tx, financeEvents.expenseDecided, {
    subject: claim.id,
    data: {
      claimId: claim.id,
      employeeId: claim.employeeId,
      title: claim.title,
      total: toMoneyJson({ minor: claim.total, currency: claim.currency }),
      decision: input.decision,
      reason: input.reason ?? null,
      deciderEmployeeId: who.employeeId,
    },
  });
}

/**
 * Approves a submitted claim: posts its expense (Dr each category's expense account with the
 * department's cost centre, Cr employee payables) dated today, and takes each account's base amount
 * from the department's budget in the same transaction (a `stop` budget refuses it unless
 * `overrideReason` is given by a finance manager). The approver is the caller.
 */
export async function approveClaim(
  ctx: FinanceContext,
  caller: Caller,
  id: string,
  options: { overrideReason?: string } = {},
) {
  const warnings = await inTransaction(ctx.db, async (tx) => {
    const claim = await toDecide(ctx, caller, id);
    if (!claim.departmentId || !claim.costCentre)
      throw unprocessable("The employee has no department in HR's directory; their expense cannot be posted.");
    const lines = await tx
      .select({ line: expenseClaimLines, accountId: expenseCategories.accountId, category: expenseCategories.name })
      .from(expenseClaimLines)
      .innerJoin(expenseCategories, eq(expenseCategories.id, expenseClaimLines.categoryId))
      .where(eq(expenseClaimLines.claimId, id))
      .orderBy(asc(expenseClaimLines.lineNo));
    const payables = await accountByRole(ctx, 'employee_payables');
    const date = ctx.calendar.today();
    const entry = await postNewEntry(ctx, caller, {
      date,
      memo: `Expense claim: ${claim.title} (${claim.employeeName})`,
      currency: claim.currency,
      source: 'expense',
      sourceRef: id,
      lines: [
        ...lines.map(({ line, accountId, category }) => ({
          accountId,
          debit: line.amount,
          credit: 0n,
          description: `${category}: ${line.description}`.slice(0, 500),
          costCentre: claim.costCentre,
          projectId: line.projectId,
        })),
        {
          accountId: payables.id,
          debit: 0n,
          credit: claim.total,
          description: claim.employeeName,
          partyId: claim.employeeId,
        },
      ],
    });
    // What each expense account took in the base currency, as posted.
    const posted = await tx
      .select({ accountId: journalLines.accountId, debit: journalLines.debit })
      .from(journalLines)
      .where(and(eq(journalLines.entryId, entry.id)));
    const byAccount = new Map<string, bigint>();
    for (const l of posted) if (l.debit > 0n) byAccount.set(l.accountId, (byAccount.get(l.accountId) ?? 0n) + l.debit);
    const notes: string[] = [];
    // Budgets are locked in one order (by account) so that approvals never deadlock.
    for (const accountId of [...byAccount.keys()].sort()) {
      const result = await consumeBudget(ctx, caller, {
        department: claim.departmentId,
        accountId,
        date,
        amount: byAccount.get(accountId) ?? 0n,
        source: `expense-claim:${id}`,
        inLedger: true,
        overrideReason: options.overrideReason,
      });
      if (result.outcome === 'overridden')
        notes.push(...result.warnings.map((w) => `${w} Overridden: ${options.overrideReason?.trim()}`));
      else notes.push(...result.warnings);
    }
    await recordDecision(tx, ctx, caller, claim, {
      decision: 'approved',
      fields: { approvalEntryId: entry.id, budgetNotes: notes.length ? notes : null },
      audit: { entry: entry.number, budget: notes },
    });
    return notes;
  });
  return { ...(await getClaim(ctx, caller, id)), warnings };
}

export async function rejectClaim(ctx: FinanceContext, caller: Caller, id: string, reason: string) {
  const text = reason.trim();
  if (!text) throw unprocessable('Give the reason for rejecting.', [{ path: 'reason', message: 'Required.' }]);
  await inTransaction(ctx.db, async (tx) => {
    const claim = await toDecide(ctx, caller, id);
    await recordDecision(tx, ctx, caller, claim, {
      decision: 'rejected',
      reason: text,
      fields: { rejectReason: text },
    });
  });
  return getClaim(ctx, caller, id);
}

/**
 * Pays an approved claim back: posts Dr employee payables, Cr the bank or cash account it is paid
 * from, in the claim's currency, dated `date` (today unless given).
 */
export async function reimburseClaim(
  ctx: FinanceContext,
  caller: Caller,
  id: string,
  input: { paidFromAccountId?: string; date?: string } = {},
) {
  await inTransaction(ctx.db, async (tx) => {
    const [claim] = await tx.select().from(expenseClaims).where(eq(expenseClaims.id, id)).for('update');
    if (!claim) throw notFound('No such expense claim.');
    if (claim.status !== 'approved')
      throw conflict(`The claim is ${claim.status}; only an approved claim is reimbursed.`);
    const from = input.paidFromAccountId
      ? (await tx.select().from(accounts).where(eq(accounts.id, input.paidFromAccountId)))[0]
      : await accountByRole(ctx, 'bank');
    if (!from?.cash || from.isGroup || !from.active)
      throw unprocessable('Pay from a bank or cash account.', [
        { path: 'paidFromAccountId', message: 'Choose an active bank or cash account.' },
      ]);
    const payables = await accountByRole(ctx, 'employee_payables');
    const entry = await postNewEntry(ctx, caller, {
      date: input.date ?? ctx.calendar.today(),
      memo: `Reimbursement: ${claim.title} (${claim.employeeName})`,
      currency: claim.currency,
      source: 'payment',
      sourceRef: id,
      lines: [
        {
          accountId: payables.id,
          debit: claim.total,
          credit: 0n,
          description: claim.employeeName,
          partyId: claim.employeeId,
        },
        { accountId: from.id, debit: 0n, credit: claim.total, description: claim.title.slice(0, 500) },
      ],
    });
    await tx
      .update(expenseClaims)
      .set({
        status: 'reimbursed',
        reimbursementEntryId: entry.id,
        reimbursedBy: caller.id,
        reimbursedAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .where(eq(expenseClaims.id, id));
    await recordAudit(tx, {
      action: 'expense-claim.reimbursed',
      entityType: 'expense_claim',
      entityId: id,
      before: { status: 'approved' },
      after: { status: 'reimbursed', entry: entry.number },
      actor: caller,
      service: 'finance',
    });
  });
  return getClaim(ctx, caller, id);
}

function claimSummary(c: Claim) {
  return {
    id: c.id,
    employeeId: c.employeeId,
    employeeName: c.employeeName,
    departmentId: c.departmentId,
    departmentName: c.departmentName,
    title: c.title,
    total: toMoneyJson({ minor: c.total, currency: c.currency }),
    status: c.status,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    decidedByName: c.decidedByName,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    rejectReason: c.rejectReason,
    reimbursedAt: c.reimbursedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

/** A claim with its lines and receipts, if the caller may see it; `canDecide` says whether they may decide it now. */
export async function getClaim(ctx: FinanceContext, caller: Caller, id: string) {
  const db = executorFor(ctx.db);
  const [claim] = await db.select().from(expenseClaims).where(eq(expenseClaims.id, id));
  if (!claim || !canSee(caller, claim)) throw notFound('No such expense claim.');
  const lines = await db
    .select({
      line: expenseClaimLines,
      categoryName: expenseCategories.name,
      accountCode: accounts.code,
    })
    .from(expenseClaimLines)
    .innerJoin(expenseCategories, eq(expenseCategories.id, expenseClaimLines.categoryId))
    .innerJoin(accounts, eq(accounts.id, expenseCategories.accountId))
    .where(eq(expenseClaimLines.claimId, id))
    .orderBy(asc(expenseClaimLines.lineNo));
  const receipts = await db
    .select()
    .from(expenseReceipts)
    .where(eq(expenseReceipts.claimId, id))
    .orderBy(asc(expenseReceipts.createdAt));
  const canDecide = claim.status === 'submitted' && !(await decisionRefusal(ctx, caller, claim));
  return {
    ...claimSummary(claim),
    currency: claim.currency,
    budgetNotes: claim.budgetNotes ?? [],
    approvalEntryId: claim.approvalEntryId,
    reimbursementEntryId: claim.reimbursementEntryId,
    canDecide,
    lines: lines.map(({ line, categoryName, accountCode }) => ({
      id: line.id,
      lineNo: line.lineNo,
      date: line.date,
      categoryId: line.categoryId,
      categoryName,
      accountCode,
      amount: toMoneyJson({ minor: line.amount, currency: claim.currency }),
      projectId: line.projectId,
      description: line.description,
    })),
    receipts: receipts.map((r) => ({
      id: r.id,
      lineId: r.lineId,
      fileName: r.fileName,
      contentType: r.contentType,
      size: r.size,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

export interface ClaimFilter extends ListPage {
  /** `mine`: the caller's own; `team`: their reports' (managers); `all`: everyone's (finance); default: all they may see. */
  scope?: 'mine' | 'team' | 'all';
  status?: ClaimStatus;
  employeeId?: string;
  departmentId?: string;
}

/** Claims the caller may see (own; reports' for managers; all for finance), newest first. */
export async function listClaims(ctx: FinanceContext, caller: Caller, filter: ClaimFilter) {
  const me = employeeOf(caller) ?? null;
  const own = me ? eq(expenseClaims.employeeId, me) : undefined;
  const team =
    me && hasPermission(caller, 'finance.expenses.read') ? eq(expenseClaims.managerEmployeeId, me) : undefined;
  const all = hasPermission(caller, READ_ALL);
  const nothing = () => pageOf([], 0, filter);
  let visible: SQL | undefined;
  if (filter.scope === 'mine') {
    if (!own) return nothing();
    visible = own;
  } else if (filter.scope === 'team') {
    if (!me || !(team || all)) return nothing();
    visible = eq(expenseClaims.managerEmployeeId, me);
  } else if (!all) {
    visible = or(own, team);
    if (!visible) return nothing();
  }
  const where = and(
    visible,
    filter.status ? eq(expenseClaims.status, filter.status) : undefined,
    filter.employeeId ? eq(expenseClaims.employeeId, filter.employeeId) : undefined,
    filter.departmentId ? eq(expenseClaims.departmentId, filter.departmentId) : undefined,
  );
  const db = executorFor(ctx.db);
  const rows = await db
    .select()
    .from(expenseClaims)
    .where(where)
    .orderBy(desc(expenseClaims.createdAt), desc(expenseClaims.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const total = await db.$count(expenseClaims, where);
  return pageOf(rows.map(claimSummary), total, filter);
}

/** The claims waiting for the caller's decision: their reports' (managers), or every submitted one but their own (finance). */
export async function claimsToDecide(ctx: FinanceContext, caller: Caller, page: ListPage) {
  const me = employeeOf(caller) ?? null;
  const all = hasPermission(caller, READ_ALL);
  if (!hasPermission(caller, 'finance.expenses.approve') || (!all && !me)) return pageOf([], 0, page);
  const db = executorFor(ctx.db);
  const reports =
    all || !me
      ? undefined
      : inArray(
          expenseClaims.employeeId,
          db.select({ id: employeeDirectory.id }).from(employeeDirectory).where(eq(employeeDirectory.managerId, me)),
        );
  const where = and(eq(expenseClaims.status, 'submitted'), reports, me ? ne(expenseClaims.employeeId, me) : undefined);
  const rows = await db
    .select()
    .from(expenseClaims)
    .where(where)
    .orderBy(asc(expenseClaims.submittedAt), asc(expenseClaims.id))
    .limit(page.limit)
    .offset(page.offset);
  return pageOf(rows.map(claimSummary), await db.$count(expenseClaims, where), page);
}
