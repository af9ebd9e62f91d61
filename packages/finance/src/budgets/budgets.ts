import {
  allocateMoney,
  type Caller,
  executorFor,
  financeEvents,
  forbidden,
  hasPermission,
  inTransaction,
  type Money,
  notFound,
  publishEvent,
  recordAudit,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import {
  accounts,
  budgetConsumptions,
  budgetMonths,
  budgetRemaining,
  budgets,
  fiscalYears,
  periods,
  rowsOf,
} from '@konecta/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { department as findDepartment } from '../expenses/people';

type Actor = Pick<Caller, 'kind' | 'id' | 'permissions'>;
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

const money = (ctx: FinanceContext, minor: bigint) => toMoneyJson({ minor, currency: ctx.config.baseCurrency });

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

export interface Consumption {
  /** The department (HR's id) whose cost centre the amount is posted with. */
  department: string;
  accountId: string;
  date: string;
  /** Base-currency minor units. */
  amount: bigint;
  /** What consumes it (`expense-claim:<id>`, `bill:<id>`, `purchase-order:<id>`). */
  source: string;
  /** Already posted to the ledger in the calling transaction (so it is in the actuals). */
  inLedger?: boolean;
  /** A commitment (a purchase order) counts against the budget until released; an actual is the ledger's. */
  commitment?: boolean;
  /** A finance manager's reason to go over a budget set to stop. */
  overrideReason?: string;
}

export interface ConsumptionResult {
  budgetId: string | null;
  outcome: 'none' | 'warned' | 'overridden';
  over: ('month' | 'year')[];
  /** For the response: what went over, and by how much. */
  warnings: string[];
}

/**
 * Takes an amount from the budget of a department and account, inside the caller's transaction
 * (an expense claim's approval, a bill's, later a purchase order's). The budget row is locked FOR
 * UPDATE before what is used is measured (posted actuals of the account and cost centre plus open
 * commitments), so two approvals racing for the last of a budget take turns and the second sees
 * the first's postings. Over the month or the year: a `warn` budget lets it through with a warning;
 * a `stop` budget refuses it (422), unless a caller holding `finance.budgets.override` gives a
 * reason (audited). Without a budget, nothing is checked.
 */
export async function consumeBudget(
  ctx: FinanceContext,
  caller: Actor,
  input: Consumption,
): Promise<ConsumptionResult> {
  return inTransaction(ctx.db, async (tx) => {
    const [budget] = rowsOf<Budget & { id: string }>(
      await tx.execute(sql`select b.id, b.mode, b.department_name as "departmentName", b.cost_centre as "costCentre",
          b.fiscal_year_id as "fiscalYearId"
        from finance.budgets b join finance.fiscal_years y on y.id = b.fiscal_year_id
        where b.department_id = ${input.department} and b.account_id = ${input.accountId}
          and ${input.date}::date between y.start_date and y.end_date
        for update of b`),
    );
    if (!budget) return { budgetId: null, outcome: 'none', over: [], warnings: [] };
    const month = input.date.slice(0, 7);
    const [used] = rowsOf<{ monthBudget: string; yearBudget: string; monthUsed: string; yearUsed: string }>(
      await tx.execute(sql`
        with m as (select month, start_date, end_date, amount from finance.budget_months where budget_id = ${budget.id}),
        span as (select min(start_date) as y_from, max(end_date) as y_to from m)
        select
          coalesce((select amount from m where month = ${month}), 0)::text as "monthBudget",
          coalesce((select sum(amount) from m), 0)::text as "yearBudget",
          (coalesce((select sum(l.debit - l.credit) from finance.journal_lines l, m
             where m.month = ${month} and l.posted and l.account_id = ${input.accountId}
               and l.cost_centre = ${budget.costCentre} and l.date between m.start_date and m.end_date), 0)
           + coalesce((select sum(c.amount) from finance.budget_consumptions c
             where c.budget_id = ${budget.id} and c.month = ${month} and c.kind = 'commitment' and c.open), 0))::text
            as "monthUsed",
          (coalesce((select sum(l.debit - l.credit) from finance.journal_lines l, span
             where l.posted and l.account_id = ${input.accountId}
               and l.cost_centre = ${budget.costCentre} and l.date between span.y_from and span.y_to), 0)
           + coalesce((select sum(c.amount) from finance.budget_consumptions c
             where c.budget_id = ${budget.id} and c.kind = 'commitment' and c.open), 0))::text
            as "yearUsed"`),
    );
    const already = input.inLedger ? input.amount : 0n;
    const monthUsed = BigInt(used?.monthUsed ?? '0') - already;
    const yearUsed = BigInt(used?.yearUsed ?? '0') - already;
    const monthBudget = BigInt(used?.monthBudget ?? '0');
    const yearBudget = BigInt(used?.yearBudget ?? '0');
    const over: ('month' | 'year')[] = [];
    if (monthUsed + input.amount > monthBudget) over.push('month');
    if (yearUsed + input.amount > yearBudget) over.push('year');
    const [account] = await tx.select({ code: accounts.code }).from(accounts).where(eq(accounts.id, input.accountId));
    const what = `${budget.departmentName} ${account?.code ?? ''}`;
    const warnings = over.map((o) =>
      o === 'month'
        ? `${what}: ${month} would be over budget by ${money(ctx, monthUsed + input.amount - monthBudget).amount} (budget ${money(ctx, monthBudget).amount}, used ${money(ctx, monthUsed).amount}).`
        : `${what}: the year would be over budget by ${money(ctx, yearUsed + input.amount - yearBudget).amount} (budget ${money(ctx, yearBudget).amount}, used ${money(ctx, yearUsed).amount}).`,
    );
    let outcome: ConsumptionResult['outcome'] = over.length ? 'warned' : 'none';
    const reason = input.overrideReason?.trim();
    if (over.length && budget.mode === 'stop') {
      if (!reason)
        throw unprocessable(
          `Over a budget set to stop: ${warnings.join(' ')} A finance manager may approve it with a reason to override.`,
          [
            {
              path: 'overrideReason',
              message: 'The budget is set to stop; only an override with a reason lets this through.',
            },
          ],
        );
      if (!hasPermission(caller as Caller, 'finance.budgets.override'))
        throw forbidden('Going over a budget set to stop needs the permission "finance.budgets.override".');
      outcome = 'overridden';
      await recordAudit(tx, {
        action: 'budget.overridden',
        entityType: 'budget',
        entityId: budget.id,
        after: { source: input.source, month, amount: money(ctx, input.amount).amount, over },
        reason,
        actor: caller,
        service: 'finance',
      });
    }
    await tx.insert(budgetConsumptions).values({
      budgetId: budget.id,
      month,
      amount: input.amount,
      kind: input.commitment ? 'commitment' : 'actual',
      source: input.source,
      outcome,
      overrideReason: outcome === 'overridden' ? (reason ?? null) : null,
      actor: caller.id,
    });
    if (over.length)
      await publishEvent(tx, financeEvents.budgetExceeded, {
        subject: budget.id,
        data: {
          budgetId: budget.id,
          departmentId: input.department,
          departmentName: budget.departmentName,
          accountId: input.accountId,
          month,
          mode: budget.mode,
          over,
          amount: money(ctx, input.amount),
          source: input.source,
          overridden: outcome === 'overridden',
        },
      });
    return { budgetId: budget.id, outcome, over, warnings };
  });
}

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
