import { currencySchema, isoDate } from '@konecta/core';
import * as z from '@konecta/core/z';
import { decimal } from './decimal';

/** What invoices, bills and credit notes share in their request and response schemas. */

export { decimal } from './decimal';

const percent = z.optional(decimal('14', 2, 'A percentage with at most 2 decimals, e.g. "14" or "2.5".'));

export const lineBody = z.strictObject({
  description: z.string().check(z.trim(), z.minLength(1, 'Describe the line.'), z.maxLength(500)),
  quantity: decimal('2.5', 3, 'A quantity with at most 3 decimals, e.g. "2.5".'),
  unitPrice: decimal('1250.00', 3, 'Write the price as a decimal string, e.g. "1250.00" (never negative).'),
  discountPercent: percent,
  taxPercent: percent,
  withholdingPercent: percent,
  accountId: z.uuid(),
  departmentId: z.optional(z.nullable(z.uuid())),
  projectId: z.optional(z.nullable(z.uuid())),
});

/** A line's amounts as the server works them out, decimal strings of the document's currency. */
export const amountFields = {
  gross: z.string(),
  discount: z.string(),
  net: z.string(),
  tax: z.string(),
  withholding: z.string(),
  total: z.string(),
};

export const lineSchema = z.openapi(
  z.object({
    id: z.uuid(),
    lineNo: z.int(),
    description: z.string(),
    quantity: z.string(),
    unitPrice: z.string(),
    discountPercent: z.string(),
    taxPercent: z.string(),
    withholdingPercent: z.string(),
    accountId: z.uuid(),
    departmentId: z.nullable(z.uuid()),
    projectId: z.nullable(z.uuid()),
    ...amountFields,
  }),
  'DocumentLine',
);

export const documentFields = {
  currency: z.openapi(z.optional(currencySchema), { description: 'The party’s currency unless given.' }),
  memo: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  lines: z.array(lineBody).check(z.maxLength(500)),
};

export const previewSchema = z.openapi(
  z.object({
    issueDate: isoDate,
    dueDate: isoDate,
    currency: z.string(),
    rate: z.string(),
    ...amountFields,
    lines: z.array(z.object({ lineNo: z.int(), ...amountFields })),
  }),
  'DocumentPreview',
);

/** A credit note against an invoice or a bill: whole, by lines and quantities, or by a net amount. */
export const creditNoteBody = z.strictObject({
  date: z.optional(isoDate),
  reason: z.string().check(z.trim(), z.minLength(3, 'Give the reason in a few words.'), z.maxLength(500)),
  lines: z.openapi(
    z.optional(
      z
        .array(z.strictObject({ lineId: z.uuid(), quantity: decimal('1', 3, 'A quantity with at most 3 decimals.') }))
        .check(z.minLength(1, 'Name at least one line, or leave lines out to credit the whole document.')),
    ),
    { description: 'The lines and quantities taken back.' },
  ),
  amount: z.openapi(z.optional(decimal('500.00', 3, 'Write the amount as a decimal string, e.g. "500.00".')), {
    description:
      'Or a net amount taken off (a price reduction): tax and withholding follow the document’s own, rounded half away from zero. With neither lines nor amount, all that is left is credited.',
  }),
});

/** What every credit note answers with, whichever side it is on. */
export const creditNoteAmountFields = {
  id: z.uuid(),
  number: z.string(),
  date: z.string(),
  reason: z.string(),
  currency: z.string(),
  net: z.string(),
  tax: z.string(),
  withholding: z.string(),
  total: z.string(),
  journalEntryId: z.uuid(),
  createdAt: z.string(),
};

export const creditNoteLineSchema = z.object({
  lineNo: z.int(),
  description: z.string(),
  quantity: z.openapi(z.string(), { description: 'The quantity taken back; 0 on a credit note by amount.' }),
  net: z.string(),
  tax: z.string(),
  withholding: z.string(),
  total: z.string(),
});
