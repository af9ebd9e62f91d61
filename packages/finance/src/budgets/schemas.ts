import { moneyInput, moneySchema } from '@konecta/core';
import * as z from '@konecta/core/z';
import { budgetMode } from '@konecta/db';
import { reportFormat } from '../reports/schemas';

/** Request and response schemas of budgets and budget against actual (amounts in the base currency). */

const amounts = {
  months: z.openapi(z.optional(z.array(moneyInput({ sign: 'nonNegative' })).check(z.length(12, 'Twelve amounts.'))), {
    description: 'Twelve monthly amounts, the first month of the fiscal year first.',
  }),
  annual: z.openapi(z.optional(moneyInput({ sign: 'nonNegative' })), {
    description: 'Instead of `months`: the year’s amount, spread evenly so that the twelve add up to it exactly.',
  }),
};

export const budgetBody = z.strictObject({
  fiscalYearId: z.uuid(),
  departmentId: z.uuid(),
  accountId: z.uuid(),
  mode: z._default(z.enum(budgetMode.enumValues), 'warn'),
  ...amounts,
});

export const budgetPatch = z.strictObject({ mode: z.optional(z.enum(budgetMode.enumValues)), ...amounts });

export const budgetQuery = z.object({ fiscalYearId: z.optional(z.uuid()), departmentId: z.optional(z.uuid()) });

export const budgetSchema = z.openapi(
  z.object({
    id: z.uuid(),
    fiscalYearId: z.uuid(),
    departmentId: z.uuid(),
    departmentName: z.string(),
    costCentre: z.string(),
    accountId: z.uuid(),
    accountCode: z.string(),
    accountName: z.string(),
    mode: z.enum(budgetMode.enumValues),
    total: moneySchema,
    months: z.array(z.object({ month: z.string(), amount: moneySchema })),
  }),
  'Budget',
);

export const budgetVsActualQuery = z.object({ fiscalYearId: z.uuid(), format: reportFormat });

const figures = z.object({ budget: moneySchema, actual: moneySchema, committed: moneySchema, remaining: moneySchema });
export const budgetVsActualSchema = z.openapi(
  z.object({
    fiscalYearId: z.uuid(),
    fiscalYear: z.string(),
    currency: z.string(),
    asOfMonth: z.openapi(z.string(), { description: 'Year to date runs to this month (today’s).' }),
    items: z.array(
      z.object({
        budgetId: z.uuid(),
        departmentId: z.uuid(),
        departmentName: z.string(),
        accountId: z.uuid(),
        accountCode: z.string(),
        accountName: z.string(),
        mode: z.enum(budgetMode.enumValues),
        months: z.array(z.extend(figures, { month: z.string(), over: z.boolean() })),
        yearToDate: figures,
        year: figures,
      }),
    ),
  }),
  'BudgetVsActual',
);

export const departmentSchema = z.openapi(
  z.object({ id: z.uuid(), name: z.string(), costCentre: z.nullable(z.string()) }),
  'FinanceDepartment',
);
