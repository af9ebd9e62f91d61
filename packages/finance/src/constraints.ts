import type { ConstraintFields } from '@konecta/core';

/**
 * The finance schema's check and unique constraints as a client meets them (a test holds every one
 * of the schema to an entry here).
 */
export const financeConstraints: ConstraintFields = {
  accounts_code_idx: { path: 'code', message: 'Another account has this code.' },
  accounts_role_idx: { path: 'role', message: 'Another account already plays this role.' },
  accounts_code_check: { path: 'code', message: 'Use 1 to 20 letters, digits, dots or dashes, e.g. 1110.' },
  accounts_parent_check: { path: 'parentId', message: 'An account cannot be its own parent.' },
  accounts_currency_check: { path: 'currency', message: 'Use an ISO 4217 code such as USD.' },
  fiscal_years_start_idx: { path: 'year', message: 'This fiscal year already exists.' },
  fiscal_years_name_idx: { path: 'year', message: 'This fiscal year already exists.' },
  fiscal_years_dates_check: { path: 'year', message: 'A fiscal year ends after it starts.' },
  periods_start_idx: { path: 'year', message: 'A period of this fiscal year already exists.' },
  periods_dates_check: { message: 'A period ends on or after its start.' },
  exchange_rates_currency_date_idx: { path: 'date', message: 'There is already a rate for this currency and date.' },
  exchange_rates_rate_check: { path: 'rate', message: 'The rate must be greater than zero.' },
  exchange_rates_currency_check: { path: 'currency', message: 'Use an ISO 4217 code such as USD.' },
  journal_entries_number_idx: { message: 'Two entries were given the same number at once; try again.' },
  journal_entries_reverses_idx: { message: 'This entry has already been reversed.', status: 409 },
  journal_entries_reversed_by_idx: { message: 'This entry has already been reversed.', status: 409 },
  journal_entries_once_idx: {
    message: 'This has already been posted (one closing per year, one revaluation per month).',
  },
  journal_entries_rate_check: { path: 'rate', message: 'The rate must be greater than zero.' },
  journal_entries_currency_check: { path: 'currency', message: 'Use an ISO 4217 code such as USD.' },
  journal_entries_reverses_check: { message: 'An entry cannot reverse itself.' },
  journal_entries_posted_check: { message: 'A posted entry has a number, a period and a posting time.' },
  journal_lines_entry_line_idx: { path: 'lines', message: 'Two lines have the same number.' },
  journal_lines_one_rounding_idx: { path: 'lines', message: 'An entry carries at most one rounding line.' },
  journal_lines_one_side_check: {
    path: 'lines',
    message: 'Each line has a debit or a credit, not both, and neither is negative.',
  },
  journal_lines_txn_side_check: {
    path: 'lines',
    message: 'A line’s transaction amount is on the same side as its base amount and not negative.',
  },
  journal_lines_rounding_check: { path: 'lines', message: 'A rounding line is at most one minor unit.' },
  bank_accounts_account_idx: {
    path: 'accountId',
    message: 'Another bank account uses this ledger account.',
    status: 409,
  },
  bank_accounts_name_idx: { path: 'name', message: 'Another bank account has this name.', status: 409 },
  bank_accounts_currency_check: { path: 'currency', message: 'Use an ISO 4217 code such as USD.' },
  bank_statements_dates_check: { path: 'content', message: 'A statement ends on or after it starts.' },
  bank_statement_lines_fingerprint_idx: {
    path: 'content',
    message: 'This statement (or lines of it) has already been imported for this bank account.',
    status: 409,
  },
  bank_statement_lines_line_idx: { message: 'Two lines of the statement have the same number.' },
  bank_statement_lines_journal_line_idx: {
    path: 'journalLineId',
    message: 'This ledger line is already matched to another statement line.',
    status: 409,
  },
  bank_statement_lines_amount_check: { path: 'content', message: 'A statement line has an amount other than zero.' },
  bank_statement_lines_matched_check: { message: 'A matched line records when it was matched.' },
};

/**
 * The rules the ledger's triggers hold (migrations/0015_finance_ledger_rules.sql), raised as check
 * violations naming the rule: what the client is told, and which field is at fault.
 */
export const financeRules: ConstraintFields = {
  accounts_parent_group: { path: 'parentId', message: 'The parent must be a group account of the same type.' },
  accounts_parent_cycle: { path: 'parentId', message: 'An account cannot sit under itself or one of its children.' },
  accounts_group_has_lines: { path: 'isGroup', message: 'An account with journal lines cannot become a group.' },
  accounts_group_has_children: { path: 'isGroup', message: 'A group with accounts under it must stay a group.' },
  accounts_type_fixed: { path: 'type', message: 'The type of an account with history or children cannot change.' },
  fiscal_years_overlap: { path: 'year', message: 'The fiscal year overlaps another.', status: 409 },
  fiscal_years_closed: { message: 'A closed fiscal year cannot change.', status: 409 },
  periods_dates_fixed: { message: 'A period’s dates cannot change.', status: 409 },
  periods_year_closed: { message: 'The period belongs to a closed fiscal year.', status: 409 },
  journal_entries_posted: { message: 'A posted entry cannot be changed or deleted; reverse it.', status: 409 },
  journal_lines_posted: { message: 'A posted line cannot be changed or deleted; reverse the entry.', status: 409 },
  journal_entries_no_period: {
    path: 'date',
    message: 'No fiscal year covers this date; create the fiscal year first.',
  },
  journal_entries_period_closed: { path: 'date', message: 'The period of this date is closed.' },
  journal_lines_account: { path: 'lines', message: 'Lines can only use active accounts that are not groups.' },
  journal_entries_two_lines: { path: 'lines', message: 'A posted entry needs at least two lines.' },
  journal_entries_balanced: { path: 'lines', message: 'Debits must equal credits.' },
  journal_lines_rounding_manual: {
    path: 'lines',
    message: 'A manual entry balances exactly, without a rounding line.',
  },
  bank_accounts_ledger_account: {
    path: 'accountId',
    message: 'The ledger account must be an active asset account that is not a group.',
  },
  bank_statement_lines_match: {
    path: 'journalLineId',
    message: 'Match a posted line of the bank’s ledger account, of the same amount and direction.',
  },
  bank_statement_lines_matched_fixed: {
    message: 'A matched statement line cannot change; undo the match first.',
    status: 409,
  },
};
