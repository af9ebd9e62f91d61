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
import { departments } from '../expenses/people';
import { contentOf, file } from '../reports/files';
import { budgetVsActual, deleteBudget, getBudget, listBudgets, saveBudget, updateBudget } from './budgets';
import {
  budgetBody,
  budgetPatch,
  budgetQuery,
  budgetSchema,
  budgetVsActualQuery,
  budgetVsActualSchema,
  departmentSchema,
} from './schemas';
import { budgetVsActualTable } from './table';

export function budgetRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.budgets.read')];
  const manage = [requirePermission('finance.budgets.manage')];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/departments',
      tags: ['budgets'],
      summary: "The departments (from HR's directory) with their cost centres, for budgets and reports",
      security: bearerSecurity,
      middleware: read,
      responses: {
        200: { description: 'Departments', ...jsonContent(z.object({ items: z.array(departmentSchema) })) },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json({ items: await departments(ctx) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/budgets',
      tags: ['budgets'],
      summary: 'Budgets with their twelve monthly amounts',
      security: bearerSecurity,
      middleware: read,
      request: { query: budgetQuery },
      responses: {
        200: { description: 'Budgets', ...jsonContent(z.object({ items: z.array(budgetSchema) })) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listBudgets(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/budgets',
      tags: ['budgets'],
      summary:
        'Set the budget of a department and expense account for a fiscal year: twelve monthly amounts or an annual amount spread (replaces the existing one)',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(budgetBody) } },
      responses: {
        200: { description: 'Saved', ...jsonContent(budgetSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await saveBudget(ctx, callerOf(c), body), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/budgets/{id}',
      tags: ['budgets'],
      summary: 'A budget',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'The budget', ...jsonContent(budgetSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await getBudget(ctx, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/budgets/{id}',
      tags: ['budgets'],
      summary: 'Change a budget’s mode (warn or stop) and, when given, its amounts',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(budgetPatch) } },
      responses: {
        200: { description: 'Saved', ...jsonContent(budgetSchema) },
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await updateBudget(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/budgets/{id}',
      tags: ['budgets'],
      summary: 'Delete a budget',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      await deleteBudget(ctx, callerOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/reports/budget-vs-actual',
      tags: ['reports'],
      summary:
        'Budget against actual per department and account, by month and year to date (posted actuals and open commitments)',
      security: bearerSecurity,
      middleware: read,
      request: { query: budgetVsActualQuery },
      responses: {
        200: { description: 'Budget against actual', content: contentOf(budgetVsActualSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const { format, fiscalYearId } = c.req.valid('query');
      const result = await budgetVsActual(ctx, fiscalYearId);
      return format === 'json'
        ? c.json(result, 200)
        : file(c, budgetVsActualTable(result), format, `budget-vs-actual-${result.fiscalYear}`);
    },
  );
  return r;
}
