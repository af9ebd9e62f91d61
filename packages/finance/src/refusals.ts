import type { ConstraintFields } from '@konecta/core';

/**
 * The finance schema's check and unique constraints (`…Constraints`) and the rules its triggers hold
 * (`…Rules`: migrations/0015_finance_ledger_rules.sql and after, raised as check violations naming
 * the rule), as a client meets them: the field at fault and what the client is told. One pair of
 * maps per area, so that each Lambda function carries the messages of the tables its routes write
 * and no others (`functions/`); `constraints.ts` gathers them all for the service as one app.
 */

/** Constraints of the chart of accounts, fiscal years and periods, and exchange rates. */
export const chartConstraints: ConstraintFields = {
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
};

/** Rules of the chart of accounts, fiscal years and periods. */
export const chartRules: ConstraintFields = {
  accounts_parent_group: { path: 'parentId', message: 'The parent must be a group account of the same type.' },
  accounts_parent_cycle: { path: 'parentId', message: 'An account cannot sit under itself or one of its children.' },
  accounts_group_has_lines: { path: 'isGroup', message: 'An account with journal lines cannot become a group.' },
  accounts_group_has_children: { path: 'isGroup', message: 'A group with accounts under it must stay a group.' },
  accounts_type_fixed: { path: 'type', message: 'The type of an account with history or children cannot change.' },
  fiscal_years_overlap: { path: 'year', message: 'The fiscal year overlaps another.', status: 409 },
  fiscal_years_closed: { message: 'A closed fiscal year cannot change.', status: 409 },
  periods_dates_fixed: { message: 'A period’s dates cannot change.', status: 409 },
  periods_year_closed: { message: 'The period belongs to a closed fiscal year.', status: 409 },
};

/** Constraints of journal entries and their lines (every route that posts an entry). */
export const journalConstraints: ConstraintFields = {
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
  // Kept by the posting triggers, never written by a request: a month is its first day.
  account_month_totals_month_check: { message: 'Posted totals are kept per month, from its first day.' },
};

/** Rules of posting: balanced entries, open periods, active accounts (every route that posts an entry). */
export const journalRules: ConstraintFields = {
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
};

/** Constraints of customers, invoices, credit notes and customer credit. */
export const salesConstraints: ConstraintFields = {
  customers_terms_check: { path: 'paymentTermsDays', message: 'Payment terms are 0 to 365 days.' },
  customers_currency_check: { path: 'currency', message: 'Use an ISO 4217 code such as USD.' },
  customers_credit_limit_check: { path: 'creditLimit', message: 'The credit limit cannot be negative.' },
  invoices_number_idx: { message: 'Two invoices were given the same number at once; try again.', status: 409 },
  invoices_currency_check: { path: 'currency', message: 'Use an ISO 4217 code such as USD.' },
  invoices_rate_check: { path: 'rate', message: 'The rate must be greater than zero.' },
  invoices_due_check: { path: 'issueDate', message: 'The due date cannot be before the issue date.' },
  invoices_amounts_check: {
    message: 'Credits and payments cannot take an invoice below zero or above its total.',
    status: 409,
  },
  invoices_issued_check: { message: 'An issued invoice has a number, an entry and an issue time.' },
  invoices_void_check: { message: 'Only an invoice with nothing paid or credited can be voided.', status: 409 },
  invoice_lines_line_idx: { path: 'lines', message: 'Two lines have the same number.' },
  invoice_lines_quantity_check: { path: 'lines', message: 'A quantity must be greater than zero.' },
  invoice_lines_price_check: { path: 'lines', message: 'A price cannot be negative.' },
  invoice_lines_percent_check: { path: 'lines', message: 'Percentages are between 0 and 100.' },
  invoice_lines_amounts_check: { path: 'lines', message: 'A line’s amounts do not add up.' },
  invoice_lines_credited_check: { path: 'lines', message: 'More cannot be credited than was invoiced.' },
  invoices_credited_check: { message: 'More cannot be credited than was invoiced.', status: 409 },
  invoice_lines_credited_net_check: { path: 'lines', message: 'More cannot be credited than was invoiced.' },
  customer_credits_note_idx: { message: 'This credit note already gave the customer credit.', status: 409 },
  customer_credits_amount_check: { message: 'Customer credit cannot go below zero.', status: 409 },
};

