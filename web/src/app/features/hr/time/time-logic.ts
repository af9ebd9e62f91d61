import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { HrSchemas } from '../../../core/api-types';

/** Pure helpers for the HR time screens (attendance, holidays, leave), tested in Node. */

export type AttendanceStatus = HrSchemas['AttendanceRecord']['status'];
export type LeaveStatus = HrSchemas['LeaveRequest']['status'];

const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  present: 'Present',
  absent: 'Absent',
  remote: 'Remote',
  on_leave: 'On leave',
  holiday: 'Holiday',
};

const LEAVE_LABELS: Record<LeaveStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

export function attendanceStatusLabel(status: string): string {
  return ATTENDANCE_LABELS[status as AttendanceStatus] ?? capitalise(status);
}

export type DayState = HrSchemas['AttendanceDay']['items'][number]['state'];

const DAY_LABELS: Record<DayState, string> = {
  ...ATTENDANCE_LABELS,
  weekend: 'Weekend',
  not_in_yet: 'Not in yet',
};

/** A person's state on a day in the team view (a record's status, or why there is none). */
export function dayStateLabel(state: string): string {
  return DAY_LABELS[state as DayState] ?? capitalise(state);
}

export function leaveStatusLabel(status: string): string {
  return LEAVE_LABELS[status as LeaveStatus] ?? capitalise(status);
}

function capitalise(text: string): string {
  const clean = text.replace(/_/g, ' ');
  return clean ? clean[0]?.toUpperCase() + clean.slice(1) : '';
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * What today's card says: "Not checked in", "Checked in at Cairo HQ, 09:02" (or "remotely"),
 * "Checked out at 17:30". `time` writes an instant on the company's clocks (`CompanyCalendar.time`).
 */
export function todayStatusText(
  record:
    | { status: string; checkInAt: string | null; checkOutAt: string | null; officeName?: string | null }
    | undefined,
  time: (instant: string) => string,
): string {
  if (!record) return 'Not checked in';
  if (record.checkOutAt) return `Checked out at ${time(record.checkOutAt)}`;
  if (record.checkInAt) return checkInText(record, time);
  return attendanceStatusLabel(record.status);
}

/**
 * The buttons My attendance offers for today: "Check in" only before any record exists, "Check
 * out" only between check-in and check-out. After checking out neither is offered (a disabled
 * "Check in" would still read as something left to do); nothing while today's record loads.
 */
export function todayActions(
  record: { checkInAt: string | null; checkOutAt: string | null } | undefined,
  loading: boolean,
): { checkIn: boolean; checkOut: boolean } {
  if (loading) return { checkIn: false, checkOut: false };
  return { checkIn: !record, checkOut: !!record?.checkInAt && !record.checkOutAt };
}

/** "Checked in at Cairo HQ, 09:02", or "Checked in remotely at 09:02": which office matched. */
export function checkInText(
  record: { status: string; checkInAt: string | null; officeName?: string | null },
  time: (instant: string) => string,
): string {
  const at = record.checkInAt ? time(record.checkInAt) : '';
  if (record.officeName) return `Checked in at ${record.officeName}, ${at}`;
  return record.status === 'remote' ? `Checked in remotely at ${at}` : `Checked in at ${at}`;
}

/** Hours as "7.5 h", minutes-free; '' when unknown. */
export function hoursText(hours: number | null | undefined): string {
  return hours === null || hours === undefined ? '' : `${hours} h`;
}

/**
 * Group validator: `endKey` may not be before `startKey`. The error sits on the end control as
 * `custom` (so `controlError` shows it) and is cleared again once the range is fixed.
 */
export function dateRangeValidator(
  startKey: string,
  endKey: string,
  message = 'To must not be before From.',
): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const start = group.get(startKey);
    const end = group.get(endKey);
    if (!start || !end) return null;
    const reversed = isIsoDate(start.value) && isIsoDate(end.value) && end.value < start.value;
    const errors = { ...(end.errors ?? {}) };
    if (reversed) {
      if (errors.custom !== message) end.setErrors({ ...errors, custom: message });
      return { range: true };
    }
    if (errors.custom === message) {
      delete errors.custom;
      end.setErrors(Object.keys(errors).length ? errors : null);
    }
    return null;
  };
}

/** Minimal shape of a GeolocationPositionError (the DOM class is absent in Node). */
export interface GeoErrorLike {
  code: number;
  message?: string;
}

