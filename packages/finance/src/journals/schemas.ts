import { currencySchema, isoDate, listQuery, z } from '@konecta/core';
import { journalSource, journalStatus } from '@konecta/db';

/** Request and response schemas of journal entries. Amounts are decimal strings in the entry's currency. */

const amount = z
  .string()
  .regex(/^\d{1,16}(\.\d{1,3})?$/, 'Write the amount as a decimal string, e.g. "1250.00" (never negative).')
  .openapi({ example: '1250.00' });

const lineBody = z
  .object({
    accountId: z.string().uuid(),
    debit: amount.default('0'),
    credit: amount.default('0'),
    description: z.string().trim().max(500).nullable().optional(),
    costCentre: z.string().trim().max(20).nullable().optional(),
    partyId: z.string().uuid().nullable().optional(),
    projectId: z.string().uuid().nullable().optional(),
  })
  .strict();

export const entryBody = z
  .object({
    date: isoDate,
    memo: z.string().trim().max(500).default(''),
    currency: currencySchema.optional().openapi({ description: 'The base currency unless given.' }),
    rate: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,6})?$/, 'A decimal with at most 6 decimals, e.g. "48.125000".')
      .optional()
      .openapi({ description: 'Base units per unit of `currency`; the day’s rate unless given.' }),
    lines: z.array(lineBody).min(2, 'An entry needs at least two lines.').max(500),
  })
  .strict();
export type EntryBody = z.infer<typeof entryBody>;

const lineSchema = z
  .object({
    id: z.string(),
    lineNo: z.number().int(),
    accountId: z.string().uuid(),
    accountCode: z.string(),
    accountName: z.string(),
    debit: z.string(),
    credit: z.string(),
    baseDebit: z.string(),
    baseCredit: z.string(),
    description: z.string().nullable(),
    costCentre: z.string().nullable(),
    partyId: z.string().nullable(),
    projectId: z.string().nullable(),
    isRounding: z.boolean(),
  })
  .openapi('JournalLine');

export const entrySummarySchema = z
  .object({
    id: z.string().uuid(),
    number: z.string().nullable(),
    date: z.string(),
    memo: z.string(),
    source: z.enum(journalSource.enumValues),
    sourceRef: z.string().nullable(),
    status: z.enum(journalStatus.enumValues),
    currency: z.string(),
    rate: z.string(),
    reversesId: z.string().uuid().nullable(),
    reversedById: z.string().uuid().nullable(),
    periodId: z.string().uuid().nullable(),
    createdBy: z.string().nullable(),
    postedBy: z.string().nullable(),
    postedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('JournalEntrySummary');

export const entrySchema = entrySummarySchema
  .extend({
    baseCurrency: z.string(),
    totals: z.object({ debit: z.string(), credit: z.string() }),
    lines: z.array(lineSchema),
  })
  .openapi('JournalEntry');

export const entryQuery = listQuery().extend({
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(journalStatus.enumValues).optional(),
  source: z.enum(journalSource.enumValues).optional(),
  q: z.string().trim().max(100).optional(),
});

export const reverseBody = z
  .object({ memo: z.string().trim().max(500).optional() })
  .strict()
  .default({});
