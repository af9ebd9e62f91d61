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
import { contentOf, file } from '../reports/files';
import { createParty, getParty, listParties, partyJson, updateParty } from './parties';
import {
  customerBody,
  customerSchema,
  partyQuery,
  partyStatementQuery,
  partyStatementSchema,
  vendorBody,
  vendorSchema,
} from './schemas';
import { partyStatement, partyStatementTable } from './statement';

/** Customers and vendors: the same five routes each. */
export function partyRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.parties.read')];
  const manage = [requirePermission('finance.parties.manage')];

  for (const [kind, path, tag, body, schema] of [
    ['customer', '/customers', 'customers', customerBody, customerSchema],
    ['vendor', '/vendors', 'vendors', vendorBody, vendorSchema],
  ] as const) {
    r.openapi(
      createRoute({
        method: 'get',
        path,
        tags: [tag],
        summary: `${tag[0]?.toUpperCase()}${tag.slice(1)} by name, with search (name, tax number, email) and filters`,
        security: bearerSecurity,
        middleware: read,
        request: { query: partyQuery },
        responses: {
          200: {
            description: tag,
            ...jsonContent(pageSchema(schema, `${kind === 'customer' ? 'Customer' : 'Vendor'}List`)),
          },
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => c.json(await listParties(ctx, kind, c.req.valid('query')), 200),
    );
    r.openapi(
      createRoute({
        method: 'post',
        path,
        tags: [tag],
        summary: `Create a ${kind}`,
        security: bearerSecurity,
        middleware: manage,
        request: { body: { required: true, ...jsonContent(body) } },
        responses: {
          201: { description: `The ${kind}`, ...jsonContent(schema) },
          ...problemResponses(400, 401, 403, 422),
        },
      }),
      async (c) => c.json(await createParty(ctx, callerOf(c), kind, c.req.valid('json')), 201),
    );
    r.openapi(
      createRoute({
        method: 'get',
        path: `${path}/{id}`,
        tags: [tag],
        summary: `One ${kind}`,
        security: bearerSecurity,
        middleware: read,
        request: { params: idParam },
        responses: {
          200: { description: `The ${kind}`, ...jsonContent(schema) },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => c.json(partyJson(await getParty(ctx, kind, c.req.valid('param').id)), 200),
    );
    r.openapi(
      createRoute({
        method: 'patch',
        path: `${path}/{id}`,
        tags: [tag],
        summary: `Change a ${kind}’s details (deactivate with \`active: false\`)`,
        security: bearerSecurity,
        middleware: manage,
        request: { params: idParam, body: { required: true, ...jsonContent(z.partial(body)) } },
        responses: {
          200: { description: `The ${kind}`, ...jsonContent(schema) },
          ...problemResponses(400, 401, 403, 404, 422),
        },
      }),
      async (c) => c.json(await updateParty(ctx, callerOf(c), kind, c.req.valid('param').id, c.req.valid('json')), 200),
    );
    r.openapi(
      createRoute({
        method: 'get',
        path: `${path}/{id}/statement`,
        tags: [tag],
        summary: `A ${kind}’s statement: opening balance, documents with the running balance, closing, and what is due by age`,
        security: bearerSecurity,
        middleware: [requirePermission('finance.invoices.read')],
        request: { params: idParam, query: partyStatementQuery },
        responses: {
          200: { description: `The ${kind}’s statement`, content: contentOf(partyStatementSchema) },
          ...problemResponses(400, 401, 403, 404, 422),
        },
      }),
      async (c) => {
        const { format, ...query } = c.req.valid('query');
        const result = await partyStatement(ctx, kind, c.req.valid('param').id, query);
        return format === 'json'
          ? c.json(result, 200)
          : file(c, partyStatementTable(result), format, `statement-${kind}-${result.to}`);
      },
    );
  }
  return r;
}
