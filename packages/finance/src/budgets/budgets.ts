import {
  allocateMoney,
  executorFor,
  inTransaction,
  type Money,
  notFound,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { accounts, budgetMonths, budgetRemaining, budgets, fiscalYears, periods } from '@konecta/db';
import { and, asc, eq } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { department as findDepartment } from '../expenses/people';
import { type BudgetActor, money } from './consume';

type Actor = BudgetActor;
type Budget = typeof budgets.$inferSelect;
export type BudgetMode = Budget['mode'];

export interface BudgetInput {
  fiscalYearId: string;
  departmentId: string;
  accountId: string;
  mode: BudgetMode;
  /** Twelve monthly amounts in the base currency, or `annual` spread evenly over the twelve. */
  months?: Money[];
  annual?: Money;
}

/** The twelve amounts: as given, or the annual amount spread so that they add up to it exactly. */
function monthlyAmounts(ctx: FinanceContext, input: Pick<BudgetInput, 'months' | 'annual'>): bigint[] {
  const base = ctx.config.baseCurrency;
  const wrongCurrency = (m: Money) => m.currency !== base;
  if (input.months) {
    if (input.months.length !== 12)
      throw unprocessable('Give twelve monthly amounts.', [
        { path: 'months', message: 'Twelve amounts, one a month.' },
      ]);
    const i = input.months.findIndex(wrongCurrency);
    if (i >= 0)
      throw unprocessable(`Budgets are in ${base}.`, [{ path: `months.${i}.currency`, message: `Use ${base}.` }]);
    return input.months.map((m) => m.minor);
  }
  if (input.annual) {
    if (wrongCurrency(input.annual))
      throw unprocessable(`Budgets are in ${base}.`, [{ path: 'annual.currency', message: `Use ${base}.` }]);
    return allocateMoney(input.annual, Array(12).fill(1)).map((m) => m.minor);
  }
  throw unprocessable('Give twelve monthly amounts or an annual amount.', [
    { path: 'months', message: 'Give `months` (twelve amounts) or `annual`.' },
  ]);
}

async function checkAccount(ctx: FinanceContext, accountId: string) {
  const [account] = await executorFor(ctx.db).select().from(accounts).where(eq(accounts.id, accountId));
  if (!account || account.isGroup || account.type !== 'expense')
    throw unprocessable('A budget is for an expense account that takes postings.', [
      { path: 'accountId', message: 'Choose an expense account (not a group).' },
    ]);
}

async function writeMonths(ctx: FinanceContext, budget: Budget, amounts: bigint[]) {
  const tx = executorFor(ctx.db);
  const months = await tx
    .select()
    .from(periods)
    .where(eq(periods.fiscalYearId, budget.fiscalYearId))
    .orderBy(asc(periods.startDate));
  if (months.length !== 12) throw unprocessable('The fiscal year does not have twelve periods.');
  await tx.delete(budgetMonths).where(eq(budgetMonths.budgetId, budget.id));
  await tx.insert(budgetMonths).values(
    months.map((p, i) => ({
      budgetId: budget.id,
      monthNo: i + 1,
      month: p.name,
      startDate: p.startDate,
      endDate: p.endDate,
      amount: amounts[i] ?? 0n,
    })),
  );
}

/** Creates the budget of a department and account for a year, or replaces its amounts and mode (audited). */
export async function saveBudget(ctx: FinanceContext, caller: Actor, input: BudgetInput) {
  const amounts = monthlyAmounts(ctx, input);
  return inTransaction(ctx.db, async (tx) => {
    const [year] = await tx.select().from(fiscalYears).where(eq(fiscalYears.id, input.fiscalYearId));
    if (!year) throw unprocessable('No such fiscal year.', [{ path: 'fiscalYearId', message: 'No such fiscal year.' }]);
    if (year.status === 'closed')
      throw unprocessable('The fiscal year is closed.', [{ path: 'fiscalYearId', message: 'Closed.' }]);
    const dept = await findDepartment(ctx, input.departmentId);
    if (!dept?.costCentre)
      throw unprocessable('No such department.', [{ path: 'departmentId', message: 'No such department.' }]);
    await checkAccount(ctx, input.accountId);
    const [existing] = await tx
      .select()
      .from(budgets)
      .where(
        and(
          eq(budgets.fiscalYearId, input.fiscalYearId),
          eq(budgets.departmentId, input.departmentId),
          eq(budgets.accountId, input.accountId),
        ),
      )
      .for('update');
    const before = existing ? await budgetJson(ctx, existing) : null;
    const [budget] = existing
      ? await tx
          .update(budgets)
          .set({ mode: input.mode, departmentName: dept.name, costCentre: dept.costCentre, updatedAt: ctx.now() })
          .where(eq(budgets.id, existing.id))
          .returning()
      : await tx
          .insert(budgets)
          .values({
            fiscalYearId: input.fiscalYearId,
            departmentId: dept.id,
            departmentName: dept.name,
            costCentre: dept.costCentre,
            accountId: input.accountId,
            mode: input.mode,
            createdBy: caller.id,
          })
          .returning();
    if (!budget) throw notFound('No such budget.');
    await writeMonths(ctx, budget, amounts);
    const after = await budgetJson(ctx, budget);
    await recordAudit(tx, {
      action: existing ? 'budget.updated' : 'budget.created',
      entityType: 'budget',
      entityId: budget.id,
      before: before ? { mode: before.mode, months: before.months.map((m) => m.amount.amount) } : null,
      after: { mode: after.mode, months: after.months.map((m) => m.amount.amount) },
      actor: caller,
      service: 'finance',
    });
    return strip(after);
  });
}

/** Changes a budget's mode and, when given, its amounts. */
export async function updateBudget(
  ctx: FinanceContext,
  caller: Actor,
  id: string,
  input: { mode?: BudgetMode; months?: Money[]; annual?: Money },
) {
  const [budget] = await executorFor(ctx.db).select().from(budgets).where(eq(budgets.id, id));
  if (!budget) throw notFound('No such budget.');
  const current = await budgetJson(ctx, budget);
  return saveBudget(ctx, caller, {
    fiscalYearId: budget.fiscalYearId,
    departmentId: budget.departmentId,
    accountId: budget.accountId,
    mode: input.mode ?? budget.mode,
    ...(input.months || input.annual
      ? { months: input.months, annual: input.annual }
      : { months: current.months.map((m) => ({ minor: m.minor, currency: ctx.config.baseCurrency })) }),
  });
}

export async function deleteBudget(ctx: FinanceContext, caller: Actor, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, id)).for('update');
    if (!budget) throw notFound('No such budget.');
    await tx.delete(budgets).where(eq(budgets.id, id));
    await recordAudit(tx, {
      action: 'budget.deleted',
      entityType: 'budget',
      entityId: id,
      before: { departmentName: budget.departmentName, accountId: budget.accountId, mode: budget.mode },
      actor: caller,
      service: 'finance',
    });
  });
}