/** The sentence a user sees when their location could not be read. */
export function geolocationErrorMessage(error: GeoErrorLike | 'unsupported' | 'insecure'): string {
  if (error === 'unsupported') {
    return 'This browser cannot share your location, and checking in needs it. Use a browser or device with location services.';
  }
  if (error === 'insecure') {
    return 'Your location can only be shared over a secure (https) connection. Open Konecta ERP over https to check in.';
  }
  switch (error.code) {
    case 1:
      return 'Location permission was denied. Allow location access for this site in your browser settings, then try again — checking in needs your location (remote workers too).';
    case 2:
      return 'Your location is unavailable right now. Turn on location services or move to where your device can get a fix, then try again.';
    case 3:
      return 'Finding your location took too long. Try again.';
    default:
      return 'Your location could not be read. Try again.';
  }
}

/** Validates an office's fields as the API does (name 2–120, lat ±90, lng ±180, radius 10 m–50 km). */
export const OFFICE_LIMITS = {
  latitude: { min: -90, max: 90 },
  longitude: { min: -180, max: 180 },
  radiusMeters: { min: 10, max: 50_000 },
} as const;

/** Holiday years the selector offers: a few before and after the current one (API: 2000–2100). */
export function yearOptions(current: number, before = 3, after = 2): number[] {
  const out: number[] = [];
  for (let y = Math.max(2000, current - before); y <= Math.min(2100, current + after); y++) out.push(y);
  return out;
}

/** Days as "1 day" / "2.5 days". */
export function daysText(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** A leave request's dates: "2026-03-02 – 2026-03-04" (half days noted), or a single day. */
export function leaveDatesText(
  r: {
    startDate: string;
    endDate: string;
    halfDayStart?: boolean;
    halfDayEnd?: boolean;
  },
  date: (iso: string) => string = (iso) => iso,
): string {
  const start = r.halfDayStart ? `${date(r.startDate)} (half day)` : date(r.startDate);
  const end = r.halfDayEnd ? `${date(r.endDate)} (half day)` : date(r.endDate);
  if (r.startDate === r.endDate) {
    if (r.halfDayStart || r.halfDayEnd) return `${date(r.startDate)} (half day)`;
    return date(r.startDate);
  }
  return `${start} – ${end}`;
}

/**
 * Why new leave from `start` to `end` clashes with one of the caller's pending or approved
 * requests (as the server would refuse it), or undefined when it does not.
 */
export function overlapMessage(
  requests: { status: string; startDate: string; endDate: string }[],
  start: string,
  end: string,
  date: (iso: string) => string = (iso) => iso,
): string | undefined {
  const clash = requests.find(
    (r) => (r.status === 'pending' || r.status === 'approved') && r.startDate <= end && r.endDate >= start,
  );
  return clash
    ? `This overlaps your ${clash.status} leave from ${date(clash.startDate)} to ${date(clash.endDate)}.`
    : undefined;
}

/** `YYYY-MM` moved by `months` (negative goes back): the month pickers' previous and next. */
export function shiftMonth(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 0) * 12 + (m ?? 1) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every date of a `YYYY-MM` month, in order. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 0, m ?? 1, 0)).getUTCDate();
  return Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

export interface LeaveGridRow {
  employeeId: string;
  employeeName: string;
  /** Per day of the month: the leave's status that day, or null. */
  days: ('approved' | 'pending' | null)[];
}

/** A month of leave laid out per person and day (the team calendar), people by name. */
export function leaveGrid(
  requests: readonly {
    employeeId: string;
    employeeName: string | null;
    startDate: string;
    endDate: string;
    status: string;
  }[],
  days: readonly string[],
): LeaveGridRow[] {
  const rows = new Map<string, LeaveGridRow>();
  for (const r of requests) {
    if (r.status !== 'approved' && r.status !== 'pending') continue;
    let row = rows.get(r.employeeId);
    if (!row) {
      row = { employeeId: r.employeeId, employeeName: r.employeeName ?? '', days: days.map(() => null) };
      rows.set(r.employeeId, row);
    }
    days.forEach((d, i) => {
      // An approved day wins over a pending one on the same date.
      if (d >= r.startDate && d <= r.endDate && row.days[i] !== 'approved') row.days[i] = r.status as 'approved';
    });
  }
  return [...rows.values()].sort((a, b) => a.employeeName.localeCompare(b.employeeName));
}
