import { currencySchema, isoDate, listQuery } from '@konecta/core';
import * as z from '@konecta/core/z';
import { paymentDirection, paymentStatus } from '@konecta/db';
import { decimal } from '../documents/decimal';

/** Request and response schemas of payments and their allocations. */

const amount = decimal('1250.00', 3, 'Write the amount as a decimal string, e.g. "1250.00" (more than zero).');

export const allocationBody = z.strictObject({
  invoiceId: z.optional(z.uuid()),
  billId: z.optional(z.uuid()),
  amount,
});

export const allocationsBody = z.strictObject({
  allocations: z.array(allocationBody).check(z.minLength(1, 'Give at least one allocation.'), z.maxLength(500)),
});

export const paymentBody = z.strictObject({
  direction: z.enum(paymentDirection.enumValues),
  partyId: z.openapi(z.uuid(), { description: 'The customer (received) or the vendor (made).' }),
  date: z.openapi(z.optional(isoDate), { description: 'Today unless given.' }),
  accountId: z.openapi(z.uuid(), { description: 'The bank or cash ledger account (an active asset account).' }),
  amount,
  currency: z.openapi(z.optional(currencySchema), { description: 'The party’s currency unless given.' }),
  rate: z.openapi(z.optional(decimal('48.250000', 6, 'A rate with at most 6 decimals, e.g. "48.25".')), {
    description: 'Base units per unit of the currency; the day’s rate unless given.',
  }),
  reference: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  memo: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
  allocations: z.optional(z.array(allocationBody).check(z.maxLength(500))),
});

const paymentFields = {
  id: z.uuid(),
  direction: z.enum(paymentDirection.enumValues),
  partyId: z.uuid(),
  partyName: z.nullable(z.string()),
  date: z.string(),
  accountId: z.uuid(),
  accountName: z.nullable(z.string()),
  currency: z.string(),
  rate: z.string(),
  amount: z.string(),
  allocatedAmount: z.string(),
  unappliedAmount: z.openapi(z.string(), { description: 'Not allocated: the party’s credit.' }),
  reference: z.string(),
  memo: z.string(),
  journalEntryId: z.uuid(),
  status: z.enum(paymentStatus.enumValues),
  voidReason: z.nullable(z.string()),
  voidEntryId: z.openapi(z.nullable(z.uuid()), { description: 'The reversal of its entry, once void.' }),
  voidedAt: z.nullable(z.string()),
  createdAt: z.string(),
};

export const paymentSummarySchema = z.openapi(z.object(paymentFields), 'PaymentSummary');
export const paymentSchema = z.openapi(
  z.object({
    ...paymentFields,
    allocations: z.array(
      z.object({
        id: z.uuid(),
        invoiceId: z.nullable(z.uuid()),
        billId: z.nullable(z.uuid()),
        documentNumber: z.nullable(z.string()),
        amount: z.string(),
        exchangeEntryId: z.nullable(z.uuid()),
        createdAt: z.string(),
      }),
    ),
  }),
  'Payment',
);

export const voidPaymentBody = z.strictObject({
  reason: z.openapi(z.string().check(z.trim(), z.minLength(3, 'Say why (3 characters at least).'), z.maxLength(500)), {
    description: 'Why the payment is voided (kept with it and in the audit log).',
  }),
});

export const paymentQuery = z.extend(listQuery(), {
  direction: z.optional(z.enum(paymentDirection.enumValues)),
  partyId: z.optional(z.uuid()),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
});

export const openDocumentsQuery = z.object({ partyId: z.uuid() });

export const openDocumentsSchema = z.openapi(
  z.object({
    partyId: z.uuid(),
    partyName: z.string(),
    kind: z.enum(['customer', 'vendor']),
    currency: z.string(),
    documents: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(['invoice', 'bill']),
        number: z.string(),
        date: z.string(),
        dueDate: z.string(),
        currency: z.string(),
        status: z.string(),
        total: z.string(),
        amountDue: z.string(),
      }),
    ),
    unappliedPayments: z.array(
      z.object({ paymentId: z.uuid(), date: z.string(), currency: z.string(), unappliedAmount: z.string() }),
    ),
  }),
  'OpenDocuments',
);

export const allocationParams = z.object({
  id: z.openapi(z.uuid(), { param: { name: 'id', in: 'path' } }),
  allocationId: z.openapi(z.uuid(), { param: { name: 'allocationId', in: 'path' } }),
});
