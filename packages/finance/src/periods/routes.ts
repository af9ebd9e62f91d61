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
import { closeFiscalYear, closePeriod, createFiscalYear, listFiscalYears, listPeriods, reopenPeriod } from './periods';
import {
  fiscalYearBody,
  fiscalYearSchema,
  fiscalYearWithPeriods,
  periodQuery,
  periodSchema,
  reopenBody,
} from './schemas';

export function periodRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.accounts.read')];
  const close = [requirePermission('finance.periods.close')];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/fiscal-years',
      tags: ['periods'],
      summary: 'Fiscal years, newest first',
      security: bearerSecurity,
      middleware: read,
      responses: {
        200: { description: 'Fiscal years', ...jsonContent(z.object({ items: z.array(fiscalYearSchema) })) },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json(await listFiscalYears(ctx), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/fiscal-years',
      tags: ['periods'],
      summary: 'Create a fiscal year (past years too, for opening balances) with its twelve monthly periods',
      security: bearerSecurity,
      middleware: [requirePermission('finance.accounts.manage')],
      request: { body: { required: true, ...jsonContent(fiscalYearBody) } },
      responses: {
        201: { description: 'Created', ...jsonContent(fiscalYearWithPeriods) },
        ...problemResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createFiscalYear(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/fiscal-years/{id}/close',
      tags: ['periods'],
      summary: 'Close a fiscal year: post the closing entry into retained earnings and close its periods',
      security: bearerSecurity,
      middleware: close,
      request: { params: idParam },
      responses: {
        200: { description: 'Closed', ...jsonContent(fiscalYearSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await closeFiscalYear(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/periods',
      tags: ['periods'],
      summary: 'Periods, oldest first',
      security: bearerSecurity,
      middleware: read,
      request: { query: periodQuery },
      responses: {
        200: { description: 'Periods', ...jsonContent(z.object({ items: z.array(periodSchema) })) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listPeriods(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/periods/{id}/close',
      tags: ['periods'],
      summary: 'Close a period: nothing posts or reverses into it after',
      security: bearerSecurity,
      middleware: close,
      request: { params: idParam },
      responses: {
        200: { description: 'Closed', ...jsonContent(periodSchema) },
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await closePeriod(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/periods/{id}/reopen',
      tags: ['periods'],
      summary: 'Reopen a closed period of an open year, with the reason (audited)',
      security: bearerSecurity,
      middleware: close,
      request: { params: idParam, body: { required: true, ...jsonContent(reopenBody) } },
      responses: {
        200: { description: 'Reopened', ...jsonContent(periodSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await reopenPeriod(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );
  return r;
}
