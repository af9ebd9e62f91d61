import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  idParam,
  isoDate,
  jsonContent,
  problemResponses,
  requirePermission,
  z,
} from '@konecta/core';
import type { HrContext } from '../context';
import { sheetContent, sheetResponse, writeSheet } from '../employees/spreadsheets';
import { checkIn, checkOut, correctAttendance, listAttendance, monthlySummary } from './attendance';
import { createOffice, deleteOffice, listOffices, updateOffice } from './offices';

const security = bearerSecurity;
const instant = z.string().datetime({ offset: true, message: 'Use an ISO instant like 2026-03-01T09:00:00Z.' });
const status = z.enum(['present', 'absent', 'remote', 'on_leave', 'holiday']);
const attendanceSchema = z
  .object({
    id: z.string().uuid(),
    employeeId: z.string().uuid(),
    employeeName: z.string().nullable(),
    workDate: z.string(),
    status,
    checkInAt: z.string().nullable(),
    checkOutAt: z.string().nullable(),
    officeLocationId: z.string().uuid().nullable(),
    workedMinutes: z.number().int().nullable(),
    hours: z.number().nullable(),
    corrected: z.boolean(),
    correctionReason: z.string().nullable(),
  })
  .openapi('AttendanceRecord');
const officeSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    radiusMeters: z.number().int(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('OfficeLocation');
const officeBody = z
  .object({
    name: z.string().trim().min(2).max(120),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    radiusMeters: z.number().int().min(10, 'At least 10 m.').max(50_000, 'At most 50 km.'),
    active: z.boolean().optional(),
  })
  .strict();
const position = z.object({
  latitude: z.number({ message: 'Your location is needed to check in.' }).min(-90).max(90),
  longitude: z.number({ message: 'Your location is needed to check in.' }).min(-180).max(180),
  accuracyMeters: z.number().min(0).max(100_000).optional(),
});
const correction = z.object({
  status: status.optional(),
  checkInAt: instant.nullable().optional(),
  checkOutAt: instant.nullable().optional(),
  reason: z.string().trim().min(3, 'Say why the record is corrected.').max(500),
});

const ATTENDANCE_COLUMNS = [
  { header: 'Employee', key: 'employeeName', width: 24 },
  { header: 'Date', key: 'workDate', width: 12 },
  { header: 'Status', key: 'status', width: 10 },
  { header: 'Check-in', key: 'checkInAt', width: 22 },
  { header: 'Check-out', key: 'checkOutAt', width: 22 },
  { header: 'Hours', key: 'hours', width: 8 },
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
      security,
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
      security,
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
      security,
      middleware: [requirePermission('hr.attendance.self', 'hr.attendance.read')],
      request: {
        query: z.object({
          employeeId: z.string().uuid().optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
          status: status.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
      responses: {
        200: {
          description: 'Records',
          ...jsonContent(
            z.object({
              items: z.array(attendanceSchema),
              total: z.number().int(),
              limit: z.number().int(),
              offset: z.number().int(),
            }),
          ),
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listAttendance(ctx.db, callerOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/attendance/export',
      tags: ['attendance'],
      summary: 'Attendance records in scope as a CSV or XLSX file',
      security,
      middleware: [requirePermission('hr.employees.export')],
      request: {
        query: z.object({
          format: z.enum(['csv', 'xlsx']).default('xlsx'),
          employeeId: z.string().uuid().optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
          status: status.optional(),
        }),
      },
      responses: { 200: { description: 'The file', content: sheetContent }, ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { format, ...filters } = c.req.valid('query');
      const { items } = await listAttendance(ctx.db, callerOf(c), { ...filters, limit: 100_000, offset: 0 });
      const file = await writeSheet('Attendance', ATTENDANCE_COLUMNS, items, format);
      return sheetResponse(c, file, format, `attendance-${ctx.calendar.today()}`);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/attendance',
      tags: ['attendance'],
      summary: 'Record or correct a day for an employee (HR), with a reason',
      security,
      middleware: manage,
      request: {
        body: {
          required: true,
          ...jsonContent(correction.extend({ employeeId: z.string().uuid(), workDate: isoDate })),
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
      security,
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
      security,
      middleware: [requirePermission('hr.attendance.self', 'hr.attendance.read')],
      request: {
        query: z.object({
          month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month like 2026-03.'),
          employeeId: z.string().uuid().optional(),
        }),
      },
      responses: {
        200: {
          description: 'Summary',
          ...jsonContent(
            z.object({
              items: z.array(
                z.object({
                  employeeId: z.string(),
                  employeeName: z.string(),
                  month: z.string(),
                  present: z.number(),
                  remote: z.number(),
                  absent: z.number(),
                  onLeave: z.number(),
                  holiday: z.number(),
                  workedMinutes: z.number(),
                  hours: z.number(),
                }),
              ),
            }),
          ),
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { month, employeeId } = c.req.valid('query');
      return c.json({ items: await monthlySummary(ctx.db, callerOf(c), month, employeeId) }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/office-locations',
      tags: ['attendance'],
      summary: 'Offices and their check-in radius',
      security,
      middleware: [requirePermission('hr.attendance.self', 'hr.attendance.read', 'hr.attendance.manage')],
      responses: {
        200: {
          description: 'Offices',
          ...jsonContent(z.object({ items: z.array(officeSchema), total: z.number().int() })),
        },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const items = await listOffices(ctx.db);
      return c.json({ items, total: items.length }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/office-locations',
      tags: ['attendance'],
      summary: 'Add an office',
      security,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(officeBody) } },
      responses: {
        201: { description: 'Created', ...jsonContent(officeSchema) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createOffice(ctx.db, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/office-locations/{id}',
      tags: ['attendance'],
      summary: 'Edit an office (or deactivate it)',
      security,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(officeBody.partial()) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(officeSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateOffice(ctx.db, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/office-locations/{id}',
      tags: ['attendance'],
      summary: 'Delete an office nobody checked in at',
      security,
      middleware: manage,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteOffice(ctx.db, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}
