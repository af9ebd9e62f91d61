import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { accounts, fiscalYears, journalEntries } from './finance.sql';
import { finance } from './schemas';

/**
 * Expense claims and budgets. The rules money depends on are the database's too
 * (`migrations/0017_finance_expense_rules.sql`): a claim's lines and amounts cannot change once it is
 * submitted, its status only moves forward (draft → submitted → approved | rejected, approved →
 * reimbursed), nobody decides their own claim, and a rejection carries its reason. Approvals lock
 * the budget row (FOR UPDATE) before they measure what is left, so two approvals cannot both spend
 * the last of a budget set to stop.
 */

/** What an employee can claim, each posting to an expense account (travel → 5700 Travel). */
export const expenseCategories = finance.table(
  'expense_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('expense_categories_code_idx').on(t.code),
    check('expense_categories_code_check', sql`${t.code} ~ '^[a-z][a-z0-9-]{0,39}$'`),
  ],
);

export const expenseClaimStatus = finance.enum('expense_claim_status', [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'reimbursed',
]);

/**
 * A claim: the employee, their department and manager are copied from HR's directory when it is
 * created and again when submitted. Amounts are minor units of `currency`; `total` is the sum of the
 * lines (kept by trigger).
 */
export const expenseClaims = finance.table(
  'expense_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id').notNull(),
    employeeName: text('employee_name').notNull(),
    /** The claimant's login (for notifications and for "own claims"). */
    userId: uuid('user_id'),
    departmentId: uuid('department_id'),
    departmentName: text('department_name'),
    costCentre: text('cost_centre'),
    managerEmployeeId: uuid('manager_employee_id'),
    title: text('title').notNull(),
    currency: text('currency').notNull(),
    total: bigint('total', { mode: 'bigint' }).notNull().default(sql`0`),
    status: expenseClaimStatus('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    decidedByEmployeeId: uuid('decided_by_employee_id'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    /** Budget messages of the approval (warnings, or the override and its reason). */
    budgetNotes: jsonb('budget_notes').$type<string[]>(),
    approvalEntryId: uuid('approval_entry_id').references(() => journalEntries.id),
    reimbursementEntryId: uuid('reimbursement_entry_id').references(() => journalEntries.id),
    reimbursedBy: text('reimbursed_by'),
    reimbursedAt: timestamp('reimbursed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('expense_claims_employee_idx').on(t.employeeId, t.createdAt),
    index('expense_claims_manager_idx').on(t.managerEmployeeId, t.status),
    index('expense_claims_status_idx').on(t.status, t.createdAt),
    check('expense_claims_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('expense_claims_total_check', sql`${t.total} >= 0`),
    check(
      'expense_claims_reason_check',
      sql`${t.status} <> 'rejected' or length(btrim(coalesce(${t.rejectReason}, ''))) > 0`,
    ),
    check('expense_claims_not_own_check', sql`${t.decidedByEmployeeId} is distinct from ${t.employeeId}`),
    check(
      'expense_claims_approved_check',
      sql`${t.status} not in ('approved', 'reimbursed') or ${t.approvalEntryId} is not null`,
    ),
  ],
);

export const expenseClaimLines = finance.table(
  'expense_claim_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => expenseClaims.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    date: date('date').notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => expenseCategories.id),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    projectId: uuid('project_id'),
    description: text('description').notNull().default(''),
  },
  (t) => [
    uniqueIndex('expense_claim_lines_no_idx').on(t.claimId, t.lineNo),
    check('expense_claim_lines_amount_check', sql`${t.amount} > 0`),
  ],
);

/** A receipt of a claim (or of one of its lines), stored through the file-storage port. */
export const expenseReceipts = finance.table(
  'expense_receipts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => expenseClaims.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id').references(() => expenseClaimLines.id, { onDelete: 'cascade' }),
    fileKey: text('file_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    uploadedBy: text('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('expense_receipts_claim_idx').on(t.claimId),
    uniqueIndex('expense_receipts_key_idx').on(t.fileKey),
    check('expense_receipts_type_check', sql`${t.contentType} in ('application/pdf', 'image/jpeg', 'image/png')`),
    check('expense_receipts_size_check', sql`${t.size} > 0 and ${t.size} <= 5242880`),
  ],
);

