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
import { vendorCreditNoteSchema, vendorCreditNoteSummarySchema } from './schemas';

/** Vendor credit notes against bills: deployed, the `credit-notes` function (`invoiceCreditNoteRoutes`). */
export function billCreditNoteRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.invoices.read')];
  const manage = [requirePermission('finance.invoices.manage')];
  const tags = ['bills'];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/bills/{id}/credit-notes',
      tags,
      summary: 'The vendor credit notes against a bill',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Vendor credit notes', ...jsonContent(z.array(vendorCreditNoteSummarySchema)) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await listCreditNotes(ctx, 'payable', c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/bills/{id}/credit-notes',
      tags,
      summary:
        'Record a vendor credit note against an approved bill: what is left of it, by lines and quantities, or by a net amount. Posts the reverse; any excess becomes credit with the vendor',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(creditNoteBody) } },
      responses: {
        201: { description: 'The vendor credit note', ...jsonContent(vendorCreditNoteSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(await createCreditNote(ctx, callerOf(c), 'payable', c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/vendor-credit-notes/{id}',
      tags,
      summary: 'One vendor credit note with its lines',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Vendor credit note', ...jsonContent(vendorCreditNoteSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await getCreditNote(ctx, 'payable', c.req.valid('param').id), 200),
  );
  return r;
}
