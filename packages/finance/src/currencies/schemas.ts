import { currencySchema, isoDate, listQuery, z } from '@konecta/core';
import { entrySchema } from '../journals/schemas';

/** Request and response schemas of exchange rates and revaluation. */

export const rateSchema = z
  .object({
    id: z.string().uuid(),
    currency: z.string(),
    date: z.string(),
    rate: z.string().openapi({ description: 'Base-currency units per unit of `currency`.' }),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('ExchangeRate');

export const rateBody = z
  .object({
    currency: currencySchema,
    date: isoDate,
    rate: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,6})?$/, 'A decimal with at most 6 decimals, e.g. "48.125000".')
      .refine((v) => /[1-9]/.test(v), 'Must be greater than zero.'),
  })
  .strict();

export const rateQuery = listQuery().extend({
  currency: currencySchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const importResult = z.object({ imported: z.number().int() }).openapi('RateImport');

export const revaluationBody = z
  .object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month like 2026-03.') })
  .strict();

export const revaluationSchema = z
  .object({ month: z.string(), entry: entrySchema.nullable(), reversal: entrySchema.nullable() })
  .openapi('Revaluation');
