import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { employees } from './hr.sql';
import { hr } from './schemas';

/** Offices people check in at; a check-in must be within `radiusMeters` of one (unless remote). */
export const officeLocations = hr.table(
  'office_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    latitude: numeric('latitude', { precision: 9, scale: 6, mode: 'number' }).notNull(),
    longitude: numeric('longitude', { precision: 9, scale: 6, mode: 'number' }).notNull(),
    radiusMeters: integer('radius_meters').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('office_locations_name_idx').on(sql`lower(${t.name})`),
    check('office_locations_radius_check', sql`${t.radiusMeters} between 10 and 50000`),
    check(
      'office_locations_coordinates_check',
      sql`${t.latitude} between -90 and 90 and ${t.longitude} between -180 and 180`,
    ),
  ],
);

export const attendanceStatus = hr.enum('attendance_status', ['present', 'absent', 'remote', 'on_leave', 'holiday']);

/** One record per employee per working day. */
export const attendanceRecords = hr.table(
  'attendance_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    workDate: date('work_date').notNull(),
    status: attendanceStatus('status').notNull(),
    checkInAt: timestamp('check_in_at', { withTimezone: true }),
    checkOutAt: timestamp('check_out_at', { withTimezone: true }),
    officeLocationId: uuid('office_location_id').references(() => officeLocations.id),
    /** Minutes between check-in and check-out, set at check-out (or by a correction). */
    workedMinutes: integer('worked_minutes'),
    correctedBy: text('corrected_by'),
    correctionReason: text('correction_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('attendance_employee_day_idx').on(t.employeeId, t.workDate),
    index('attendance_day_idx').on(t.workDate),
    check(
      'attendance_times_check',
      sql`${t.checkOutAt} is null or ${t.checkInAt} is null or ${t.checkOutAt} >= ${t.checkInAt}`,
    ),
  ],
);
