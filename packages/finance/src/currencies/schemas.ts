import { currencySchema, isoDate, listQuery } from '@konecta/core';
import * as z from '@konecta/core/z';
import { entrySchema } from '../journals/schemas';

/** Request and response schemas of exchange rates and revaluation. */

export const rateSchema = z.openapi(
  z.object({
    id: z.uuid(),
    currency: z.string(),
    date: z.string(),
    rate: z.openapi(z.string(), { description: 'Base-currency units per unit of `currency`.' }),
    createdBy: z.nullable(z.string()),
    updatedAt: z.string(),
  }),
  'ExchangeRate',
);

export const settingsSchema = z.openapi(
  z.object({
    baseCurrency: z.openapi(z.string(), { description: 'The currency the ledger and its statements are kept in.' }),
    fiscalYearStartMonth: z.openapi(z.number(), { description: 'The month (1–12) fiscal years start in.' }),
    currencies: z.openapi(z.array(z.string()), {
      description: 'The base currency first, then every currency with a rate or a foreign-currency account.',
    }),
  }),
  'FinanceSettings',
);

export const rateBody = z.strictObject({
  currency: currencySchema,
  date: isoDate,
  rate: z.string().check(
    z.regex(/^\d{1,12}(\.\d{1,6})?$/, 'A decimal with at most 6 decimals, e.g. "48.125000".'),
    z.refine((v) => /[1-9]/.test(v), 'Must be greater than zero.'),
  ),
});

export const rateQuery = z.extend(listQuery(), {
  currency: z.optional(currencySchema),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
});

export const importResult = z.openapi(z.object({ imported: z.int() }), 'RateImport');

export const revaluationBody = z.strictObject({
  month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month like 2026-03.')),
});

export const revaluationSchema = z.openapi(
  z.object({ month: z.string(), entry: z.nullable(entrySchema), reversal: z.nullable(entrySchema) }),
  'Revaluation',
);
