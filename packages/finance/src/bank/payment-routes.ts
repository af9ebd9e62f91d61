import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  jsonContent,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import type { FinanceContext } from '../context';
import { paymentFromLine } from './payment-from-line';
import { paymentFromLineBody, paymentFromLineSchema } from './payment-schemas';
import { lineParams } from './schemas';

/**
 * A payment made from a statement line: the one bank route that records a payment (and allocates
 * it to invoices and bills), so deployed it is a function of its own (the catalogue's
 * `finance.functions['bank-payments']`), keeping the payments code out of the bank function.
 */
export function bankPaymentRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const tags = ['bank'];

  r.openapi(
    createRoute({
      method: 'post',
      path: '/bank-statements/{id}/lines/{lineId}/payment',
      tags,
      summary:
        'Record a payment for an unmatched line (money in: received from the customer given; money out: made to the vendor given), from the bank account, dated the line’s date, optionally allocated, and match it — all or nothing',
      security: bearerSecurity,
      middleware: [requirePermission('finance.bank.reconcile'), requirePermission('finance.payments.manage')],
      request: { params: lineParams, body: { required: true, ...jsonContent(paymentFromLineBody) } },
      responses: {
        201: { description: 'The statement, and the payment made', ...jsonContent(paymentFromLineSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id, lineId } = c.req.valid('param');
      return c.json(await paymentFromLine(ctx, callerOf(c), id, lineId, c.req.valid('json')), 201);
    },
  );
  return r;
}