async function budgetJson(ctx: FinanceContext, b: Budget) {
  const months = await executorFor(ctx.db)
    .select()
    .from(budgetMonths)
    .where(eq(budgetMonths.budgetId, b.id))
    .orderBy(asc(budgetMonths.monthNo));
  const [account] = await executorFor(ctx.db).select().from(accounts).where(eq(accounts.id, b.accountId));
  const total = months.reduce((s, m) => s + m.amount, 0n);
  return {
    id: b.id,
    fiscalYearId: b.fiscalYearId,
    departmentId: b.departmentId,
    departmentName: b.departmentName,
    costCentre: b.costCentre,
    accountId: b.accountId,
    accountCode: account?.code ?? '',
    accountName: account?.name ?? '',
    mode: b.mode,
    total: money(ctx, total),
    months: months.map((m) => ({ month: m.month, minor: m.amount, amount: money(ctx, m.amount) })),
  };
}

export async function listBudgets(ctx: FinanceContext, filter: { fiscalYearId?: string; departmentId?: string }) {
  const rows = await executorFor(ctx.db)
    .select()
    .from(budgets)
    .where(
      and(
        filter.fiscalYearId ? eq(budgets.fiscalYearId, filter.fiscalYearId) : undefined,
        filter.departmentId ? eq(budgets.departmentId, filter.departmentId) : undefined,
      ),
    )
    .orderBy(asc(budgets.departmentName), asc(budgets.accountId));
  const items = [];
  for (const b of rows) items.push(strip(await budgetJson(ctx, b)));
  return { items };
}

export async function getBudget(ctx: FinanceContext, id: string) {
  const [b] = await executorFor(ctx.db).select().from(budgets).where(eq(budgets.id, id));
  if (!b) throw notFound('No such budget.');
  return strip(await budgetJson(ctx, b));
}

const strip = (b: Awaited<ReturnType<typeof budgetJson>>) => ({
  ...b,
  months: b.months.map(({ month, amount }) => ({ month, amount })),
});

/**
 * Budget against actual of a fiscal year: per budget (department × account) and month, the budget,
 * the posted actuals, the open commitments and what is left; and the year to date (the months up to
 * today's), all from the published view in one query.
 */
export async function budgetVsActual(ctx: FinanceContext, fiscalYearId: string) {
  const [year] = await executorFor(ctx.db).select().from(fiscalYears).where(eq(fiscalYears.id, fiscalYearId));
  if (!year) throw unprocessable('No such fiscal year.', [{ path: 'fiscalYearId', message: 'No such fiscal year.' }]);
  const rows = await executorFor(ctx.db)
    .select()
    .from(budgetRemaining)
    .where(eq(budgetRemaining.fiscalYearId, fiscalYearId))
    .orderBy(asc(budgetRemaining.departmentName), asc(budgetRemaining.accountCode), asc(budgetRemaining.month));
  const names = new Map(
    (await executorFor(ctx.db).select({ id: accounts.id, name: accounts.name }).from(accounts)).map((a) => [
      a.id,
      a.name,
    ]),
  );
  type Row = (typeof rows)[number];
  const thisMonth = ctx.calendar.thisMonth();
  const byBudget = new Map<string, Row[]>();
  for (const r of rows) byBudget.set(r.budgetId, [...(byBudget.get(r.budgetId) ?? []), r]);
  const totals = (list: Row[]) => {
    const sum = (key: 'budget' | 'actual' | 'committed' | 'remaining') =>
      money(
        ctx,
        list.reduce((s, m) => s + m[key], 0n),
      );
    return { budget: sum('budget'), actual: sum('actual'), committed: sum('committed'), remaining: sum('remaining') };
  };
  const items = [...byBudget.values()].map((months) => {
    const head = months[0] as Row;
    return {
      budgetId: head.budgetId,
      departmentId: head.departmentId,
      departmentName: head.departmentName,
      accountId: head.accountId,
      accountCode: head.accountCode,
      accountName: names.get(head.accountId) ?? '',
      mode: head.mode,
      months: months.map((m) => ({
        month: m.month,
        budget: money(ctx, m.budget),
        actual: money(ctx, m.actual),
        committed: money(ctx, m.committed),
        remaining: money(ctx, m.remaining),
        over: m.remaining < 0n,
      })),
      yearToDate: totals(months.filter((m) => m.month <= thisMonth)),
      year: totals(months),
    };
  });
  return { fiscalYearId, fiscalYear: year.name, currency: ctx.config.baseCurrency, asOfMonth: thisMonth, items };
}
