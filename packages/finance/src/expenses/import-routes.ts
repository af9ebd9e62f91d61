import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  jsonContent,
  ProblemError,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { FinanceContext } from '../context';
import { importDepartmentExpenses } from './imports';
import { expenseImportReportSchema, fileField, importQuery } from './schemas';
import { uploaded } from './upload';

/** The monthly department expense import: a group of its own, the spreadsheet code loaded only here. */
export function expenseImportRoutes(ctx: FinanceContext) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/expense-imports',
      tags: ['expenses'],
      summary: 'Import departments’ monthly expenses from CSV or XLSX, with a report per row',
      description:
        'multipart/form-data field `file` (.csv or .xlsx) with columns Department (name or cost centre), Category (code or name), Month (YYYY-MM) and Amount (base currency). Idempotent on department + category + month: new rows are inserted and posted, the same amount is skipped, another amount updates (reverses and reposts). Invalid rows are rejected and listed; `dryRun=true` writes nothing.',
      security: bearerSecurity,
      middleware: [requirePermission('finance.expenses.import')],
      request: {
        query: importQuery,
        body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: fileField }) } } },
      },
      responses: {
        200: { description: 'The report', ...jsonContent(expenseImportReportSchema) },
        ...problemResponses(400, 401, 403, 413, 415, 422),
      },
    }),
    async (c) => {
      const file = await uploaded(c.req.valid('form'));
      const name = file.name.toLowerCase();
      const format = name.endsWith('.xlsx') ? 'xlsx' : name.endsWith('.csv') ? 'csv' : undefined;
      if (!format) throw new ProblemError(415, 'Upload a .csv or .xlsx file.');
      return c.json(
        await importDepartmentExpenses(ctx, callerOf(c), { data: file.data, format }, c.req.valid('query')),
        200,
      );
    },
  );
  return r;
}
