import { isoDate, isoInstant } from '@konecta/core';
import * as z from '@konecta/core/z';
import { attendanceStatus } from '@konecta/db';
import { dayStates } from './day';

/** Request and response schemas of attendance and offices; the routes in routes.ts use them. */

const instant = isoInstant;
const status = z.enum(attendanceStatus.enumValues);
export const attendanceSchema = z.openapi(
  z.object({
    id: z.uuid(),
    employeeId: z.uuid(),
    employeeName: z.nullable(z.string()),
    workDate: z.string(),
    status,
    checkInAt: z.nullable(z.string()),
    checkOutAt: z.nullable(z.string()),
    officeLocationId: z.nullable(z.uuid()),
    officeName: z.openapi(z.nullable(z.string()), {
      description: 'The office the check-in matched; null when remote.',
    }),
    workedMinutes: z.nullable(z.int()),
    hours: z.nullable(z.number()),
    corrected: z.boolean(),
    correctionReason: z.nullable(z.string()),
  }),
  'AttendanceRecord',
);
export const officeSchema = z.openapi(
  z.object({
    id: z.uuid(),
    name: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    radiusMeters: z.int(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'OfficeLocation',
);
export const officeBody = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(2), z.maxLength(120)),
  latitude: z.number().check(z.gte(-90), z.lte(90)),
  longitude: z.number().check(z.gte(-180), z.lte(180)),
  radiusMeters: z.int().check(z.gte(10, 'At least 10 m.'), z.lte(50_000, 'At most 50 km.')),
  active: z.optional(z.boolean()),
});
export const position = z.object({
  latitude: z.number({ message: 'Your location is needed to check in.' }).check(z.gte(-90), z.lte(90)),
  longitude: z.number({ message: 'Your location is needed to check in.' }).check(z.gte(-180), z.lte(180)),
  accuracyMeters: z.optional(z.number().check(z.gte(0), z.lte(100_000))),
});
export const correction = z.object({
  status: z.optional(status),
  checkInAt: z.optional(z.nullable(instant)),
  checkOutAt: z.optional(z.nullable(instant)),
  reason: z.string().check(z.trim(), z.minLength(3, 'Say why the record is corrected.'), z.maxLength(500)),
});

export const attendanceFilters = z.object({
  employeeId: z.optional(z.uuid()),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
  status: z.optional(status),
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
  date: z.openapi(z.optional(isoDate), { description: 'The day, today (company time) unless given.' }),
  state: z.optional(dayState),
});
export const attendanceDaySchema = z.openapi(
  z.object({
    items: z.array(
      z.object({
        employeeId: z.uuid(),
        employeeName: z.string(),
        employeeNumber: z.string(),
        departmentName: z.nullable(z.string()),
        state: dayState,
        leaveTypeName: z.nullable(z.string()),
        record: z.union([attendanceSchema, z.null()]),
      }),
    ),
    total: z.nullable(z.int()),
    limit: z.int(),
    offset: z.int(),
    date: z.string(),
    holidayName: z.nullable(z.string()),
    workingDay: z.boolean(),
    counts: z.record(dayState, z.int()),
  }),
  'AttendanceDay',
);
