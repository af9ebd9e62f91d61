import { isoDate, listQuery } from '@konecta/core';
import * as z from '@konecta/core/z';
import { billStatus } from '@konecta/db';
import { bool } from '../accounts/schemas';
import {
  amountFields,
  creditNoteAmountFields,
  creditNoteLineSchema,
  documentFields,
  lineBody,
  lineSchema,
} from '../documents/schemas';

/** Request and response schemas of vendor bills. */

export const billBody = z.strictObject({
  vendorId: z.uuid(),
  vendorReference: z.openapi(z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(60)))), {
    description: 'The vendor’s own invoice number: one bill per number and vendor; required to approve.',
  }),
  billDate: z.openapi(z.optional(isoDate), {
    description: 'Today unless given; the due date follows from the vendor’s terms.',
  }),
  ...documentFields,
  lines: z
    .array(
      z.extend(lineBody, {
        id: z.openapi(z.optional(z.uuid()), {
          description: 'A line of this draft: keeps what it recorded of the goods received.',
        }),
      }),
    )
    .check(z.maxLength(500)),
});

const billFields = {
  id: z.uuid(),
  number: z.nullable(z.string()),
  vendorId: z.uuid(),
  vendorName: z.nullable(z.string()),
  vendorReference: z.nullable(z.string()),
  billDate: z.string(),
  dueDate: z.string(),
  status: z.enum(billStatus.enumValues),
  overdue: z.boolean(),
  currency: z.string(),
  rate: z.string(),
  ...amountFields,
  creditedAmount: z.string(),
  paidAmount: z.string(),
  amountDue: z.string(),
  memo: z.string(),
  orderId: z.nullable(z.uuid()),
  orderNumber: z.nullable(z.string()),
  journalEntryId: z.nullable(z.uuid()),
  voidEntryId: z.nullable(z.uuid()),
  approvedBy: z.nullable(z.string()),
  approvedAt: z.nullable(z.string()),
  voidedAt: z.nullable(z.string()),
  createdAt: z.string(),
};

export const billSummarySchema = z.openapi(z.object(billFields), 'BillSummary');
export const billSchema = z.openapi(
  z.object({
    ...billFields,
    hasDifference: z.openapi(z.boolean(), {
      description: 'A line’s billed quantity or price differs from the order or receipt.',
    }),
    lines: z.array(
      z.extend(lineSchema, {
        itemId: z.nullable(z.uuid()),
        orderedQuantity: z.nullable(z.string()),
        receivedQuantity: z.nullable(z.string()),
        orderedUnitPrice: z.nullable(z.string()),
        hasDifference: z.boolean(),
        creditedQuantity: z.string(),
      }),
    ),
  }),
  'Bill',
);

export const billQuery = z.extend(listQuery(), {
  status: z.optional(z.enum(billStatus.enumValues)),
  vendorId: z.optional(z.uuid()),
  overdue: z.optional(bool),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});

const vendorCreditNoteFields = {
  ...creditNoteAmountFields,
  billId: z.uuid(),
  vendorId: z.uuid(),
  appliedAmount: z.openapi(z.string(), { description: 'What it took off the bill’s amount due.' }),
  vendorCredit: z.openapi(z.string(), { description: 'The rest, now the company’s credit with the vendor.' }),
};
export const vendorCreditNoteSummarySchema = z.openapi(z.object(vendorCreditNoteFields), 'VendorCreditNoteSummary');
export const vendorCreditNoteSchema = z.openapi(
  z.object({
    ...vendorCreditNoteFields,
    lines: z.array(z.extend(creditNoteLineSchema, { billLineId: z.uuid() })),
  }),
  'VendorCreditNote',
);
