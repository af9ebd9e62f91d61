import '../../../../testing';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { describe, expect, it } from 'vitest';
import { wallClockInZone } from '../../../core/company-calendar';
import { controlError } from '../../../core/problems';
import {
  attendanceStatusLabel,
  dateRangeValidator,
  dayStateLabel,
  daysOfMonth,
  geolocationErrorMessage,
  isIsoDate,
  leaveDatesText,
  leaveGrid,
  leaveStatusLabel,
  overlapMessage,
  shiftMonth,
  todayActions,
  todayStatusText,
  yearOptions,
} from './time-logic';

describe('status labels', () => {
  it('names leave statuses exactly as the screens show them', () => {
    expect(['pending', 'approved', 'rejected', 'cancelled'].map(leaveStatusLabel)).toEqual([
      'Pending',
      'Approved',
      'Rejected',
      'Cancelled',
    ]);
  });

  it('names attendance statuses, and falls back to a readable form for new ones', () => {
    expect(attendanceStatusLabel('on_leave')).toBe('On leave');
    expect(attendanceStatusLabel('remote')).toBe('Remote');
    expect(attendanceStatusLabel('half_day')).toBe('Half day');
    expect(dayStateLabel('not_in_yet')).toBe('Not in yet');
    expect(dayStateLabel('on_leave')).toBe('On leave');
    expect(dayStateLabel('weekend')).toBe('Weekend');
  });
});

describe('date range validator', () => {
  const form = () =>
    new FormGroup(
      {
        from: new FormControl('', { nonNullable: true, validators: Validators.required }),
        to: new FormControl('', { nonNullable: true, validators: Validators.required }),
      },
      { validators: dateRangeValidator('from', 'to') },
    );

  it('flags an end before the start on the To field', () => {
    const f = form();
    f.setValue({ from: '2026-03-10', to: '2026-03-09' });
    expect(f.invalid).toBe(true);
    expect(controlError(f.controls.to, 'To')).toBe('To must not be before From.');
  });

  it('accepts the same day and clears the error once fixed', () => {
    const f = form();
    f.setValue({ from: '2026-03-10', to: '2026-03-09' });
    f.controls.to.setValue('2026-03-10');
    expect(f.valid).toBe(true);
    expect(f.controls.to.errors).toBeNull();
  });

  it('keeps other errors (required) and ignores half-filled ranges', () => {
    const f = form();
    f.setValue({ from: '2026-03-10', to: '' });
    expect(f.errors).toBeNull();
    expect(f.controls.to.errors).toEqual({ required: true });
  });
});

describe('geolocation messages', () => {
  it('explains denial, unavailability, timeouts and missing support', () => {
    expect(geolocationErrorMessage({ code: 1 })).toMatch(/permission was denied/i);
    expect(geolocationErrorMessage({ code: 2 })).toMatch(/unavailable/i);
    expect(geolocationErrorMessage({ code: 3 })).toMatch(/too long/i);
    expect(geolocationErrorMessage('unsupported')).toMatch(/cannot share your location/i);
    expect(geolocationErrorMessage('insecure')).toMatch(/https/i);
    expect(geolocationErrorMessage({ code: 99 })).toMatch(/could not be read/i);
  });
});