/** Rules of issued invoices and credit notes. */
export const salesRules: ConstraintFields = {
  invoices_issued: {
    message: 'An issued invoice cannot be changed or deleted; void it or issue a credit note.',
    status: 409,
  },
  invoice_lines_issued: { message: 'The lines of an issued invoice cannot be changed.', status: 409 },
};

/** Constraints of vendors and their bills. */
export const purchaseConstraints: ConstraintFields = {
  vendors_terms_check: { path: 'paymentTermsDays', message: 'Payment terms are 0 to 365 days.' },
  vendors_currency_check: { path: 'currency', message: 'Use an ISO 4217 code such as USD.' },
  bills_number_idx: { message: 'Two bills were given the same number at once; try again.', status: 409 },
  bills_vendor_reference_idx: {
    path: 'vendorReference',
    message: 'This vendor already has a bill with this invoice number.',
    status: 409,
  },
  bills_currency_check: { path: 'currency', message: 'Use an ISO 4217 code such as USD.' },
  bills_rate_check: { path: 'rate', message: 'The rate must be greater than zero.' },
  bills_due_check: { path: 'billDate', message: 'The due date cannot be before the bill date.' },
  bills_amounts_check: { message: 'Payments cannot take a bill below zero or above its total.', status: 409 },
  bills_approved_check: { message: 'An approved bill has a number, an entry and an approval time.' },
  bills_void_check: { message: 'Only a bill with nothing paid can be voided.', status: 409 },
  bill_lines_line_idx: { path: 'lines', message: 'Two lines have the same number.' },
  bill_lines_quantity_check: { path: 'lines', message: 'A quantity must be greater than zero.' },
  bill_lines_price_check: { path: 'lines', message: 'A price cannot be negative.' },
  bill_lines_percent_check: { path: 'lines', message: 'Percentages are between 0 and 100.' },
  bill_lines_amounts_check: { path: 'lines', message: 'A line’s amounts do not add up.' },
  bills_credited_check: { message: 'More cannot be credited than was billed.', status: 409 },
  bill_lines_credited_check: { path: 'lines', message: 'More cannot be credited than was billed.' },
  bill_lines_credited_net_check: { path: 'lines', message: 'More cannot be credited than was billed.' },
  vendor_credits_note_idx: { message: 'This credit note already gave the vendor credit.', status: 409 },
  vendor_credits_amount_check: { message: 'Vendor credit cannot go below zero.', status: 409 },
};

/** Rules of approved bills. */
export const purchaseRules: ConstraintFields = {
  bills_approved: { message: 'An approved bill cannot be changed or deleted; void it.', status: 409 },
  bill_lines_approved: { message: 'The lines of an approved bill cannot be changed.', status: 409 },
};

/** Constraints of credit notes, against an invoice or a bill (one table for both sides). */
export const creditNoteConstraints: ConstraintFields = {
  credit_notes_number_idx: { message: 'Two credit notes were given the same number at once; try again.', status: 409 },
  credit_notes_amounts_check: { path: 'lines', message: 'A credit note comes to more than nothing.' },
  credit_notes_side_check: { message: 'A credit note is against one invoice or one bill.' },
  credit_note_lines_line_idx: { path: 'lines', message: 'Two lines have the same number.' },
  credit_note_lines_quantity_check: { path: 'lines', message: 'A quantity cannot be negative.' },
  credit_note_lines_side_check: { message: 'A credit note line is of one invoice line or one bill line.' },
};

/** Rules of credit notes. */
export const creditNoteRules: ConstraintFields = {
  credit_notes_fixed: { message: 'A credit note cannot be changed or deleted.', status: 409 },
  credit_notes_applied: {
    message: 'A credit note can be applied only to the invoice or bill it credits.',
    status: 409,
  },
};

