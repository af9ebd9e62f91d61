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
import { accountJson, createAccount, deleteAccount, getAccount, listAccounts, updateAccount } from './accounts';
import { accountBody, accountPatch, accountQuery, accountSchema } from './schemas';

export function accountRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.accounts.read')];
  const manage = [requirePermission('finance.accounts.manage')];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/accounts',
      tags: ['accounts'],
      summary: 'The chart of accounts (group accounts included; `parentId` makes the tree)',
      security: bearerSecurity,
      middleware: read,
      request: { query: accountQuery },
      responses: {
        200: { description: 'Accounts', ...jsonContent(pageSchema(accountSchema, 'AccountList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listAccounts(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/accounts',
      tags: ['accounts'],
      summary: 'Create an account',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(accountBody) } },
      responses: {
        201: { description: 'Created', ...jsonContent(accountSchema) },
        ...problemResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createAccount(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/accounts/{id}',
      tags: ['accounts'],
      summary: 'One account',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Account', ...jsonContent(accountSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(accountJson(await getAccount(ctx, c.req.valid('param').id)), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/accounts/{id}',
      tags: ['accounts'],
      summary: 'Edit an account; `active: false` deactivates it (its history stays in every report)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(accountPatch) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(accountSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateAccount(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/accounts/{id}',
      tags: ['accounts'],
      summary: 'Delete an account that was never used (one with history is deactivated instead: 409)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteAccount(ctx, callerOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}
