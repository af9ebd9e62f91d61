import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  idParam,
  isoDate,
  jsonContent,
  moneySchema,
  problemResponses,
  requirePermission,
  z,
} from '@konecta/core';
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

const security = bearerSecurity;
const emergency = z.object({
  name: z.string().trim().min(1).max(120),
  phone: z.string().trim().min(3).max(40),
  relation: z.string().trim().max(40).optional(),
});

export const employeeSchema = z
  .object({
    id: z.string().uuid(),
    number: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    fullName: z.string(),
    workEmail: z.string(),
    phone: z.string().nullable(),
    positionId: z.string().uuid().nullable(),
    positionTitle: z.string().nullable(),
    departmentId: z.string().uuid().nullable(),
    departmentName: z.string().nullable(),
    managerId: z.string().uuid().nullable(),
    managerName: z.string().nullable(),
    status: z.enum(['active', 'on_leave', 'resigned', 'terminated']),
    visibility: z
      .enum(['directory', 'full', 'pay'])
      .openapi({ description: 'How much of the record this caller may see.' }),
    employmentType: z.enum(['full_time', 'part_time', 'contract', 'intern']).optional(),
    hireDate: z.string().optional(),
    exitDate: z.string().nullable().optional(),
    exitReason: z.string().nullable().optional(),
    weeklyHours: z.number().optional(),
    address: z.string().nullable().optional(),
    emergencyContact: emergency.nullable().optional(),
    remote: z.boolean().optional(),
    userId: z.string().uuid().nullable().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
    salary: moneySchema.optional(),
    salaryPeriod: z.enum(['monthly', 'yearly', 'hourly']).optional(),
    nationalId: z.string().nullable().optional().openapi({ description: 'Masked: •••• and the last 4 characters.' }),
    payoutAccount: z.string().nullable().optional().openapi({ description: 'Masked: •••• and the last 4 characters.' }),
  })
  .openapi('Employee');

const name = z.string().trim().min(1, 'Required.').max(80);
export const employeeBody = z
  .object({
    firstName: name,
    lastName: name,
    workEmail: z.string().trim().email('Enter a valid email address.').max(254),
    phone: z.string().trim().max(40).nullable().optional(),
    positionId: z.string().uuid().nullable().optional(),
    departmentId: z.string().uuid().nullable().optional(),
    managerId: z.string().uuid().nullable().optional(),
    employmentType: z.enum(['full_time', 'part_time', 'contract', 'intern']).optional(),
    hireDate: isoDate,
    salary: moneySchema,
    salaryPeriod: z.enum(['monthly', 'yearly', 'hourly']).optional(),
    weeklyHours: z.number().min(1).max(80).optional(),
    nationalId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{5,30}$/, '5 to 30 letters, digits or dashes.')
      .nullable()
      .optional(),
    payoutAccount: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9 ]{6,40}$/, '6 to 40 letters, digits or spaces (an IBAN or account number).')
      .nullable()
      .optional(),
    address: z.string().trim().max(500).nullable().optional(),
    emergencyContact: emergency.nullable().optional(),
    remote: z.boolean().optional(),
  })
  .strict();

const listQuery = z.object({
  search: z.string().trim().max(100).optional(),
  departmentId: z.string().uuid().optional(),
  managerId: z.string().uuid().optional(),
  status: z.enum(['active', 'on_leave', 'resigned', 'terminated']).optional(),
  employmentType: z.enum(['full_time', 'part_time', 'contract', 'intern']).optional(),
  sort: z.enum(['name', '-name', 'number', '-number', 'hireDate', '-hireDate']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

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
      security,
      middleware: read,
      request: { query: listQuery },
      responses: {
        200: {
          description: 'Employees',
          ...jsonContent(
            z.object({
              items: z.array(employeeSchema),
              total: z.number().int(),
              limit: z.number().int(),
              offset: z.number().int(),
            }),
          ),
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listEmployees(ctx.db, callerOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/employees',
      tags: ['employees'],
      summary: 'Hire an employee (optionally inviting them to sign in)',
      security,
      middleware: manage,
      request: {
        body: { required: true, ...jsonContent(employeeBody.extend({ createLogin: z.boolean().optional() })) },
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
      security,
      middleware: read,
      responses: { 200: { description: 'Me', ...jsonContent(employeeSchema) }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getMyEmployee(ctx.db, callerOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/employees/{id}',
      tags: ['employees'],
      summary: 'One employee, as much as the caller may see',
      security,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Employee', ...jsonContent(employeeSchema) },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => c.json(await getEmployee(ctx.db, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/employees/{id}',
      tags: ['employees'],
      summary: 'Edit an employee',
      security,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(employeeBody.partial()) } },
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
      security,
      middleware: manage,
      request: {
        params: idParam,
        body: {
          required: true,
          ...jsonContent(
            z.object({
              exitDate: isoDate,
              reason: z.string().trim().min(3, 'Give a reason.').max(500),
              status: z.enum(['terminated', 'resigned']).optional(),
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
      security,
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
    async (c) => c.json({ items: await employeeHistoryOf(ctx.db, c.req.valid('param').id) }, 200),
  );
  return r;
}
