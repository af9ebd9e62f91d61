import { currencySchema, isoDate, listQuery } from '@konecta/core';
import * as z from '@konecta/core/z';
import { creditLimitAction } from '@konecta/db';
import { bool } from '../accounts/schemas';
import { reportFormat } from '../reports/schemas';

/** Request and response schemas of customers and vendors. */

const text = (max: number) => z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(max))));

const partyFields = {
  name: z.string().check(z.trim(), z.minLength(2, 'Use at least 2 characters.'), z.maxLength(200)),
  taxNumber: text(40),
  contactName: text(200),
  email: z.optional(z.nullable(z.email('Write an email address such as name@example.com.'))),
  phone: text(40),
  address: text(500),
  paymentTermsDays: z.optional(z.int().check(z.minimum(0), z.maximum(365))),
  currency: z.openapi(z.optional(currencySchema), { description: 'The base currency unless given.' }),
  active: z.optional(z.boolean()),
};

export const vendorBody = z.strictObject(partyFields);
export const customerBody = z.strictObject({
  ...partyFields,
  creditLimit: z.openapi(
    z.optional(
      z.nullable(
        z.string().check(z.regex(/^\d{1,15}(\.\d{1,3})?$/, 'Write the limit as a decimal string, e.g. "50000.00".')),
      ),
    ),
    { description: 'In the customer’s currency; null for no limit.' },
  ),
  creditLimitAction: z.openapi(z.optional(z.enum(creditLimitAction.enumValues)), {
    description: 'Over the limit, issuing warns (`warn`) or is refused (`stop`).',
  }),
});

const partyResponse = {
  id: z.uuid(),
  name: z.string(),
  taxNumber: z.nullable(z.string()),
  contactName: z.nullable(z.string()),
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  address: z.nullable(z.string()),
  paymentTermsDays: z.int(),
  currency: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
export const vendorSchema = z.openapi(z.object(partyResponse), 'Vendor');
export const customerSchema = z.openapi(
  z.object({
    ...partyResponse,
    creditLimit: z.nullable(z.string()),
    creditLimitAction: z.enum(creditLimitAction.enumValues),
  }),
  'Customer',
);

export const partyQuery = z.extend(listQuery(), {
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  active: z.optional(bool),
  currency: z.optional(currencySchema),
});

export const partyStatementQuery = z.object({
  from: z.openapi(z.optional(isoDate), { description: 'The first day of `to`’s month unless given.' }),
  to: z.openapi(z.optional(isoDate), { description: 'Today (company calendar) unless given.' }),
  currency: z.openapi(z.optional(currencySchema), { description: 'The party’s currency unless given.' }),
  format: reportFormat,
});

export const partyStatementSchema = z.openapi(
  z.object({
    partyId: z.uuid(),
    partyName: z.string(),
    kind: z.enum(['customer', 'vendor']),
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    opening: z.string(),
    lines: z.array(
      z.object({
        date: z.string(),
        type: z.enum(['invoice', 'bill', 'credit-note', 'void']),
        documentId: z.uuid(),
        number: z.nullable(z.string()),
        dueDate: z.nullable(z.string()),
        debit: z.string(),
        credit: z.string(),
        balance: z.string(),
      }),
    ),
    closing: z.string(),
    due: z.openapi(z.array(z.object({ label: z.string(), amount: z.string() })), {
      description: 'What was due at `to` by days past due (credit notes as applied to invoices).',
    }),
    dueTotal: z.string(),
  }),
  'PartyStatement',
);
