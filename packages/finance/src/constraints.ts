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
  // Expense claims and budgets
  expense_categories_code_idx: { path: 'code', message: 'Another category has this code.' },
  expense_categories_code_check: { path: 'code', message: 'Use lower-case letters, digits and dashes.' },
  expense_claims_currency_check: { path: 'currency', message: 'Use an ISO 4217 code such as EGP.' },
  expense_claims_total_check: { path: 'lines', message: 'A claim’s total cannot be negative.' },
  expense_claims_reason_check: { path: 'reason', message: 'A rejection needs its reason.' },
  expense_claims_not_own_check: { message: 'Nobody approves or rejects their own expense claim.' },
  expense_claims_approved_check: { message: 'An approved claim has its posted expense entry.' },
  expense_claim_lines_no_idx: { path: 'lines', message: 'Two lines have the same number.' },
  expense_claim_lines_amount_check: { path: 'lines', message: 'Each line’s amount is more than zero.' },
  expense_receipts_key_idx: { message: 'The receipt is already stored.', status: 409 },
  expense_receipts_type_check: { path: 'file', message: 'A receipt is a PDF, JPEG or PNG file.' },
  expense_receipts_size_check: { path: 'file', message: 'A receipt is at most 5 MB.' },
  department_expenses_key_idx: { message: 'This department, category and month is already imported.', status: 409 },
  department_expenses_month_check: { path: 'month', message: 'Use a month like 2026-03.' },
  department_expenses_amount_check: { path: 'amount', message: 'Must be more than zero.' },
  budgets_key_idx: { message: 'This department and account already have a budget for the year.', status: 409 },
  budget_months_key_idx: { path: 'months', message: 'A month appears twice.' },
  budget_months_no_check: { path: 'months', message: 'A year has twelve months.' },
  budget_months_amount_check: { path: 'months', message: 'A monthly amount cannot be negative.' },
  budget_consumptions_amount_check: { path: 'amount', message: 'Must be more than zero.' },
  budget_consumptions_kind_check: { message: 'A consumption is an actual or a commitment.' },
  budget_consumptions_outcome_check: { message: 'Unknown budget outcome.' },
  budget_consumptions_override_check: { path: 'overrideReason', message: 'An override needs its reason.' },
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
  expense_claims_not_draft: { message: 'A submitted claim cannot change.', status: 409 },
  expense_claims_transition: { message: 'The claim is not in a state that allows this.', status: 409 },
  journal_lines_rounding_manual: {
    path: 'lines',
    message: 'A manual entry balances exactly, without a rounding line.',
  },
};
