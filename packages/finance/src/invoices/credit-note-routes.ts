import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  idParam,
  jsonContent,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { FinanceContext } from '../context';
import { createCreditNote, getCreditNote, listCreditNotes } from '../documents/credit-notes';
import { creditNoteBody } from '../documents/schemas';
import { creditNoteSchema, creditNoteSummarySchema } from './schemas';

/**
 * Credit notes against invoices: deployed, the `credit-notes` function (the catalogue's
 * `finance.functions['credit-notes']`) answers them with the bills' credit notes, so that neither
 * the invoices nor the bills function carries the credit-note code of both sides.
 */
export function invoiceCreditNoteRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.invoices.read')];
  const manage = [requirePermission('finance.invoices.manage')];
  const tags = ['invoices'];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/invoices/{id}/credit-notes',
      tags,
      summary: 'The credit notes against an invoice',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Credit notes', ...jsonContent(z.array(creditNoteSummarySchema)) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await listCreditNotes(ctx, 'receivable', c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/invoices/{id}/credit-notes',
      tags,
      summary:
        'Credit an issued invoice: what is left of it, by lines and quantities, or by a net amount (tax and withholding follow the invoice’s). Posts the reverse; any excess becomes customer credit',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(creditNoteBody) } },
      responses: {
        201: { description: 'The credit note', ...jsonContent(creditNoteSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(await createCreditNote(ctx, callerOf(c), 'receivable', c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/credit-notes/{id}',
      tags,
      summary: 'One credit note with its lines',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Credit note', ...jsonContent(creditNoteSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await getCreditNote(ctx, 'receivable', c.req.valid('param').id), 200),
  );
  return r;
}
