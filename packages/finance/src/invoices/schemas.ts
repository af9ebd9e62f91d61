import { isoDate, listQuery } from '@konecta/core';
import * as z from '@konecta/core/z';
import { invoiceStatus } from '@konecta/db';
import { bool } from '../accounts/schemas';
import {
  amountFields,
  creditNoteAmountFields,
  creditNoteLineSchema,
  documentFields,
  lineSchema,
} from '../documents/schemas';

/** Request and response schemas of sales invoices and their credit notes. */

export const invoiceBody = z.strictObject({
  customerId: z.uuid(),
  issueDate: z.openapi(z.optional(isoDate), {
    description: 'Today unless given; the due date follows from the customer’s terms.',
  }),
  ...documentFields,
});

const invoiceFields = {
  id: z.uuid(),
  number: z.nullable(z.string()),
  customerId: z.uuid(),
  customerName: z.nullable(z.string()),
  issueDate: z.string(),
  dueDate: z.string(),
  status: z.enum(invoiceStatus.enumValues),
  overdue: z.openapi(z.boolean(), { description: 'Past its due date today with something still owed.' }),
  currency: z.string(),
  rate: z.string(),
  ...amountFields,
  creditedAmount: z.string(),
  paidAmount: z.string(),
  amountDue: z.string(),
  memo: z.string(),
  journalEntryId: z.nullable(z.uuid()),
  voidEntryId: z.nullable(z.uuid()),
  issuedBy: z.nullable(z.string()),
  issuedAt: z.nullable(z.string()),
  voidedAt: z.nullable(z.string()),
  createdAt: z.string(),
};

export const invoiceSummarySchema = z.openapi(z.object(invoiceFields), 'InvoiceSummary');
export const invoiceSchema = z.openapi(
  z.object({ ...invoiceFields, lines: z.array(z.extend(lineSchema, { creditedQuantity: z.string() })) }),
  'Invoice',
);
export const issuedInvoiceSchema = z.openapi(
  z.extend(invoiceSchema, {
    warnings: z.openapi(z.array(z.string()), { description: 'Over the customer’s credit limit (set to warn).' }),
  }),
  'IssuedInvoice',
);

export const invoiceQuery = z.extend(listQuery(), {
  status: z.optional(z.enum(invoiceStatus.enumValues)),
  customerId: z.optional(z.uuid()),
  overdue: z.optional(bool),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});

const creditNoteFields = {
  ...creditNoteAmountFields,
  invoiceId: z.uuid(),
  customerId: z.uuid(),
  appliedAmount: z.openapi(z.string(), { description: 'What it took off the invoice’s amount due.' }),
  customerCredit: z.openapi(z.string(), { description: 'The rest, now the customer’s credit.' }),
};
export const creditNoteSummarySchema = z.openapi(z.object(creditNoteFields), 'CreditNoteSummary');
export const creditNoteSchema = z.openapi(
  z.object({
    ...creditNoteFields,
    lines: z.array(z.extend(creditNoteLineSchema, { invoiceLineId: z.uuid() })),
  }),
  'CreditNote',
);
