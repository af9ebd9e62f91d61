import {
  createRoute,
  createRouter,
  idParam,
  isoDate,
  jsonContent,
  problemResponses,
  requirePermission,
  bearerSecurity as security,
  z,
} from '@konecta/core';
import type { HrContext } from '../context';
import { addHoliday, createLeaveType, listHolidays, listLeaveTypes, removeHoliday, updateLeaveType } from './calendar';

const days = z.number().multipleOf(0.5, 'Use whole or half days.').min(0).max(366);
const leaveTypeSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    code: z.string(),
    paid: z.boolean(),
    yearlyEntitlement: z.number(),
    accrual: z.enum(['upfront', 'monthly']),
    carryForwardCap: z.number(),
    active: z.boolean(),
  })
  .openapi('LeaveType');
const leaveTypeBody = z
  .object({
    name: z.string().trim().min(2).max(80),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{2,12}$/, '2 to 12 letters, digits, dashes or underscores.'),
    paid: z.boolean(),
    yearlyEntitlement: days,
    accrual: z.enum(['upfront', 'monthly']),
    carryForwardCap: days.optional(),
    active: z.boolean().optional(),
  })
  .strict();

/** The holiday calendar and the leave types: what requests are counted against. */
export function calendarRoutes(ctx: HrContext) {
  const r = createRouter();
  const manageLeave = [requirePermission('hr.leaves.manage')];
  r.openapi(
    createRoute({
      method: 'get',
      path: '/holidays',
      tags: ['leave'],
      summary: 'The holiday calendar',
      security,
      middleware: [requirePermission('hr.holidays.read', 'hr.holidays.manage')],
      request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
      responses: {
        200: {
          description: 'Holidays',
          ...jsonContent(
            z.object({ items: z.array(z.object({ id: z.string(), date: z.string(), name: z.string() })) }),
          ),
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json({ items: await listHolidays(ctx.db, c.req.valid('query').year) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/holidays',
      tags: ['leave'],
      summary: 'Add a holiday',
      security,
      middleware: [requirePermission('hr.holidays.manage')],
      request: {
        body: {
          required: true,
          ...jsonContent(z.object({ date: isoDate, name: z.string().trim().min(2).max(120) }).strict()),
        },
      },
      responses: {
        201: { description: 'Added', ...jsonContent(z.object({ id: z.string(), date: z.string(), name: z.string() })) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await addHoliday(ctx.db, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/holidays/{id}',
      tags: ['leave'],
      summary: 'Remove a holiday',
      security,
      middleware: [requirePermission('hr.holidays.manage')],
      request: { params: idParam },
      responses: { 204: { description: 'Removed' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      await removeHoliday(ctx.db, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/leave-types',
      tags: ['leave'],
      summary: 'Leave types',
      security,
      middleware: [requirePermission('hr.leaves.request', 'hr.leaves.read', 'hr.leaves.manage')],
      responses: {
        200: { description: 'Types', ...jsonContent(z.object({ items: z.array(leaveTypeSchema) })) },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json({ items: await listLeaveTypes(ctx.db) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/leave-types',
      tags: ['leave'],
      summary: 'Create a leave type',
      security,
      middleware: manageLeave,
      request: { body: { required: true, ...jsonContent(leaveTypeBody) } },
      responses: {
        201: { description: 'Created', ...jsonContent(leaveTypeSchema) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createLeaveType(ctx.db, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/leave-types/{id}',
      tags: ['leave'],
      summary: 'Edit a leave type',
      security,
      middleware: manageLeave,
      request: { params: idParam, body: { required: true, ...jsonContent(leaveTypeBody.partial()) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(leaveTypeSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateLeaveType(ctx.db, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}
