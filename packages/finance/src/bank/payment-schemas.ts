import * as z from '@konecta/core/z';
import { allocationBody } from '../payments/schemas';
import { statementSchema } from './schemas';

/** Request and response schemas of a payment from a statement line (its own function, with the payments' schemas). */

export const paymentFromLineBody = z.strictObject({
  partyId: z.openapi(z.uuid(), { description: 'The customer (money in) or the vendor (money out).' }),
  allocations: z.optional(z.array(allocationBody).check(z.maxLength(500))),
  reference: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  memo: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
});
export const paymentFromLineSchema = z.openapi(
  z.extend(statementSchema, { paymentId: z.openapi(z.uuid(), { description: 'The payment created.' }) }),
  'BankStatementWithPayment',
);
