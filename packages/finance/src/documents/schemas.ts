import { currencySchema, isoDate } from '@konecta/core';
import * as z from '@konecta/core/z';

/** What invoices, bills and credit notes share in their request and response schemas. */

export const decimal = (example: string, scale: number, message: string) =>
  z.openapi(z.string().check(z.regex(new RegExp(`^\\d{1,12}(\\.\\d{1,${scale}})?$`), message)), { example });

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
