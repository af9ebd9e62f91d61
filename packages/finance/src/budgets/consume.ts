import {
  type Caller,
  financeEvents,
  forbidden,
  hasPermission,
  inTransaction,
  publishEvent,
  recordAudit,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import { accounts, budgetConsumptions, type budgets, rowsOf } from '@konecta/db';
import { eq, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';

/** Who acts on a budget: their id for the audit, their permissions for an override. */
export type BudgetActor = Pick<Caller, 'kind' | 'id' | 'permissions'>;
type Actor = BudgetActor;
type Budget = typeof budgets.$inferSelect;
/** Base-currency minor units as money JSON. */
export const money = (ctx: FinanceContext, minor: bigint) => toMoneyJson({ minor, currency: ctx.config.baseCurrency });

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