describe('dates and times', () => {
  it('recognises real ISO dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });

  it("describes today, with times on the company's clocks", () => {
    const cairo = (instant: string) => wallClockInZone(instant, 'Africa/Cairo');
    expect(todayStatusText(undefined, cairo)).toBe('Not checked in');
    expect(
      todayStatusText(
        { status: 'present', checkInAt: '2026-03-05T07:02:00Z', checkOutAt: null, officeName: 'Cairo HQ' },
        cairo,
      ),
    ).toBe('Checked in at Cairo HQ, 09:02');
    expect(
      todayStatusText(
        { status: 'remote', checkInAt: '2026-03-05T07:02:00Z', checkOutAt: null, officeName: null },
        cairo,
      ),
    ).toBe('Checked in remotely at 09:02');
    // 07:00 and 15:30 UTC are 09:00 and 17:30 in Cairo (UTC+2 in March).
    const checkIn = '2026-03-05T07:00:00Z';
    const checkOut = '2026-03-05T15:30:00Z';
    expect(todayStatusText({ status: 'present', checkInAt: checkIn, checkOutAt: null }, cairo)).toBe(
      'Checked in at 09:00',
    );
    expect(todayStatusText({ status: 'present', checkInAt: checkIn, checkOutAt: checkOut }, cairo)).toBe(
      'Checked out at 17:30',
    );
    expect(todayStatusText({ status: 'on_leave', checkInAt: null, checkOutAt: null }, cairo)).toBe('On leave');
  });

  it('describes leave dates and year choices', () => {
    expect(leaveDatesText({ startDate: '2026-03-02', endDate: '2026-03-02' })).toBe('2026-03-02');
    expect(leaveDatesText({ startDate: '2026-03-02', endDate: '2026-03-02', halfDayStart: true })).toBe(
      '2026-03-02 (half day)',
    );
    expect(leaveDatesText({ startDate: '2026-03-02', endDate: '2026-03-04' })).toBe('2026-03-02 – 2026-03-04');
    const dmy = (iso: string) => iso.split('-').reverse().join('/');
    expect(leaveDatesText({ startDate: '2026-03-02', endDate: '2026-03-04', halfDayEnd: true }, dmy)).toBe(
      '02/03/2026 – 04/03/2026 (half day)',
    );
    expect(yearOptions(2026)).toEqual([2023, 2024, 2025, 2026, 2027, 2028]);
  });
});

describe('overlapping leave', () => {
  const requests = [
    { status: 'cancelled', startDate: '2026-12-01', endDate: '2026-12-31' },
    { status: 'pending', startDate: '2026-12-08', endDate: '2026-12-10' },
  ];

  it('names the pending or approved request the dates touch', () => {
    expect(overlapMessage(requests, '2026-12-10', '2026-12-11')).toBe(
      'This overlaps your pending leave from 2026-12-08 to 2026-12-10.',
    );
  });

  it('ignores cancelled requests and adjacent days', () => {
    expect(overlapMessage(requests, '2026-12-11', '2026-12-12')).toBeUndefined();
    expect(overlapMessage(requests, '2026-12-07', '2026-12-07')).toBeUndefined();
  });
});

describe('months and the team leave calendar', () => {
  it('moves months across years and lists their days', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(daysOfMonth('2028-02')).toHaveLength(29);
    expect(daysOfMonth('2026-04').at(-1)).toBe('2026-04-30');
  });

  it('lays out each person’s leave on the days it covers, approved over pending', () => {
    const days = daysOfMonth('2026-03');
    const grid = leaveGrid(
      [
        { employeeId: 'b', employeeName: 'Nour', startDate: '2026-02-27', endDate: '2026-03-02', status: 'approved' },
        { employeeId: 'b', employeeName: 'Nour', startDate: '2026-03-02', endDate: '2026-03-03', status: 'pending' },
        { employeeId: 'a', employeeName: 'Amr', startDate: '2026-03-30', endDate: '2026-04-02', status: 'pending' },
        { employeeId: 'c', employeeName: 'Omar', startDate: '2026-03-10', endDate: '2026-03-10', status: 'rejected' },
      ],
      days,
    );
    expect(grid.map((r) => r.employeeName)).toEqual(['Amr', 'Nour']);
    expect(grid[1]?.days.slice(0, 4)).toEqual(['approved', 'approved', 'pending', null]);
    expect(grid[0]?.days.slice(28)).toEqual([null, 'pending', 'pending']);
  });
});

describe("today's attendance buttons", () => {
  const checkIn = '2026-03-05T07:00:00Z';
  it('offers check-in before any record, check-out while checked in, and nothing after check-out', () => {
    expect(todayActions(undefined, false)).toEqual({ checkIn: true, checkOut: false });
    expect(todayActions({ checkInAt: checkIn, checkOutAt: null }, false)).toEqual({ checkIn: false, checkOut: true });
    expect(todayActions({ checkInAt: checkIn, checkOutAt: '2026-03-05T15:30:00Z' }, false)).toEqual({
      checkIn: false,
      checkOut: false,
    });
  });

  it('offers nothing while today is loading, or on a day recorded without a check-in (leave)', () => {
    expect(todayActions(undefined, true)).toEqual({ checkIn: false, checkOut: false });
    expect(todayActions({ checkInAt: null, checkOutAt: null }, false)).toEqual({ checkIn: false, checkOut: false });
  });
});
