import { isoDate, z } from '@konecta/core';
import { accountType } from '@konecta/db';

/**
 * Request and response schemas of the statements. Amounts are decimal strings in the base
 * currency, named once per statement (`currency`).
 */

const format = z
  .enum(['json', 'csv', 'xlsx', 'pdf'])
  .default('json')
  .openapi({ description: 'json (default), or a file: csv, xlsx (numbers as numeric cells) or pdf.' });

export const rangeQuery = z.object({ from: isoDate, to: isoDate, format });
export const trialBalanceQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), format });
export const profitAndLossQuery = rangeQuery.extend({
  compare: z.enum(['previous-period', 'previous-year']).optional(),
});
export const balanceSheetQuery = z.object({ asOf: isoDate.optional(), format });
export const generalLedgerQuery = z.object({
  accountId: z.string().uuid(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional().openapi({ description: 'The `nextCursor` of the previous page.' }),
  format,
});

const accountFields = {
  accountId: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  type: z.enum(accountType.enumValues),
  parentId: z.string().uuid().nullable(),
  isGroup: z.boolean(),
  active: z.boolean(),
  depth: z.number().int(),
};

export const trialBalanceSchema = z
  .object({
    from: z.string().nullable(),
    to: z.string(),
    currency: z.string(),
    rows: z.array(
      z.object({
        ...accountFields,
        opening: z.string().openapi({ description: 'Balance before `from`, debit positive.' }),
        periodDebit: z.string(),
        periodCredit: z.string(),
        closing: z.string().openapi({ description: 'Balance at `to`, debit positive.' }),
        debit: z.string().openapi({ description: 'The closing balance when it is a debit, else 0.' }),
        credit: z.string().openapi({ description: 'The closing balance when it is a credit, else 0.' }),
      }),
    ),
    totals: z.object({ periodDebit: z.string(), periodCredit: z.string(), debit: z.string(), credit: z.string() }),
  })
  .openapi('TrialBalance');

export const generalLedgerSchema = z
  .object({
    account: z.object(accountFields),
    from: z.string().nullable(),
    to: z.string(),
    currency: z.string(),
    opening: z.string().openapi({ description: 'The balance before this page.' }),
    items: z.array(
      z.object({
        lineId: z.string(),
        date: z.string(),
        entryId: z.string().uuid(),
        number: z.string(),
        memo: z.string(),
        description: z.string().nullable(),
        debit: z.string(),
        credit: z.string(),
        transactionCurrency: z.string(),
        transactionDebit: z.string(),
        transactionCredit: z.string(),
        balance: z.string(),
      }),
    ),
    closing: z.string().openapi({ description: 'The balance after this page.' }),
    nextCursor: z.string().nullable(),
  })
  .openapi('GeneralLedger');

const pnlTotals = z.object({ income: z.string(), expenses: z.string(), netIncome: z.string() });
export const profitAndLossSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    months: z.array(z.string()),
    comparison: z.object({ from: z.string(), to: z.string() }).nullable(),
    rows: z.array(
      z.object({
        ...accountFields,
        months: z.record(z.string(), z.string()),
        total: z.string(),
        comparison: z.string().nullable(),
      }),
    ),
    totals: pnlTotals.extend({ comparison: pnlTotals.nullable() }),
  })
  .openapi('ProfitAndLoss');

export const balanceSheetSchema = z
  .object({
    asOf: z.string(),
    fiscalYearStart: z.string(),
    currency: z.string(),
    rows: z.array(z.object({ ...accountFields, role: z.string().nullable(), balance: z.string() })),
    totals: z.object({
      assets: z.string(),
      liabilities: z.string(),
      equity: z.string(),
      liabilitiesAndEquity: z.string(),
      balanced: z.boolean(),
    }),
  })
  .openapi('BalanceSheet');

export const cashFlowSchema = z
  .object({
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
  })
  .openapi('CashFlow');
