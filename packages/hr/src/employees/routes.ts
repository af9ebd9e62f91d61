import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  idParam,
  isoDate,
  jsonContent,
  listQuery,
  ProblemError,
  pageSchema,
  problemResponses,
  requirePermission,
  unprocessable,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import { employeeStatus, employmentType } from '@konecta/db';
import type { HrContext } from '../context';
import {
  createEmployee,
  employeeHistoryOf,
  getEmployee,
  getMyEmployee,
  listEmployees,
  terminateEmployee,
  updateEmployee,
} from './employees';
import { employeeLoginSchema, loginOfEmployee } from './login';
import { employeeBody, employeeSchema } from './schemas';
import { sheetResponse } from './spreadsheets';
import { exportEmployees, importEmployees } from './transfer';

const filters = z.object({
  search: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  departmentId: z.optional(z.uuid()),
  managerId: z.optional(z.uuid()),
  status: z.optional(z.enum(employeeStatus.enumValues)),
  employmentType: z.optional(z.enum(employmentType.enumValues)),
  current: z.openapi(
    z.optional(
      z.pipe(
        z.enum(['true', 'false']),
        z.transform((v) => v === 'true'),
      ),
    ),
    { description: 'true: only people employed now (active or on leave), as pickers want.' },
  ),
  scope: z.openapi(z.optional(z.enum(['directory', 'mine'])), {
    description: 'mine: only the records the caller manages or may see in full (team, or everyone for HR).',
  }),
});
const employeeQuery = z.extend(listQuery({ sort: ['name', 'number', 'hireDate'] }), filters.shape);

export function employeeRoutes(ctx: HrContext) {
  const r = createRouter();
  const read = [requirePermission('hr.employees.read')];
  const manage = [requirePermission('hr.employees.manage')];
  r.openapi(
    createRoute({
      method: 'get',
      path: '/employees',
      tags: ['employees'],
      summary: 'Employees: the directory for everyone, full records within the caller’s scope',
      security: bearerSecurity,
      middleware: read,
      request: { query: employeeQuery },
      responses: {
        200: { description: 'Employees', ...jsonContent(pageSchema(employeeSchema, 'EmployeeList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listEmployees(ctx, callerOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/employees',
      tags: ['employees'],
      summary: 'Hire an employee (optionally inviting them to sign in)',
      security: bearerSecurity,
      middleware: manage,
      request: {
        body: { required: true, ...jsonContent(z.extend(employeeBody, { createLogin: z.optional(z.boolean()) })) },
      },
      responses: {
        201: { description: 'Hired', ...jsonContent(employeeSchema) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createEmployee(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  // Static paths before `/employees/{id}`, which would otherwise claim them.
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
  r.openapi(
    createRoute({
      method: 'get',
      path: '/employees/me',
      tags: ['employees'],
      summary: 'My own employee record',
      security: bearerSecurity,
      middleware: read,
      responses: { 200: { description: 'Me', ...jsonContent(employeeSchema) }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getMyEmployee(ctx, callerOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/employees/{id}',
      tags: ['employees'],
      summary: 'One employee, as much as the caller may see',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Employee', ...jsonContent(employeeSchema) },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => c.json(await getEmployee(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/employees/{id}',
      tags: ['employees'],
      summary: 'Edit an employee',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(z.partial(employeeBody)) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(employeeSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateEmployee(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/employees/{id}/terminate',
      tags: ['employees'],
      summary: 'End employment (their login is disabled)',
      security: bearerSecurity,
      middleware: manage,
      request: {
        params: idParam,
        body: {
          required: true,
          ...jsonContent(
            z.object({
              exitDate: isoDate,
              reason: z.string().check(z.trim(), z.minLength(3, 'Give a reason.'), z.maxLength(500)),
              status: z.optional(
                z.enum(['terminated', 'resigned'] as const satisfies (typeof employeeStatus.enumValues)[number][]),
              ),
            }),
          ),
        },
      },
      responses: {
        200: { description: 'Left', ...jsonContent(employeeSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await terminateEmployee(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/employees/{id}/history',
      tags: ['employees'],
      summary: 'Lifecycle history: hired, moved, pay changed, left',
      security: bearerSecurity,
      middleware: [requirePermission('hr.employees.read-all')],
      request: { params: idParam },
      responses: {
        200: {
          description: 'History',
          ...jsonContent(
            z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  kind: z.string(),
                  effectiveDate: z.string(),
                  details: z.unknown(),
                  at: z.string(),
                }),
              ),
            }),
          ),
        },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => c.json({ items: await employeeHistoryOf(ctx, c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/employees/{id}/login',
      tags: ['employees'],
      summary: "The employee's login (status, last sign-in, roles), from the auth service",
      security: bearerSecurity,
      middleware: [requirePermission('hr.employees.read-all')],
      request: { params: idParam },
      responses: {
        200: { description: 'The login, or null when the employee has none', ...jsonContent(employeeLoginSchema) },
        ...problemResponses(401, 403, 404, 502, 503, 504),
      },
    }),
    async (c) => c.json(await loginOfEmployee(ctx, c.req.valid('param').id), 200),
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
