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
import { previewSchema } from '../documents/schemas';
import { approveBill, createBill, deleteBill, getBill, listBills, previewBill, updateBill, voidBill } from './bills';
import { billBody, billQuery, billSchema, billSummarySchema } from './schemas';

export function billRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.invoices.read')];
  const manage = [requirePermission('finance.invoices.manage')];
  const tags = ['bills'];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/bills',
      tags,
      summary: 'Vendor bills, newest first, by status, vendor, overdue, dates or text',
      security: bearerSecurity,
      middleware: read,
      request: { query: billQuery },
      responses: {
        200: { description: 'Bills', ...jsonContent(pageSchema(billSummarySchema, 'BillList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listBills(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/bills',
      tags,
      summary: 'Draft a bill (amounts as decimal strings of its currency)',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(billBody) } },
      responses: {
        201: { description: 'The draft', ...jsonContent(billSchema) },
        ...problemResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const id = await createBill(ctx, callerOf(c), c.req.valid('json'));
      return c.json(await getBill(ctx, id), 201);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/bills/preview',
      tags,
      summary: 'The totals a bill would have, without storing it',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(billBody) } },
      responses: {
        200: { description: 'Totals', ...jsonContent(previewSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => c.json(await previewBill(ctx, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/bills/{id}',
      tags,
      summary: 'One bill with its lines (and what was ordered and received, when drafted from goods received)',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: { 200: { description: 'Bill', ...jsonContent(billSchema) }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getBill(ctx, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/bills/{id}',
      tags,
      summary: 'Replace a draft (an approved bill answers 409)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(billBody) } },
      responses: {
        200: { description: 'The draft', ...jsonContent(billSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateBill(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/bills/{id}',
      tags,
      summary: 'Delete a draft (an approved bill is voided instead: 409)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteBill(ctx, callerOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/bills/{id}/approve',
      tags,
      summary: 'Approve a draft: its number, and the posting of expense, tax receivable, withholding and payable',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: {
        200: { description: 'The approved bill', ...jsonContent(billSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await approveBill(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/bills/{id}/void',
      tags,
      summary: 'Void an approved bill nothing was paid on (its entry is reversed)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: {
        200: { description: 'The void bill', ...jsonContent(billSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await voidBill(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  return r;
}
