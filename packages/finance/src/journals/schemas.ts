import { currencySchema, isoDate, listQuery } from '@konecta/core';
import * as z from '@konecta/core/z';
import { journalSource, journalStatus } from '@konecta/db';

/** Request and response schemas of journal entries. Amounts are decimal strings in the entry's currency. */

const amount = z.openapi(
  z
    .string()
    .check(z.regex(/^\d{1,16}(\.\d{1,3})?$/, 'Write the amount as a decimal string, e.g. "1250.00" (never negative).')),
  { example: '1250.00' },
);

const lineBody = z.strictObject({
  accountId: z.uuid(),
  debit: z._default(amount, '0'),
  credit: z._default(amount, '0'),
  description: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(500)))),
  costCentre: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(20)))),
  partyId: z.optional(z.nullable(z.uuid())),
  projectId: z.optional(z.nullable(z.uuid())),
});

export const entryBody = z.strictObject({
  date: isoDate,
  memo: z._default(z.string().check(z.trim(), z.maxLength(500)), ''),
  currency: z.openapi(z.optional(currencySchema), { description: 'The base currency unless given.' }),
  rate: z.openapi(
    z.optional(
      z.string().check(z.regex(/^\d{1,12}(\.\d{1,6})?$/, 'A decimal with at most 6 decimals, e.g. "48.125000".')),
    ),
    { description: 'Base units per unit of `currency`; the day’s rate unless given.' },
  ),
  lines: z.array(lineBody).check(z.minLength(2, 'An entry needs at least two lines.'), z.maxLength(500)),
});
export type EntryBody = z.infer<typeof entryBody>;

const lineSchema = z.openapi(
  z.object({
    id: z.string(),
    lineNo: z.int(),
    accountId: z.uuid(),
    accountCode: z.string(),
    accountName: z.string(),
    debit: z.string(),
    credit: z.string(),
    baseDebit: z.string(),
    baseCredit: z.string(),
    description: z.nullable(z.string()),
    costCentre: z.nullable(z.string()),
    partyId: z.nullable(z.string()),
    projectId: z.nullable(z.string()),
    isRounding: z.boolean(),
  }),
  'JournalLine',
);

export const entrySummarySchema = z.openapi(
  z.object({
    id: z.uuid(),
    number: z.nullable(z.string()),
    date: z.string(),
    memo: z.string(),
    source: z.enum(journalSource.enumValues),
    sourceRef: z.nullable(z.string()),
    status: z.enum(journalStatus.enumValues),
    currency: z.string(),
    rate: z.string(),
    reversesId: z.nullable(z.uuid()),
    reversedById: z.nullable(z.uuid()),
    periodId: z.nullable(z.uuid()),
    createdBy: z.nullable(z.string()),
    postedBy: z.nullable(z.string()),
    postedAt: z.nullable(z.string()),
    createdAt: z.string(),
  }),
  'JournalEntrySummary',
);

export const entrySchema = z.openapi(
  z.extend(entrySummarySchema, {
    baseCurrency: z.string(),
    totals: z.object({ debit: z.string(), credit: z.string() }),
    lines: z.array(lineSchema),
  }),
  'JournalEntry',
);

export const entryQuery = z.extend(listQuery(), {
  from: z.optional(isoDate),
  to: z.optional(isoDate),
  status: z.optional(z.enum(journalStatus.enumValues)),
  source: z.optional(z.enum(journalSource.enumValues)),
  accountId: z.optional(z.openapi(z.uuid(), { description: 'Only entries with a line on this account.' })),
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});

export const reverseBody = z._default(
  z.strictObject({ memo: z.optional(z.string().check(z.trim(), z.maxLength(500))) }),
  {},
);
