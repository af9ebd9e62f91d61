import { isoDate, isoInstant, z } from '@konecta/core';
import { attendanceStatus } from '@konecta/db';
import { dayStates } from './day';

/** Request and response schemas of attendance and offices; the routes in routes.ts use them. */

const instant = isoInstant;
const status = z.enum(attendanceStatus.enumValues);
export const attendanceSchema = z
  .object({
    id: z.string().uuid(),
    employeeId: z.string().uuid(),
    employeeName: z.string().nullable(),
    workDate: z.string(),
    status,
    checkInAt: z.string().nullable(),
    checkOutAt: z.string().nullable(),
    officeLocationId: z.string().uuid().nullable(),
    officeName: z.string().nullable().openapi({ description: 'The office the check-in matched; null when remote.' }),
    workedMinutes: z.number().int().nullable(),
    hours: z.number().nullable(),
    corrected: z.boolean(),
    correctionReason: z.string().nullable(),
  })
  .openapi('AttendanceRecord');
export const officeSchema = z
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
export const officeBody = z
  .object({
    name: z.string().trim().min(2).max(120),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    radiusMeters: z.number().int().min(10, 'At least 10 m.').max(50_000, 'At most 50 km.'),
    active: z.boolean().optional(),
  })
  .strict();
export const position = z.object({
  latitude: z.number({ message: 'Your location is needed to check in.' }).min(-90).max(90),
  longitude: z.number({ message: 'Your location is needed to check in.' }).min(-180).max(180),
  accuracyMeters: z.number().min(0).max(100_000).optional(),
});
export const correction = z.object({
  status: status.optional(),
  checkInAt: instant.nullable().optional(),
  checkOutAt: instant.nullable().optional(),
  reason: z.string().trim().min(3, 'Say why the record is corrected.').max(500),
});

export const attendanceFilters = z.object({
  employeeId: z.string().uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: status.optional(),
});
export const monthlySummarySchema = z.object({
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
});

const dayState = z.enum(dayStates);
export const dayQuery = z.object({
  date: isoDate.optional().openapi({ description: 'The day, today (company time) unless given.' }),
  state: dayState.optional(),
});
export const attendanceDaySchema = z
  .object({
    items: z.array(
      z.object({
        employeeId: z.string().uuid(),
        employeeName: z.string(),
        employeeNumber: z.string(),
        departmentName: z.string().nullable(),
        state: dayState,
        leaveTypeName: z.string().nullable(),
        record: z.union([attendanceSchema, z.null()]),
      }),
    ),
    total: z.number().int().nullable(),
    limit: z.number().int(),
    offset: z.number().int(),
    date: z.string(),
    holidayName: z.string().nullable(),
    workingDay: z.boolean(),
    counts: z.record(dayState, z.number().int()),
  })
  .openapi('AttendanceDay');
