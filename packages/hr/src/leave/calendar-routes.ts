import {
  bearerSecurity,
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
import type { HrContext } from '../context';
import { addHoliday, createLeaveType, listHolidays, listLeaveTypes, removeHoliday, updateLeaveType } from './calendar';
import { holidaySchema, leaveTypeBody, leaveTypeSchema } from './schemas';

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
      security: bearerSecurity,
      middleware: [requirePermission('hr.holidays.read', 'hr.holidays.manage')],
      request: {
        query: z.extend(listQuery(), { year: z.optional(z.coerce.number().check(z.int(), z.gte(2000), z.lte(2100))) }),
      },
      responses: {
        200: { description: 'Holidays', ...jsonContent(pageSchema(holidaySchema, 'HolidayList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { year, ...page } = c.req.valid('query');
      return c.json(await listHolidays(ctx, year, page), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/holidays',
      tags: ['leave'],
      summary: 'Add a holiday',
      security: bearerSecurity,
      middleware: [requirePermission('hr.holidays.manage')],
      request: {
        body: {
          required: true,
          ...jsonContent(
            z.strictObject({ date: isoDate, name: z.string().check(z.trim(), z.minLength(2), z.maxLength(120)) }),
          ),
        },
      },
      responses: {
        201: { description: 'Added', ...jsonContent(holidaySchema) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await addHoliday(ctx, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/holidays/{id}',
      tags: ['leave'],
      summary: 'Remove a holiday',
      security: bearerSecurity,
      middleware: [requirePermission('hr.holidays.manage')],
      request: { params: idParam },
      responses: { 204: { description: 'Removed' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      await removeHoliday(ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/leave-types',
      tags: ['leave'],
      summary: 'Leave types',
      security: bearerSecurity,
      middleware: [requirePermission('hr.leaves.request', 'hr.leaves.read', 'hr.leaves.manage')],
      request: { query: listQuery() },
      responses: {
        200: { description: 'Types', ...jsonContent(pageSchema(leaveTypeSchema, 'LeaveTypeList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listLeaveTypes(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/leave-types',
      tags: ['leave'],
      summary: 'Create a leave type',
      security: bearerSecurity,
      middleware: manageLeave,
      request: { body: { required: true, ...jsonContent(leaveTypeBody) } },
      responses: {
        201: { description: 'Created', ...jsonContent(leaveTypeSchema) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createLeaveType(ctx, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/leave-types/{id}',
      tags: ['leave'],
      summary: 'Edit a leave type',
      security: bearerSecurity,
      middleware: manageLeave,
      request: { params: idParam, body: { required: true, ...jsonContent(z.partial(leaveTypeBody)) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(leaveTypeSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateLeaveType(ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}
