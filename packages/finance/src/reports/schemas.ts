import { isoDate } from '@konecta/core';
import * as z from '@konecta/core/z';
import { accountType } from '@konecta/db';

/**
 * Request and response schemas of the statements. Amounts are decimal strings in the base
 * currency, named once per statement (`currency`).
 */

const format = z.openapi(z._default(z.enum(['json', 'csv', 'xlsx', 'pdf']), 'json'), {
  description: 'json (default), or a file: csv, xlsx (numbers as numeric cells) or pdf.',
});

/** `?format=`: the statement as JSON, or as a CSV, XLSX or PDF file. */
export const reportFormat = format;

export const rangeQuery = z.object({ from: isoDate, to: isoDate, format });
export const trialBalanceQuery = z.object({ from: z.optional(isoDate), to: z.optional(isoDate), format });
export const profitAndLossQuery = z.extend(rangeQuery, {
  compare: z.optional(z.enum(['previous-period', 'previous-year'])),
});
export const balanceSheetQuery = z.object({ asOf: z.optional(isoDate), format });
export const generalLedgerQuery = z.object({
  accountId: z.uuid(),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), 100),
  cursor: z.openapi(z.optional(z.string().check(z.maxLength(500))), {
    description: 'The `nextCursor` of the previous page.',
  }),
  format,
});

/** An account as the general ledger names it. */
const ledgerAccountFields = {
  accountId: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: z.enum(accountType.enumValues),
  parentId: z.nullable(z.uuid()),
  isGroup: z.boolean(),
  active: z.boolean(),
};

/** An account as a statement over the tree shows it: with its depth under the root. */
const accountFields = { ...ledgerAccountFields, depth: z.int() };

export const trialBalanceSchema = z.openapi(
  z.object({
    from: z.nullable(z.string()),
    to: z.string(),
    currency: z.string(),
    rows: z.array(
      z.object({
        ...accountFields,
        opening: z.openapi(z.string(), { description: 'Balance before `from`, debit positive.' }),
        periodDebit: z.string(),
        periodCredit: z.string(),
        closing: z.openapi(z.string(), { description: 'Balance at `to`, debit positive.' }),
        debit: z.openapi(z.string(), { description: 'The closing balance when it is a debit, else 0.' }),
        credit: z.openapi(z.string(), { description: 'The closing balance when it is a credit, else 0.' }),
      }),
    ),
    totals: z.object({ periodDebit: z.string(), periodCredit: z.string(), debit: z.string(), credit: z.string() }),
  }),
  'TrialBalance',
);

export const generalLedgerSchema = z.openapi(
  z.object({
    account: z.object(ledgerAccountFields),
    from: z.nullable(z.string()),
    to: z.string(),
    currency: z.string(),
    opening: z.openapi(z.string(), { description: 'The balance before this page.' }),
    items: z.array(
      z.object({
        lineId: z.string(),
        date: z.string(),
        entryId: z.uuid(),
        number: z.string(),
        memo: z.string(),
        description: z.nullable(z.string()),
        debit: z.string(),
        credit: z.string(),
        transactionCurrency: z.string(),
        transactionDebit: z.string(),
        transactionCredit: z.string(),
        balance: z.string(),
      }),
    ),
    closing: z.openapi(z.string(), { description: 'The balance after this page.' }),
    nextCursor: z.nullable(z.string()),
  }),
  'GeneralLedger',
);

const pnlTotals = z.object({ income: z.string(), expenses: z.string(), netIncome: z.string() });
export const profitAndLossSchema = z.openapi(
  z.object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    months: z.array(z.string()),
    comparison: z.nullable(z.object({ from: z.string(), to: z.string() })),
    rows: z.array(
      z.object({
        ...accountFields,
        months: z.record(z.string(), z.string()),
        total: z.string(),
        comparison: z.nullable(z.string()),
      }),
    ),
    totals: z.extend(pnlTotals, { comparison: z.nullable(pnlTotals) }),
  }),
  'ProfitAndLoss',
);

export const balanceSheetSchema = z.openapi(
  z.object({
    asOf: z.string(),
    fiscalYearStart: z.string(),
    currency: z.string(),
    rows: z.array(z.object({ ...accountFields, role: z.nullable(z.string()), balance: z.string() })),
    totals: z.object({
      assets: z.string(),
      liabilities: z.string(),
      equity: z.string(),
      liabilitiesAndEquity: z.string(),
      balanced: z.boolean(),
    }),
  }),
  'BalanceSheet',
);

export const cashFlowSchema = z.openapi(
  z.object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    opening: z.string(),
    inflows: z.string(),
    outflows: z.string(),
    netChange: z.string(),
    closing: z.string(),
    sections: z.array(
      z.object({
        type: z.enum(accountType.enumValues),
        total: z.string(),
        accounts: z.array(z.object({ accountId: z.string(), code: z.string(), name: z.string(), amount: z.string() })),
      }),
    ),
  }),
  'CashFlow',
);

export const ageingQuery = z.object({
  asOf: z.openapi(z.optional(isoDate), { description: 'The date to age at; today (company calendar) unless given.' }),
  buckets: z.openapi(z.optional(z.string().check(z.maxLength(60))), {
    description:
      'Bucket edges in days past due, increasing: `30,60,90` (the default) gives current, 1-30, 31-60, 61-90, over 90.',
  }),
  format,
});

const bucketSchema = z.object({ label: z.string(), fromDays: z.nullable(z.int()), toDays: z.nullable(z.int()) });

export const ageingSchema = z.openapi(
  z.object({
    kind: z.enum(['receivables', 'payables']),
    asOf: z.string(),
    currency: z.openapi(z.string(), { description: 'The base currency of `baseAmounts` and `baseTotal`.' }),
    buckets: z.array(bucketSchema),
    rows: z.array(
      z.object({
        partyId: z.uuid(),
        partyName: z.string(),
        currency: z.openapi(z.string(), { description: 'The documents’ currency of `amounts` and `total`.' }),
        documents: z.int(),
        amounts: z.array(z.string()),
        total: z.string(),
        baseAmounts: z.array(z.string()),
        baseTotal: z.string(),
      }),
    ),
    totals: z.object({
      documents: z.int(),
      documentsByBucket: z.array(z.int()),
      baseAmounts: z.array(z.string()),
      baseTotal: z.string(),
      overdueDocuments: z.int(),
      baseOverdue: z.string(),
      byCurrency: z.array(
        z.object({ currency: z.string(), documents: z.int(), amounts: z.array(z.string()), total: z.string() }),
      ),
    }),
  }),
  'Ageing',
);
