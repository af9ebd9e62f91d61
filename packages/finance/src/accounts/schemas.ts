import { currencySchema, listQuery, z } from '@konecta/core';
import { accountType } from '@konecta/db';

/** Request and response schemas of the chart of accounts. */

export const accountSchema = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(accountType.enumValues),
    parentId: z.string().uuid().nullable(),
    isGroup: z.boolean(),
    active: z.boolean(),
    currency: z.string().nullable().openapi({ description: 'Set for an account kept in a foreign currency.' }),
    cash: z.boolean().openapi({ description: 'Cash or bank: followed by the cash-flow statement.' }),
    role: z
      .string()
      .nullable()
      .openapi({ description: 'What the system posts here by itself (retained_earnings, rounding …).' }),
    description: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Account');

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/, 'Use 1 to 20 letters, digits, dots or dashes, e.g. 1110.');
const name = z.string().trim().min(2, 'Use at least 2 characters.').max(120);

export const accountBody = z
  .object({
    code,
    name,
    type: z.enum(accountType.enumValues),
    parentId: z.string().uuid().nullable().optional(),
    isGroup: z.boolean().optional(),
    active: z.boolean().optional(),
    currency: currencySchema.nullable().optional(),
    cash: z.boolean().optional(),
    description: z.string().trim().max(500).nullable().optional(),
  })
  .strict();

export const accountPatch = accountBody.partial().strict();

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const accountQuery = listQuery({ sort: ['code', 'name'] }).extend({
  type: z.enum(accountType.enumValues).optional(),
  active: bool.optional(),
  q: z.string().trim().max(100).optional(),
});
