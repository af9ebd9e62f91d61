import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  calendarDays,
  createCalendar,
  daysBetween,
  eachDay,
  fixedClock,
  intersectRanges,
  isIsoDate,
  monthOf,
  monthRange,
  rangesOverlap,
  weekday,
  yearRange,
} from '../src/calendar';

const cairo = { timeZone: 'Africa/Cairo', weekendDays: [5, 6] };

describe('dates', () => {
  it('knows which dates exist', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
  });

  it('moves across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-10', -10)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-05-10', '2026-05-01')).toBe(-9);
    expect(calendarDays({ from: '2026-05-01', to: '2026-05-01' })).toBe(1);
  });

  it('refuses a date that does not exist instead of rolling it over', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => monthRange('2026-13')).toThrow(RangeError);
  });

  it('gives months and years their real bounds', () => {
    expect(monthRange('2026-02')).toEqual({ month: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02').to).toBe('2028-02-29');
    expect(monthRange('2026-12').to).toBe('2026-12-31');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -14)).toBe('2025-01');
    expect(monthOf('2026-07-19')).toBe('2026-07');
    expect(yearRange(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(eachDay({ from: '2026-02-27', to: '2026-03-02' })).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('names weekdays (0 = Sunday) and overlapping ranges', () => {
    expect(weekday('2026-11-30')).toBe(1); // a Monday
    expect(weekday('2026-12-04')).toBe(5); // a Friday
    expect(rangesOverlap({ from: '2026-01-01', to: '2026-01-05' }, { from: '2026-01-05', to: '2026-01-09' })).toBe(
      true,
    );
    expect(rangesOverlap({ from: '2026-01-01', to: '2026-01-04' }, { from: '2026-01-05', to: '2026-01-09' })).toBe(
      false,
    );
    expect(intersectRanges({ from: '2026-12-29', to: '2027-01-03' }, monthRange('2026-12'))).toEqual({
      from: '2026-12-29',
      to: '2026-12-31',
    });
    expect(intersectRanges({ from: '2026-01-01', to: '2026-01-04' }, { from: '2026-01-05', to: '2026-01-09' })).toBe(
      undefined,
    );
  });
});

describe('the company calendar', () => {
  it("takes today from the clock in the company's time zone, not UTC", () => {
    // 22:30 UTC on 30 November is already 1 December in Cairo (UTC+2) but still 30 November in UTC.
    const clock = fixedClock('2026-11-30T22:30:00Z');
    const calendar = createCalendar(cairo, clock);
    expect(calendar.today()).toBe('2026-12-01');
    expect(calendar.thisMonth()).toBe('2026-12');
    expect(createCalendar({ ...cairo, timeZone: 'UTC' }, clock).today()).toBe('2026-11-30');
    // New Year's Eve in New York is already the next year in Cairo.
    clock.set('2026-12-31T23:30:00Z');
    expect(calendar.thisYear()).toBe(2027);
    expect(createCalendar({ ...cairo, timeZone: 'America/New_York' }, clock).thisYear()).toBe(2026);
  });

  it('follows the clock as a test moves it', () => {
    const clock = fixedClock('2026-03-01T08:00:00Z');
    const calendar = createCalendar(cairo, clock);
    expect(calendar.today()).toBe('2026-03-01');
    clock.advance(86_400_000);
    expect(calendar.today()).toBe('2026-03-02');
    expect(calendar.now().toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });

  it("turns the day at the zone's midnight to the millisecond, asked often or not", () => {
    // Cairo is UTC+2 in winter: its midnight is 22:00 UTC.
    const clock = fixedClock('2026-11-30T21:59:59.000Z');
    const calendar = createCalendar(cairo, clock);
    expect(calendar.today()).toBe('2026-11-30');
    clock.advance(999);
    expect(calendar.today()).toBe('2026-11-30');
    clock.advance(1);
    expect(calendar.today()).toBe('2026-12-01');
    // Before 1980 (offsets of local mean time had seconds) and back again.
    expect(calendar.dateOf(new Date('1900-01-01T21:54:50Z'))).toBe('1900-01-01');
    expect(calendar.dateOf(new Date('1900-01-01T21:54:51Z'))).toBe('1900-01-02');
    expect(calendar.today()).toBe('2026-12-01');
  });

  it("converts instants to the company's date and time and back", () => {
    const calendar = createCalendar(cairo, fixedClock('2026-01-01T00:00:00Z'));
    expect(calendar.timeOf(new Date('2026-01-15T07:05:00Z'))).toBe('09:05');
    expect(calendar.dateOf(new Date('2026-01-15T22:05:00Z'))).toBe('2026-01-16');
    // Cairo is UTC+2 in winter: its day starts at 22:00 UTC the day before.
    expect(calendar.startOf('2026-01-15').toISOString()).toBe('2026-01-14T22:00:00.000Z');
    const ny = createCalendar(
      { timeZone: 'America/New_York', weekendDays: [0, 6] },
      fixedClock('2026-01-01T00:00:00Z'),
    );
    // On the day clocks go forward (8 March 2026) and back (1 November 2026), midnight keeps its offset.
    expect(ny.startOf('2026-03-08').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(ny.startOf('2026-03-09').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(ny.startOf('2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(ny.dateOf(ny.startOf('2026-11-02'))).toBe('2026-11-02');
  });

  it("counts working days with the company's weekend and holidays", () => {
    const calendar = createCalendar(cairo, fixedClock('2026-01-01T00:00:00Z'));
    // Sunday 4 to Saturday 10 January 2026: Friday and Saturday are the weekend.
    expect(calendar.workingDays({ from: '2026-01-04', to: '2026-01-10' })).toBe(5);
    expect(calendar.workingDays({ from: '2026-01-04', to: '2026-01-10' }, { holidays: ['2026-01-07'] })).toBe(4);
    // A Saturday/Sunday weekend counts the same week differently.
    const western = createCalendar({ ...cairo, weekendDays: [0, 6] });
    expect(western.workingDays({ from: '2026-01-04', to: '2026-01-10' })).toBe(5);
    expect(western.isWorkingDay('2026-01-09')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-09')).toBe(false);
    // 9–10 January 2027 are a Saturday and a Sunday: one working day in Cairo.
    expect(calendar.workingDays({ from: '2027-01-09', to: '2027-01-10' })).toBe(1);
  });

  it('halves the ends only when they are working days, and a single day once', () => {
    const calendar = createCalendar(cairo);
    const week = { from: '2026-01-04', to: '2026-01-08' }; // Sunday to Thursday
    expect(calendar.workingDays(week, { halfDayStart: true })).toBe(4.5);
    expect(calendar.workingDays(week, { halfDayStart: true, halfDayEnd: true })).toBe(4);
    expect(
      calendar.workingDays({ from: '2026-01-04', to: '2026-01-04' }, { halfDayStart: true, halfDayEnd: true }),
    ).toBe(0.5);
    // Ending on a Friday: the half day has nothing to halve.
    expect(calendar.workingDays({ from: '2026-01-04', to: '2026-01-09' }, { halfDayEnd: true })).toBe(5);
    expect(calendar.workingDays({ from: '2026-01-09', to: '2026-01-04' })).toBe(0);
  });
});
