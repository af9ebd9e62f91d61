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
import * as z from '@konecta/core/z';
import type { FinanceContext } from '../context';
import { previewSchema } from '../documents/schemas';
import { FILE_TYPES } from '../reports/files';
import {
  createInvoice,
  deleteInvoice,
  getInvoice,
  issueInvoice,
  listInvoices,
  previewInvoice,
  updateInvoice,
  voidInvoice,
} from './invoices';
import { invoicePdf } from './pdf';
import { invoiceBody, invoiceQuery, invoiceSchema, invoiceSummarySchema, issuedInvoiceSchema } from './schemas';

export function invoiceRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.invoices.read')];
  const manage = [requirePermission('finance.invoices.manage')];
  const tags = ['invoices'];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/invoices',
      tags,
      summary: 'Sales invoices, newest first, by status, customer, overdue (derived from the due date), dates or text',
      security: bearerSecurity,
      middleware: read,
      request: { query: invoiceQuery },
      responses: {
        200: { description: 'Invoices', ...jsonContent(pageSchema(invoiceSummarySchema, 'InvoiceList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listInvoices(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/invoices',
      tags,
      summary: 'Draft an invoice (amounts as decimal strings of its currency; totals worked out per line)',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(invoiceBody) } },
      responses: {
        201: { description: 'The draft', ...jsonContent(invoiceSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => c.json(await createInvoice(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/invoices/preview',
      tags,
      summary: 'The totals an invoice would have, without storing it (the form’s live totals)',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(invoiceBody) } },
      responses: {
        200: { description: 'Totals', ...jsonContent(previewSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => c.json(await previewInvoice(ctx, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/invoices/{id}',
      tags,
      summary: 'One invoice with its lines',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Invoice', ...jsonContent(invoiceSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await getInvoice(ctx, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/invoices/{id}',
      tags,
      summary: 'Replace a draft (an issued invoice answers 409)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(invoiceBody) } },
      responses: {
        200: { description: 'The draft', ...jsonContent(invoiceSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateInvoice(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/invoices/{id}',
      tags,
      summary: 'Delete a draft (an issued invoice is voided instead: 409)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteInvoice(ctx, callerOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/invoices/{id}/issue',
      tags,
      summary: 'Issue a draft: its number, and the posting of receivable, income, tax and withholding',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: {
        200: { description: 'The issued invoice', ...jsonContent(issuedInvoiceSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await issueInvoice(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/invoices/{id}/void',
      tags,
      summary: 'Void an issued invoice nothing was paid or credited on (its entry is reversed)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: {
        200: { description: 'The void invoice', ...jsonContent(invoiceSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await voidInvoice(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/invoices/{id}/pdf',
      tags,
      summary: 'The invoice as a PDF',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: {
          description: 'PDF',
          content: { [FILE_TYPES.pdf]: { schema: z.openapi(z.string(), { format: 'binary' }) } },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { file, name } = await invoicePdf(ctx, c.req.valid('param').id);
      return c.body(file as Uint8Array<ArrayBuffer>, 200, {
        'content-type': FILE_TYPES.pdf,
        'content-disposition': `attachment; filename="${name}"`,
      });
    },
  );
  return r;
}
