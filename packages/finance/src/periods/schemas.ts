import { z } from '@konecta/core';
import { fiscalStatus } from '@konecta/db';

/** Request and response schemas of fiscal years and periods. */

export const periodSchema = z
  .object({
    id: z.string().uuid(),
    fiscalYearId: z.string().uuid(),
    name: z.string().openapi({ example: '2026-03' }),
    startDate: z.string(),
    endDate: z.string(),
    status: z.enum(fiscalStatus.enumValues),
    closedBy: z.string().nullable(),
    closedAt: z.string().nullable(),
    reopenedBy: z.string().nullable(),
    reopenedAt: z.string().nullable(),
    reopenReason: z.string().nullable(),
  })
  .openapi('Period');

export const fiscalYearSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    status: z.enum(fiscalStatus.enumValues),
    closedBy: z.string().nullable(),
    closedAt: z.string().nullable(),
    closingEntryId: z.string().uuid().nullable(),
  })
  .openapi('FiscalYear');

export const fiscalYearWithPeriods = fiscalYearSchema
  .extend({ periods: z.array(periodSchema) })
  .openapi('FiscalYearWithPeriods');

export const fiscalYearBody = z
  .object({
    year: z
      .number()
      .int()
      .min(1900)
      .max(2199)
      .openapi({ description: 'The calendar year the fiscal year starts in (its start month is a company setting).' }),
  })
  .strict();

export const periodQuery = z.object({
  fiscalYearId: z.string().uuid().optional(),
  status: z.enum(fiscalStatus.enumValues).optional(),
});

export const reopenBody = z
  .object({ reason: z.string().trim().min(3, 'Say why the period is reopened.').max(500) })
  .strict();
