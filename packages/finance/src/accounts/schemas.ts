import { currencySchema, listQuery } from '@konecta/core';
import * as z from '@konecta/core/z';
import { accountType } from '@konecta/db';

/** Request and response schemas of the chart of accounts. */

export const accountSchema = z.openapi(
  z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(accountType.enumValues),
    parentId: z.nullable(z.uuid()),
    isGroup: z.boolean(),
    active: z.boolean(),
    currency: z.openapi(z.nullable(z.string()), { description: 'Set for an account kept in a foreign currency.' }),
    cash: z.openapi(z.boolean(), { description: 'Cash or bank: followed by the cash-flow statement.' }),
    role: z.openapi(z.nullable(z.string()), {
      description: 'What the system posts here by itself (retained_earnings, rounding …).',
    }),
    description: z.nullable(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'Account',
);

const code = z
  .string()
  .check(
    z.trim(),
    z.regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/, 'Use 1 to 20 letters, digits, dots or dashes, e.g. 1110.'),
  );
const name = z.string().check(z.trim(), z.minLength(2, 'Use at least 2 characters.'), z.maxLength(120));

export const accountBody = z.strictObject({
  code,
  name,
  type: z.enum(accountType.enumValues),
  parentId: z.optional(z.nullable(z.uuid())),
  isGroup: z.optional(z.boolean()),
  active: z.optional(z.boolean()),
  currency: z.optional(z.nullable(currencySchema)),
  cash: z.optional(z.boolean()),
  description: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(500)))),
});

export const accountPatch = z.catchall(z.partial(accountBody), z.never());

/** A `true`/`false` query parameter. */
export const bool = z.pipe(
  z.enum(['true', 'false']),
  z.transform((v) => v === 'true'),
);
export const accountQuery = z.extend(listQuery({ sort: ['code', 'name'] }), {
  type: z.optional(z.enum(accountType.enumValues)),
  active: z.optional(bool),
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});
