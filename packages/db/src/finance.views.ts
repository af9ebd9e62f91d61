import { bigint, boolean, integer, text, uuid } from 'drizzle-orm/pg-core';
import { accountType } from './finance.sql';
import { budgetMode } from './finance-expenses.sql';
import { finance } from './schemas';

/**
 * The read-only views the finance service publishes for other services (reporting, budgets),
 * typed for their readers. The SQL is the migration's (`migrations/0015_finance_ledger_rules.sql`);
 * `packages/db/test/views.test.ts` compares the two.
 */

/** The chart of accounts as a tree: depth from the root and the codes on the way (`1000/1100/1110`). */
export const chartOfAccounts = finance
  .view('chart_of_accounts', {
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: accountType('type').notNull(),
    parentId: uuid('parent_id'),
    parentCode: text('parent_code'),
    isGroup: boolean('is_group').notNull(),
    active: boolean('active').notNull(),
    currency: text('currency'),
    cash: boolean('cash').notNull(),
    role: text('role'),
    depth: integer('depth').notNull(),
    path: text('path').notNull(),
  })
  .existing();

/** Posted movements per account and month (`YYYY-MM`), in base-currency minor units. */
export const accountBalancesMonthly = finance
  .view('account_balances_monthly', {
    accountId: uuid('account_id').notNull(),
    code: text('code').notNull(),
    type: accountType('type').notNull(),
    month: text('month').notNull(),
    debit: bigint('debit', { mode: 'bigint' }).notNull(),
    credit: bigint('credit', { mode: 'bigint' }).notNull(),
    /** Debit minus credit. */
    net: bigint('net', { mode: 'bigint' }).notNull(),
  })
  .existing();

/**
 * What is left of each budget per month (`YYYY-MM`), for purchasing: the budget less the posted
 * actuals of its account and cost centre and the open commitments, in base-currency minor units
 * (`migrations/0017_finance_expense_rules.sql`).
 */
export const budgetRemaining = finance
  .view('budget_remaining', {
    budgetId: uuid('budget_id').notNull(),
    fiscalYearId: uuid('fiscal_year_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    costCentre: text('cost_centre').notNull(),
    accountId: uuid('account_id').notNull(),
    accountCode: text('account_code').notNull(),
    mode: budgetMode('mode').notNull(),
    month: text('month').notNull(),
    budget: bigint('budget', { mode: 'bigint' }).notNull(),
    actual: bigint('actual', { mode: 'bigint' }).notNull(),
    committed: bigint('committed', { mode: 'bigint' }).notNull(),
    remaining: bigint('remaining', { mode: 'bigint' }).notNull(),
  })
  .existing();
