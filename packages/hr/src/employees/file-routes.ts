import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  jsonContent,
  ProblemError,
  problemResponses,
  requirePermission,
  unprocessable,
} from '@konecta/core';
import { sheetResponse } from '@konecta/core/spreadsheets';
import * as z from '@konecta/core/z';
import type { HrContext } from '../context';
import { filters } from './schemas';
import { exportEmployees, importEmployees } from './transfer';

/**
 * The employee directory as a file and back: `GET /employees/export` and `POST /employees/import`.
 * A route group of its own so that deployed, these paths (and their spreadsheet code) have their
 * own function; mounted before `employeeRoutes`, whose `/employees/{id}` would otherwise claim them.
 */
export function employeeFileRoutes(ctx: HrContext) {
  const r = createRouter();
  const exportQuery = z.extend(filters, { format: z._default(z.enum(['csv', 'xlsx']), 'xlsx') });
  r.openapi(
    createRoute({
      method: 'get',
      path: '/employees/export',
      tags: ['employees'],
      summary: 'Employees as a CSV or XLSX file (pay columns only for those who may see pay)',
      security: bearerSecurity,
      middleware: [requirePermission('hr.employees.export')],
      request: { query: exportQuery },
      responses: {
        200: {
          description: 'The file',
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.openapi(z.string(), { format: 'binary' }),
            },
          },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { format, ...filters } = c.req.valid('query');
      const file = await exportEmployees(ctx, callerOf(c), filters, format);
      return sheetResponse(c, file, format, `employees-${ctx.calendar.today()}`);
    },
  );
  const importQuery = z.object({
    mode: z._default(z.enum(['all-or-nothing', 'partial']), 'all-or-nothing'),
    dryRun: z.pipe(
      z._default(z.enum(['true', 'false']), 'false'),
      z.transform((v) => v === 'true'),
    ),
  });
  r.openapi(
    createRoute({
      method: 'post',
      path: '/employees/import',
      tags: ['employees'],
      summary: 'Import employees from CSV or XLSX with a report per row',
      description:
        'Send the file as multipart/form-data field `file` (.csv or .xlsx; columns as in the export). A row with the Number (or, without one, the work email) of an existing employee edits them as PATCH /employees/{id} does, only the fields that differ; an unchanged row writes nothing. All-or-nothing (default): one invalid row rejects the file (422 with the report) and nothing is written. `mode=partial` writes the valid rows and lists the invalid ones; `dryRun=true` only validates.',
      security: bearerSecurity,
      middleware: [requirePermission('hr.employees.import')],
      request: {
        query: importQuery,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({ file: z.openapi(z.any(), { type: 'string', format: 'binary' }) }),
            },
          },
        },
      },
      responses: {
        200: { description: 'The report', ...jsonContent(importReportSchema) },
        ...problemResponses(400, 401, 403, 413, 415, 422),
      },
    }),
    async (c) => {
      const { file } = c.req.valid('form') as { file?: unknown };
      if (!(file instanceof File))
        throw unprocessable('Attach the spreadsheet as the form field "file".', [
          { path: 'file', message: 'Required.' },
        ]);
      const name = file.name.toLowerCase();
      const format = name.endsWith('.xlsx') ? 'xlsx' : name.endsWith('.csv') ? 'csv' : undefined;
      if (!format) throw new ProblemError(415, 'Upload a .csv or .xlsx file.');
      const data = Buffer.from(await file.arrayBuffer());
      return c.json(await importEmployees(ctx, callerOf(c), { data, format }, c.req.valid('query')), 200);
    },
  );
  return r;
}

const importReportSchema = z.openapi(
  z.object({
    mode: z.enum(['all-or-nothing', 'partial']),
    dryRun: z.boolean(),
    total: z.int(),
    valid: z.int(),
    invalid: z.int(),
    created: z.int(),
    updated: z.int(),
    unchanged: z.int(),
    rows: z.array(
      z.object({
        row: z.int(),
        status: z.enum(['valid', 'invalid', 'created', 'updated', 'unchanged']),
        workEmail: z.optional(z.string()),
        employeeNumber: z.optional(z.string()),
        changes: z.openapi(z.optional(z.array(z.string())), {
          description: 'For a row that matches an existing employee: the fields it changes.',
        }),
        errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
      }),
    ),
  }),
  'EmployeeImportReport',
);
