import * as z from '@konecta/core/z';
import { fiscalStatus } from '@konecta/db';

/** Request and response schemas of fiscal years and periods. */

export const periodSchema = z.openapi(
  z.object({
    id: z.uuid(),
    fiscalYearId: z.uuid(),
    name: z.openapi(z.string(), { example: '2026-03' }),
    startDate: z.string(),
    endDate: z.string(),
    status: z.enum(fiscalStatus.enumValues),
    closedBy: z.nullable(z.string()),
    closedAt: z.nullable(z.string()),
    reopenedBy: z.nullable(z.string()),
    reopenedAt: z.nullable(z.string()),
    reopenReason: z.nullable(z.string()),
  }),
  'Period',
);

export const fiscalYearSchema = z.openapi(
  z.object({
    id: z.uuid(),
    name: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    status: z.enum(fiscalStatus.enumValues),
    closedBy: z.nullable(z.string()),
    closedAt: z.nullable(z.string()),
    closingEntryId: z.nullable(z.uuid()),
  }),
  'FiscalYear',
);

export const fiscalYearWithPeriods = z.openapi(
  z.extend(fiscalYearSchema, { periods: z.array(periodSchema) }),
  'FiscalYearWithPeriods',
);

export const fiscalYearBody = z.strictObject({
  year: z.openapi(z.int().check(z.gte(1900), z.lte(2199)), {
    description: 'The calendar year the fiscal year starts in (its start month is a company setting).',
  }),
});

export const periodQuery = z.object({
  fiscalYearId: z.optional(z.uuid()),
  status: z.optional(z.enum(fiscalStatus.enumValues)),
});

export const reopenBody = z.strictObject({
  reason: z.string().check(z.trim(), z.minLength(3, 'Say why the period is reopened.'), z.maxLength(500)),
});
