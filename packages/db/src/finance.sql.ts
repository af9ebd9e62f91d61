import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { finance } from './schemas';

/**
 * The general ledger. The rules money depends on are the database's, not only the code's: the
 * triggers and functions of `migrations/0015_finance_ledger_rules.sql` refuse, at commit, a posted
 * entry whose debits and credits differ or that has fewer than two lines; refuse any change to a
 * posted entry's lines, amounts, date or status; refuse a posting into a closed or missing period
 * (serialised against closing by the period row's lock); and refuse lines on group or inactive
 * accounts at posting.
 */

export const accountType = finance.enum('account_type', ['asset', 'liability', 'equity', 'income', 'expense']);

/**
 * The chart of accounts, a tree: group accounts hold children and take no postings. An account with
 * history is deactivated, never deleted (the lines' foreign key refuses the delete).
 */
export const accounts = finance.table(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: accountType('type').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => accounts.id),
    isGroup: boolean('is_group').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** Set for an account kept in a foreign currency (a USD bank account, a EUR loan): it is revalued. */
    currency: text('currency'),
    /** Cash or bank: the cash-flow statement follows these accounts' movements. */
    cash: boolean('cash').notNull().default(false),
    /**
     * What the system posts to by itself (`retained_earnings`, `rounding`, …), one account each, so
     * code never looks an account up by its code.
     */
    role: text('role'),
    description: text('description'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_code_idx').on(t.code),
    uniqueIndex('accounts_role_idx').on(t.role),
    index('accounts_parent_idx').on(t.parentId),
    check('accounts_code_check', sql`${t.code} ~ '^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$'`),
    check('accounts_parent_check', sql`${t.parentId} is distinct from ${t.id}`),
    check('accounts_currency_check', sql`${t.currency} is null or ${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const fiscalStatus = finance.enum('fiscal_status', ['open', 'closed']);

/** A fiscal year of twelve monthly periods, starting in the month the company's settings name. */
export const fiscalYears = finance.table(
  'fiscal_years',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    status: fiscalStatus('status').notNull().default('open'),
    closedBy: text('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The entry that moved the year's income and expense into retained earnings. */
    closingEntryId: uuid('closing_entry_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('fiscal_years_start_idx').on(t.startDate),
    uniqueIndex('fiscal_years_name_idx').on(t.name),
    check('fiscal_years_dates_check', sql`${t.endDate} > ${t.startDate}`),
  ],
);

/** A month of a fiscal year. Posting takes its row FOR SHARE and closing FOR UPDATE, so they serialise. */
export const periods = finance.table(
  'periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fiscalYearId: uuid('fiscal_year_id')
      .notNull()
      .references(() => fiscalYears.id),
    /** `YYYY-MM`. */
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    status: fiscalStatus('status').notNull().default('open'),
    closedBy: text('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The last reopening (every one is in the audit log with its reason). */
    reopenedBy: text('reopened_by'),
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    reopenReason: text('reopen_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('periods_start_idx').on(t.startDate),
    index('periods_year_idx').on(t.fiscalYearId),
    check('periods_dates_check', sql`${t.endDate} >= ${t.startDate}`),
  ],
);

/** How many units of the base currency one unit of `currency` bought on `date`. */
export const exchangeRates = finance.table(
  'exchange_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    currency: text('currency').notNull(),
    date: date('date').notNull(),
    rate: numeric('rate', { precision: 18, scale: 6 }).notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('exchange_rates_currency_date_idx').on(t.currency, t.date),
    check('exchange_rates_rate_check', sql`${t.rate} > 0`),
    check('exchange_rates_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const journalSource = finance.enum('journal_source', [
  'manual',
  'invoice',
  'bill',
  'payment',
  'expense',
  'payroll',
  'stock',
  'closing',
  'reversal',
  'revaluation',
]);
export const journalStatus = finance.enum('journal_status', ['draft', 'posted']);

/**
 * A journal entry: a draft until posted, immutable once posted (corrected by a reversal, linked
 * both ways). `currency` and `rate` are the transaction's; the lines carry both amounts.
 */
export const journalEntries = finance.table(
  'journal_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Given at posting, `JE-2026-000123` (from a sequence: a rolled-back posting leaves a gap). */
    number: text('number'),
    date: date('date').notNull(),
    memo: text('memo').notNull().default(''),
    source: journalSource('source').notNull().default('manual'),
    sourceRef: text('source_ref'),
    status: journalStatus('status').notNull().default('draft'),
    currency: text('currency').notNull(),
    /** Base-currency units per unit of `currency`; 1 for the base currency. */
    rate: numeric('rate', { precision: 18, scale: 6 }).notNull().default('1'),
    reversesId: uuid('reverses_id').references((): AnyPgColumn => journalEntries.id),
    reversedById: uuid('reversed_by_id').references((): AnyPgColumn => journalEntries.id),
    periodId: uuid('period_id').references(() => periods.id),
    createdBy: text('created_by'),
    postedBy: text('posted_by'),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('journal_entries_number_idx').on(t.number),
    uniqueIndex('journal_entries_reverses_idx').on(t.reversesId),
    uniqueIndex('journal_entries_reversed_by_idx').on(t.reversedById),
    index('journal_entries_date_idx').on(t.date),
    index('journal_entries_source_idx').on(t.source, t.sourceRef),
    // One closing entry per fiscal year, one revaluation per month.
    uniqueIndex('journal_entries_once_idx')
      .on(t.source, t.sourceRef)
      .where(sql`${t.source} in ('closing', 'revaluation') and ${t.reversesId} is null`),
    check('journal_entries_rate_check', sql`${t.rate} > 0`),
    check('journal_entries_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('journal_entries_reverses_check', sql`${t.reversesId} is distinct from ${t.id}`),
    check(
      'journal_entries_posted_check',
      sql`${t.status} = 'draft' or (${t.number} is not null and ${t.postedAt} is not null and ${t.periodId} is not null)`,
    ),
  ],
);

/**
 * A line: one side only, in minor units, in the base currency (`debit`, `credit`: these balance)
 * and in the transaction currency (`txnDebit`, `txnCredit`). `date`, `posted`, `currency`, `rate`,
 * `entryNumber` and `memo` are the entry's, copied by trigger, so statements read the lines alone.
 */
export const journalLines = finance.table(
  'journal_lines',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => journalEntries.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    debit: bigint('debit', { mode: 'bigint' }).notNull().default(sql`0`),
    credit: bigint('credit', { mode: 'bigint' }).notNull().default(sql`0`),
    txnDebit: bigint('txn_debit', { mode: 'bigint' }).notNull().default(sql`0`),
    txnCredit: bigint('txn_credit', { mode: 'bigint' }).notNull().default(sql`0`),
    currency: text('currency').notNull(),
    rate: numeric('rate', { precision: 18, scale: 6 }).notNull(),
    date: date('date').notNull(),
    posted: boolean('posted').notNull().default(false),
    /** The entry's number and memo, copied at posting like its date: a ledger page reads the lines alone. */
    entryNumber: text('entry_number'),
    memo: text('memo').notNull().default(''),
    description: text('description'),
    /** The department's cost centre (`CC-300`). */
    costCentre: text('cost_centre'),
    partyId: uuid('party_id'),
    projectId: uuid('project_id'),
    /** The one line of a system entry that absorbs rounding: at most one minor unit. */
    isRounding: boolean('is_rounding').notNull().default(false),
  },
  (t) => [
    index('journal_lines_entry_idx').on(t.entryId),
    uniqueIndex('journal_lines_entry_line_idx').on(t.entryId, t.lineNo),
    uniqueIndex('journal_lines_one_rounding_idx').on(t.entryId).where(sql`${t.isRounding}`),
    check(
      'journal_lines_one_side_check',
      sql`${t.debit} >= 0 and ${t.credit} >= 0 and (${t.debit} = 0) <> (${t.credit} = 0)`,
    ),
    check(
      'journal_lines_txn_side_check',
      sql`${t.txnDebit} >= 0 and ${t.txnCredit} >= 0 and (${t.txnDebit} = 0 or ${t.debit} > 0) and (${t.txnCredit} = 0 or ${t.credit} > 0)`,
    ),
    check('journal_lines_rounding_check', sql`not ${t.isRounding} or ${t.debit} + ${t.credit} <= 1`),
  ],
);