/**
 * A direct upload granted to a claim and not confirmed yet: the storage key the browser may send a
 * receipt to. Confirming the upload consumes the grant in the transaction that records the
 * receipt; the `expireUploads` job deletes the files of grants left unconfirmed (and the grants).
 */
export const expenseUploadGrants = finance.table(
  'expense_upload_grants',
  {
    fileKey: text('file_key').primaryKey(),
    // Not a reference: a grant outlives a deleted draft, so that the job still deletes its file.
    claimId: uuid('claim_id').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('expense_upload_grants_granted_idx').on(t.grantedAt)],
);

/**
 * A department's expenses of a month imported from a spreadsheet (one row per department,
 * category and month); each is posted to the ledger, and an import that changes the amount
 * reverses the old entry and posts the new one.
 */
export const departmentExpenses = finance.table(
  'department_expenses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    departmentId: uuid('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    costCentre: text('cost_centre'),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => expenseCategories.id),
    /** `YYYY-MM`. */
    month: text('month').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    entryId: uuid('entry_id').references(() => journalEntries.id),
    importedBy: text('imported_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('department_expenses_key_idx').on(t.departmentId, t.categoryId, t.month),
    check('department_expenses_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('department_expenses_amount_check', sql`${t.amount} > 0`),
  ],
);

export const budgetMode = finance.enum('budget_mode', ['warn', 'stop']);

/**
 * A budget of a fiscal year for a department (its cost centre) and an expense account. Approvals
 * lock this row FOR UPDATE before measuring what is left.
 */
export const budgets = finance.table(
  'budgets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fiscalYearId: uuid('fiscal_year_id')
      .notNull()
      .references(() => fiscalYears.id),
    departmentId: uuid('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    costCentre: text('cost_centre').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    mode: budgetMode('mode').notNull().default('warn'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('budgets_key_idx').on(t.fiscalYearId, t.departmentId, t.accountId),
    index('budgets_lookup_idx').on(t.costCentre, t.accountId),
  ],
);

/** The twelve monthly amounts of a budget, in base-currency minor units. */
export const budgetMonths = finance.table(
  'budget_months',
  {
    budgetId: uuid('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    monthNo: integer('month_no').notNull(),
    /** `YYYY-MM`, with the period's dates. */
    month: text('month').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    uniqueIndex('budget_months_key_idx').on(t.budgetId, t.monthNo),
    check('budget_months_no_check', sql`${t.monthNo} between 1 and 12`),
    check('budget_months_amount_check', sql`${t.amount} >= 0`),
  ],
);

/**
 * What an approval took from a budget: an `actual` is in the ledger already (only remembered here
 * with its warnings or override); a `commitment` (a purchase order) counts against the budget until
 * it is released.
 */
export const budgetConsumptions = finance.table(
  'budget_consumptions',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    budgetId: uuid('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    kind: text('kind').notNull().default('actual'),
    open: boolean('open').notNull().default(true),
    source: text('source').notNull(),
    /** `none`, `warned`, or `overridden` (with the reason). */
    outcome: text('outcome').notNull().default('none'),
    overrideReason: text('override_reason'),
    actor: text('actor'),
    createdAt: createdAt(),
  },
  (t) => [
    index('budget_consumptions_budget_idx').on(t.budgetId, t.month),
    check('budget_consumptions_amount_check', sql`${t.amount} > 0`),
    check('budget_consumptions_kind_check', sql`${t.kind} in ('actual', 'commitment')`),
    check('budget_consumptions_outcome_check', sql`${t.outcome} in ('none', 'warned', 'overridden')`),
    check(
      'budget_consumptions_override_check',
      sql`${t.outcome} <> 'overridden' or length(btrim(coalesce(${t.overrideReason}, ''))) > 0`,
    ),
  ],
);
