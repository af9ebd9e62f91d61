import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  idParam,
  isoDate,
  jsonContent,
  listQuery,
  pageSchema,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { employeeStatus } from '@konecta/db';
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
import { employeeBody, employeeSchema, filters } from './schemas';

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
  return r;
}
