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
  createDraft,
  deleteDraft,
  entryInputFrom,
  getEntry,
  listEntries,
  postEntry,
  reverseEntry,
  updateDraft,
} from './entries';
import { entryBody, entryQuery, entrySchema, entrySummarySchema, reverseBody } from './schemas';

export function journalRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.journals.read')];
  const write = [requirePermission('finance.journals.post')];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/journal-entries',
      tags: ['journal entries'],
      summary: 'Journal entries, newest first, by date range, status, source, account or text',
      security: bearerSecurity,
      middleware: read,
      request: { query: entryQuery },
      responses: {
        200: { description: 'Entries', ...jsonContent(pageSchema(entrySummarySchema, 'JournalEntryList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listEntries(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/journal-entries',
      tags: ['journal entries'],
      summary: 'Create a draft entry (amounts as decimal strings of its currency)',
      security: bearerSecurity,
      middleware: write,
      request: { body: { required: true, ...jsonContent(entryBody) } },
      responses: {
        201: { description: 'The draft', ...jsonContent(entrySchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const draft = await createDraft(ctx, callerOf(c), entryInputFrom(ctx, c.req.valid('json')));
      return c.json(await getEntry(ctx, draft.id), 201);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/journal-entries/{id}',
      tags: ['journal entries'],
      summary: 'One entry with its lines',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Entry', ...jsonContent(entrySchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await getEntry(ctx, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/journal-entries/{id}',
      tags: ['journal entries'],
      summary: 'Replace a draft’s date, memo, currency and lines (a posted entry answers 409)',
      security: bearerSecurity,
      middleware: write,
      request: { params: idParam, body: { required: true, ...jsonContent(entryBody) } },
      responses: {
        200: { description: 'The draft', ...jsonContent(entrySchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(
        await updateDraft(ctx, callerOf(c), c.req.valid('param').id, entryInputFrom(ctx, c.req.valid('json'))),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/journal-entries/{id}',
      tags: ['journal entries'],
      summary: 'Delete a draft (a posted entry is reversed instead: 409)',
      security: bearerSecurity,
      middleware: write,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteDraft(ctx, callerOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/journal-entries/{id}/post',
      tags: ['journal entries'],
      summary: 'Post a draft: refused if it does not balance or its period is closed',
      security: bearerSecurity,
      middleware: write,
      request: { params: idParam },
      responses: {
        200: { description: 'Posted', ...jsonContent(entrySchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const posted = await postEntry(ctx, callerOf(c), c.req.valid('param').id);
      return c.json(await getEntry(ctx, posted.id), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/journal-entries/{id}/reverse',
      tags: ['journal entries'],
      summary: 'Reverse a posted entry with an opposite entry dated today, linked both ways',
      security: bearerSecurity,
      middleware: write,
      request: { params: idParam, body: { required: false, ...jsonContent(reverseBody) } },
      responses: {
        201: { description: 'The reversal', ...jsonContent(entrySchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const reversal = await reverseEntry(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json') ?? {});
      return c.json(await getEntry(ctx, reversal.id), 201);
    },
  );
  return r;
}
