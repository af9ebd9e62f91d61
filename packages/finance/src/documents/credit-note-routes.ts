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
import { createCreditNote, getCreditNote, listCreditNotes } from './credit-notes';
import type { Side } from './posting';
import { creditNoteBody } from './schemas';

/** What the credit-note routes of one side say and answer with. */
export interface CreditNoteRoutesOf {
  side: Side;
  tag: string;
  /** `/invoices`, `/bills`: the documents the notes are against. */
  documents: string;
  /** `/credit-notes`, `/vendor-credit-notes`: one note by id. */
  notes: string;
  schema: z.ZodMiniType;
  summarySchema: z.ZodMiniType;
  words: { list: string; listed: string; create: string; created: string; one: string; found: string };
}

/**
 * The credit-note routes of one side (list and create against a document, one note by id): the
 * same rules for both sides (documents/credit-notes.ts), with each side's paths, schemas and words.
 * Deployed, the `credit-notes` function answers both sides' (the catalogue's
 * `finance.functions['credit-notes']`), so neither the invoices nor the bills function carries the
 * credit-note code.
 */
export function creditNoteRoutes(of: CreditNoteRoutesOf) {
  return (ctx: FinanceContext) => {
    const r = createRouter();
    const read = [requirePermission('finance.invoices.read')];
    const manage = [requirePermission('finance.invoices.manage')];
    const tags = [of.tag];

    r.openapi(
      createRoute({
        method: 'get',
        path: `${of.documents}/{id}/credit-notes`,
        tags,
        summary: of.words.list,
        security: bearerSecurity,
        middleware: read,
        request: { params: idParam },
        responses: {
          200: { description: of.words.listed, ...jsonContent(z.array(of.summarySchema)) },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => c.json(await listCreditNotes(ctx, of.side, c.req.valid('param').id), 200),
    );
    r.openapi(
      createRoute({
        method: 'post',
        path: `${of.documents}/{id}/credit-notes`,
        tags,
        summary: of.words.create,
        security: bearerSecurity,
        middleware: manage,
        request: { params: idParam, body: { required: true, ...jsonContent(creditNoteBody) } },
        responses: {
          201: { description: of.words.created, ...jsonContent(of.schema) },
          ...problemResponses(400, 401, 403, 404, 409, 422),
        },
      }),
      async (c) =>
        c.json(await createCreditNote(ctx, callerOf(c), of.side, c.req.valid('param').id, c.req.valid('json')), 201),
    );
    r.openapi(
      createRoute({
        method: 'get',
        path: `${of.notes}/{id}`,
        tags,
        summary: of.words.one,
        security: bearerSecurity,
        middleware: read,
        request: { params: idParam },
        responses: {
          200: { description: of.words.found, ...jsonContent(of.schema) },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => c.json(await getCreditNote(ctx, of.side, c.req.valid('param').id), 200),
    );
    return r;
  };
}
