import type { FinanceSchemas } from '../../core/api-types';

/** The finance API's shapes (generated from its OpenAPI document). */
export type Account = FinanceSchemas['Account'];
export type FiscalYear = FinanceSchemas['FiscalYear'];
export type Period = FinanceSchemas['Period'];
export type JournalEntrySummary = FinanceSchemas['JournalEntrySummary'];
export type JournalEntry = FinanceSchemas['JournalEntry'];
export type JournalLine = FinanceSchemas['JournalLine'];
export type JournalStatus = JournalEntrySummary['status'];
export type JournalSource = JournalEntrySummary['source'];
export type ExchangeRate = FinanceSchemas['ExchangeRate'];
export type TrialBalance = FinanceSchemas['TrialBalance'];
export type GeneralLedger = FinanceSchemas['GeneralLedger'];
export type ProfitAndLoss = FinanceSchemas['ProfitAndLoss'];
export type BalanceSheet = FinanceSchemas['BalanceSheet'];
export type CashFlow = FinanceSchemas['CashFlow'];
export type Ageing = FinanceSchemas['Ageing'];
export type FinanceDashboard = FinanceSchemas['FinanceDashboard'];
export type Revaluation = FinanceSchemas['Revaluation'];
export type FinanceSettings = FinanceSchemas['FinanceSettings'];

export interface ListPage<T> {
  items: T[];
  total: number | null;
  limit: number;
  offset: number;
}

export type ExpenseClaim = FinanceSchemas['ExpenseClaim'];
export type ExpenseClaimSummary = FinanceSchemas['ExpenseClaimSummary'];
export type ApprovedExpenseClaim = FinanceSchemas['ApprovedExpenseClaim'];
export type ExpenseCategory = FinanceSchemas['ExpenseCategory'];
export type Budget = FinanceSchemas['Budget'];
export type BudgetVsActual = FinanceSchemas['BudgetVsActual'];
export type FinanceDepartment = FinanceSchemas['FinanceDepartment'];
export type Customer = FinanceSchemas['Customer'];
export type Vendor = FinanceSchemas['Vendor'];
export type InvoiceSummary = FinanceSchemas['InvoiceSummary'];
export type Invoice = FinanceSchemas['Invoice'];
export type IssuedInvoice = FinanceSchemas['IssuedInvoice'];
export type InvoiceStatus = InvoiceSummary['status'];
export type CreditNote = FinanceSchemas['CreditNote'];
export type VendorCreditNote = FinanceSchemas['VendorCreditNote'];
/** A credit note as listed under its invoice or bill. */
export type CreditNoteSummary = FinanceSchemas['CreditNoteSummary'] | FinanceSchemas['VendorCreditNoteSummary'];
export type BillSummary = FinanceSchemas['BillSummary'];
export type Bill = FinanceSchemas['Bill'];
export type BillStatus = BillSummary['status'];
export type DocumentPreview = FinanceSchemas['DocumentPreview'];
export type BankAccount = FinanceSchemas['BankAccount'];
export type BankCsvMapping = FinanceSchemas['BankCsvMapping'];
export type BankStatementSummary = FinanceSchemas['BankStatementSummary'];
export type BankStatement = FinanceSchemas['BankStatement'];
export type BankStatementWithPayment = FinanceSchemas['BankStatementWithPayment'];
export type BankStatementLine = BankStatement['lines'][number];
export type BankLedgerLine = FinanceSchemas['BankLedgerLines']['items'][number];
export type BankMatchSuggestion = FinanceSchemas['BankMatchSuggestions']['items'][number];
export type PaymentSummary = FinanceSchemas['PaymentSummary'];
export type Payment = FinanceSchemas['Payment'];
export type OpenDocuments = FinanceSchemas['OpenDocuments'];
