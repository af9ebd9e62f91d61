import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { accounts, journalLines } from './finance.sql';
import { finance } from './schemas';

/**
 * Bank accounts and their statements. The rules reconciliation depends on are the database's:
 * a bank account's ledger account is an active asset account that is not a group, one bank account
 * each; a statement line is matched to at most one journal line and a journal line to at most one
 * statement line (unique indexes), and a match is refused unless the journal line is posted, on the
 * bank's ledger account, for the line's amount and direction (trigger of
 * `migrations/0021_finance_bank_rules.sql`). A line's fingerprint is unique per bank account, so a
 * statement imported twice never duplicates its lines.
 */

/** How a bank's CSV export is read; remembered per bank account and offered again next time. */
export interface BankCsvMapping {
  date: string;
  description: string;
  reference?: string | null;
  /** One signed amount column, or `debit` and `credit` columns (money out, money in). */
  amount?: string | null;
  debit?: string | null;
  credit?: string | null;
  balance?: string | null;
  /** `yyyy-mm-dd`, `dd/mm/yyyy`, `mm/dd/yyyy`, `dd.mm.yyyy`. */
  dateFormat: string;
  decimalSeparator: '.' | ',';
  delimiter?: ',' | ';' | '\t';
}

export const bankAccounts = finance.table(
  'bank_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    bankName: text('bank_name').notNull(),
    /** The IBAN, whole, encrypted (the field cipher); only `ibanMasked` is ever shown. */
    ibanEncrypted: text('iban_encrypted'),
    /** `EG38 **** **** 1234`. */
    ibanMasked: text('iban_masked'),
    currency: text('currency').notNull(),
    active: boolean('active').notNull().default(true),
    csvMapping: jsonb('csv_mapping').$type<BankCsvMapping>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bank_accounts_account_idx').on(t.accountId),
    uniqueIndex('bank_accounts_name_idx').on(t.name),
    check('bank_accounts_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const bankStatementFormat = finance.enum('bank_statement_format', ['csv', 'camt053']);

/** An imported statement: its period and balances; opening + lines = closing (checked at import). */
export const bankStatements = finance.table(
  'bank_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bankAccountId: uuid('bank_account_id')
      .notNull()
      .references(() => bankAccounts.id),
    format: bankStatementFormat('format').notNull(),
    /** The bank's own statement id (camt.053 Stmt/Id), when it gives one. */
    reference: text('reference'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    currency: text('currency').notNull(),
    openingBalance: bigint('opening_balance', { mode: 'bigint' }).notNull(),
    closingBalance: bigint('closing_balance', { mode: 'bigint' }).notNull(),
    importedBy: text('imported_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('bank_statements_account_idx').on(t.bankAccountId, t.endDate),
    check('bank_statements_dates_check', sql`${t.endDate} >= ${t.startDate}`),
  ],
);

/**
 * A statement line, signed: positive is money in (a debit of the bank's ledger account). Matched to
 * one posted journal line (later, a payment may be matched the same way).
 */
export const bankStatementLines = finance.table(
  'bank_statement_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => bankStatements.id, { onDelete: 'cascade' }),
    bankAccountId: uuid('bank_account_id')
      .notNull()
      .references(() => bankAccounts.id),
    lineNo: integer('line_no').notNull(),
    date: date('date').notNull(),
    description: text('description').notNull().default(''),
    reference: text('reference'),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    balance: bigint('balance', { mode: 'bigint' }),
    /** Date, amount, reference, description and the occurrence among equal lines: the same line imported again has the same. */
    fingerprint: text('fingerprint').notNull(),
    journalLineId: bigint('journal_line_id', { mode: 'bigint' }).references(() => journalLines.id),
    matchedBy: text('matched_by'),
    matchedAt: timestamp('matched_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('bank_statement_lines_fingerprint_idx').on(t.bankAccountId, t.fingerprint),
    uniqueIndex('bank_statement_lines_line_idx').on(t.statementId, t.lineNo),
    uniqueIndex('bank_statement_lines_journal_line_idx').on(t.journalLineId),
    check('bank_statement_lines_amount_check', sql`${t.amount} <> 0`),
    check('bank_statement_lines_matched_check', sql`(${t.journalLineId} is null) = (${t.matchedAt} is null)`),
  ],
);