/** Constraints of the gap-free document numbers invoices, credit notes and bills share. */
export const numberingConstraints: ConstraintFields = {
  number_series_last_check: { message: 'A document number must be positive.' },
};

/** Constraints of payments and their allocations to invoices and bills. */
export const paymentConstraints: ConstraintFields = {
  payments_currency_check: { path: 'currency', message: 'Use an ISO 4217 code such as USD.' },
  payments_rate_check: { path: 'rate', message: 'The rate must be greater than zero.' },
  payments_party_check: { path: 'partyId', message: 'A payment received is from a customer, one made to a vendor.' },
  payments_amount_check: { path: 'amount', message: 'A payment is more than zero.' },
  payments_allocated_check: {
    path: 'allocations',
    message: 'The allocations would take more than the payment holds.',
    status: 409,
  },
  payments_void_check: {
    message: 'A void payment has no allocations, and records the reversal of its entry and why.',
    status: 409,
  },
  payment_allocations_amount_check: { path: 'allocations', message: 'An allocated amount is more than zero.' },
  payment_allocations_document_check: { path: 'allocations', message: 'Allocate to one invoice or one bill.' },
};

/** Rules of payments and their allocations to invoices and bills. */
export const paymentRules: ConstraintFields = {
  payments_fixed: { message: 'A recorded payment cannot be changed or deleted.', status: 409 },
  payments_void_matched: {
    message: 'The payment is matched to a bank statement line; undo the match first.',
    status: 409,
  },
  payments_account: {
    path: 'accountId',
    message: 'A payment goes through an active bank or cash (asset) account that is not a group.',
  },
  payment_allocations_fixed: { message: 'An allocation cannot be changed; delete it and allocate again.', status: 409 },
  payment_allocations_payment: { message: 'Only a posted payment can be allocated.', status: 409 },
  payment_allocations_document: {
    path: 'allocations',
    message:
      'Allocate to an open invoice (payment received) or bill (payment made) of the payment’s party and currency.',
  },
};

/**
 * What recording a payment can be refused for: its own areas, the invoices' and bills' it
 * allocates to and the journal's (the `payments` and `bank-payments` functions). A function, so
 * that the functions that do not call it do not keep the maps it spreads.
 */
export const paymentRefusals = (): ConstraintFields => ({
  ...journalConstraints,
  ...journalRules,
  ...salesConstraints,
  ...salesRules,
  ...purchaseConstraints,
  ...purchaseRules,
  ...paymentConstraints,
  ...paymentRules,
});

/** Constraints of bank accounts, their statements and reconciliation. */
export const bankConstraints: ConstraintFields = {
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

/** Rules of bank accounts, their statements and reconciliation. */
export const bankRules: ConstraintFields = {
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

/** Constraints of expense categories, claims and receipts, and imported department expenses. */
export const expenseConstraints: ConstraintFields = {
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
};

/** Rules of expense categories, claims and receipts, and imported department expenses. */
export const expenseRules: ConstraintFields = {
  expense_claims_not_draft: { message: 'A submitted claim cannot change.', status: 409 },
  expense_claims_transition: { message: 'The claim is not in a state that allows this.', status: 409 },
};

/** Constraints of budgets, their months and what consumes them. */
export const budgetConstraints: ConstraintFields = {
  budgets_key_idx: { message: 'This department and account already have a budget for the year.', status: 409 },
  budget_months_key_idx: { path: 'months', message: 'A month appears twice.' },
  budget_months_no_check: { path: 'months', message: 'A year has twelve months.' },
  budget_months_amount_check: { path: 'months', message: 'A monthly amount cannot be negative.' },
  budget_consumptions_amount_check: { path: 'amount', message: 'Must be more than zero.' },
  budget_consumptions_kind_check: { message: 'A consumption is an actual or a commitment.' },
  budget_consumptions_outcome_check: { message: 'Unknown budget outcome.' },
  budget_consumptions_override_check: { path: 'overrideReason', message: 'An override needs its reason.' },
};
