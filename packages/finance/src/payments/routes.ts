import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  idParam,
  jsonContent,
  pageSchema,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import type { FinanceContext } from '../context';
import {
  allocatePayment,
  deleteAllocation,
  getPayment,
  listPayments,
  openDocuments,
  recordPayment,
  voidPayment,
} from './payments';
import {
  allocationParams,
  allocationsBody,
  openDocumentsQuery,
  openDocumentsSchema,
  paymentBody,
  paymentQuery,
  paymentSchema,
  paymentSummarySchema,
  voidPaymentBody,
} from './schemas';

export function paymentRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.payments.read')];
  const manage = [requirePermission('finance.payments.manage')];
  const tags = ['payments'];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/payments/open-documents',
      tags,
      summary:
        'A customer’s open invoices or a vendor’s open bills with what each still owes, and the party’s unapplied payments',
      security: bearerSecurity,
      middleware: read,
      request: { query: openDocumentsQuery },
      responses: {
        200: { description: 'Open documents', ...jsonContent(openDocumentsSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await openDocuments(ctx, c.req.valid('query').partyId), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/payments',
      tags,
      summary: 'Payments received and made, newest first, by direction, party or dates',
      security: bearerSecurity,
      middleware: read,
      request: { query: paymentQuery },
      responses: {
        200: { description: 'Payments', ...jsonContent(pageSchema(paymentSummarySchema, 'PaymentList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listPayments(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/payments',
      tags,
      summary:
        'Record a payment received from a customer or made to a vendor (posted), optionally allocated to open documents; the rest stays the party’s credit',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(paymentBody) } },
      responses: {
        201: { description: 'The payment', ...jsonContent(paymentSchema) },
        ...problemResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await recordPayment(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/payments/{id}',
      tags,
      summary: 'One payment with its allocations',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Payment', ...jsonContent(paymentSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await getPayment(ctx, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/payments/{id}/allocations',
      tags,
      summary:
        'Allocate what is left of a payment to open documents of its party (never more than a document owes or the payment holds)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(allocationsBody) } },
      responses: {
        200: { description: 'The payment', ...jsonContent(paymentSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(await allocatePayment(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json').allocations), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/payments/{id}/allocations/{allocationId}',
      tags,
      summary: 'Remove an allocation: the document reopens and its exchange difference is reversed',
      security: bearerSecurity,
      middleware: manage,
      request: { params: allocationParams },
      responses: {
        200: { description: 'The payment', ...jsonContent(paymentSchema) },
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id, allocationId } = c.req.valid('param');
      return c.json(await deleteAllocation(ctx, callerOf(c), id, allocationId), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/payments/{id}/void',
      tags,
      summary:
        'Void a payment with a reason: its allocations are removed (the documents reopen) and its entry reversed, dated today; 409 when already void or while matched to a bank statement line',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(voidPaymentBody) } },
      responses: {
        200: { description: 'The void payment', ...jsonContent(paymentSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await voidPayment(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}
