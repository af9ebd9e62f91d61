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
import { type SheetColumn, sheetContent, sheetResponse, writeSheet } from '@konecta/core/spreadsheets';
import * as z from '@konecta/core/z';
import type { HrContext } from '../context';
import { checkIn, checkOut, correctAttendance, listAttendance, monthlySummary } from './attendance';
import { attendanceDay } from './day';
import { createOffice, deleteOffice, listOffices, updateOffice } from './offices';
import {
  attendanceDaySchema,
  attendanceFilters,
  attendanceSchema,
  correction,
  dayQuery,
  monthlySummarySchema,
  officeBody,
  officeSchema,
  position,
} from './schemas';

const ATTENDANCE_COLUMNS: SheetColumn[] = [
  { header: 'Employee', key: 'employeeName', width: 24 },
  { header: 'Date', key: 'workDate', width: 12, type: 'date' },
  { header: 'Status', key: 'status', width: 10 },
  { header: 'Check-in', key: 'checkInAt', width: 22, type: 'instant' },
  { header: 'Check-out', key: 'checkOutAt', width: 22, type: 'instant' },
  { header: 'Hours', key: 'hours', width: 8, type: 'number' },
  { header: 'Correction reason', key: 'correctionReason', width: 30 },
];

export function attendanceRoutes(ctx: HrContext) {
  const r = createRouter();
  const self = [requirePermission('hr.attendance.self')];
  const manage = [requirePermission('hr.attendance.manage')];
  r.openapi(
    createRoute({
      method: 'post',
      path: '/attendance/check-in',
      tags: ['attendance'],
      summary: 'Check in for today (within an office’s radius, or remote if marked remote)',
      security: bearerSecurity,
      middleware: self,
      request: { body: { required: true, ...jsonContent(position) } },
      responses: {
        201: { description: 'Checked in', ...jsonContent(attendanceSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await checkIn(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/attendance/check-out',
      tags: ['attendance'],
      summary: 'Check out for today',
      security: bearerSecurity,
      middleware: self,
      responses: {
        200: { description: 'Checked out', ...jsonContent(attendanceSchema) },
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await checkOut(ctx, callerOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/attendance',
      tags: ['attendance'],
      summary: 'Attendance records: my own, my team’s, or everyone’s, by permission',
      security: bearerSecurity,
      middleware: [requirePermission('hr.attendance.self', 'hr.attendance.read')],
      request: {
        query: z.extend(listQuery(), attendanceFilters.shape),
      },
      responses: {
        200: { description: 'Records', ...jsonContent(pageSchema(attendanceSchema, 'AttendanceList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listAttendance(ctx, callerOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/attendance/day',
      tags: ['attendance'],
      summary:
        'Everyone employed in my scope on a day, with their state: present, remote, on leave, holiday, not in yet, absent',
      security: bearerSecurity,
      middleware: [requirePermission('hr.attendance.read')],
      request: { query: z.extend(listQuery(), dayQuery.shape) },
      responses: {
        200: { description: 'The day', ...jsonContent(attendanceDaySchema) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await attendanceDay(ctx, callerOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/attendance/export',
      tags: ['attendance'],
      summary: 'Attendance records in scope as a CSV or XLSX file',
      security: bearerSecurity,
      middleware: [requirePermission('hr.employees.export')],
      request: {
        query: z.extend(attendanceFilters, { format: z._default(z.enum(['csv', 'xlsx']), 'xlsx') }),
      },
      responses: { 200: { description: 'The file', content: sheetContent }, ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { format, ...filters } = c.req.valid('query');
      const { items } = await listAttendance(ctx, callerOf(c), { ...filters, limit: 100_000, offset: 0 });
      const file = await writeSheet('Attendance', ATTENDANCE_COLUMNS, items, format, ctx.calendar);
      return sheetResponse(c, file, format, `attendance-${ctx.calendar.today()}`);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/attendance',
      tags: ['attendance'],
      summary: 'Record or correct a day for an employee (HR), with a reason',
      security: bearerSecurity,
      middleware: manage,
      request: {
        body: {
          required: true,
          ...jsonContent(z.extend(correction, { employeeId: z.uuid(), workDate: isoDate })),
        },
      },
      responses: {
        200: { description: 'Recorded', ...jsonContent(attendanceSchema) },
        ...problemResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { employeeId, workDate, ...input } = c.req.valid('json');
      return c.json(await correctAttendance(ctx, callerOf(c), { employeeId, workDate }, input), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/attendance/{id}',
      tags: ['attendance'],
      summary: 'Correct an attendance record (HR), with a reason',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(correction) } },
      responses: {
        200: { description: 'Corrected', ...jsonContent(attendanceSchema) },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) =>
      c.json(
        await correctAttendance(ctx, callerOf(c), { recordId: c.req.valid('param').id }, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/attendance/summary',
      tags: ['attendance'],
      summary: 'Monthly summary per employee: days by status and hours',
      security: bearerSecurity,
      middleware: [requirePermission('hr.attendance.self', 'hr.attendance.read')],
      request: {
        query: z.object({
          month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month like 2026-03.')),
          employeeId: z.optional(z.uuid()),
        }),
      },
      responses: {
        200: {
          description: 'Summary',
          ...jsonContent(z.object({ items: z.array(monthlySummarySchema) })),
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { month, employeeId } = c.req.valid('query');
      return c.json({ items: await monthlySummary(ctx, callerOf(c), month, employeeId) }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/office-locations',
      tags: ['attendance'],
      summary: 'Offices and their check-in radius',
      security: bearerSecurity,
      middleware: [requirePermission('hr.attendance.self', 'hr.attendance.read', 'hr.attendance.manage')],
      request: { query: listQuery() },
      responses: {
        200: { description: 'Offices', ...jsonContent(pageSchema(officeSchema, 'OfficeLocationList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listOffices(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/office-locations',
      tags: ['attendance'],
      summary: 'Add an office',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(officeBody) } },
      responses: {
        201: { description: 'Created', ...jsonContent(officeSchema) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createOffice(ctx, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/office-locations/{id}',
      tags: ['attendance'],
      summary: 'Edit an office (or deactivate it)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(z.partial(officeBody)) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(officeSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateOffice(ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/office-locations/{id}',
      tags: ['attendance'],
      summary: 'Delete an office nobody checked in at',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteOffice(ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}
