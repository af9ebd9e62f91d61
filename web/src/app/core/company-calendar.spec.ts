import '../../testing';
import { Injector } from '@angular/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Api } from './api';
import {
  CompanyCalendar,
  type CompanyCalendarSettings,
  type DisplayFormat,
  dateInZone,
  formatDate,
  formatDateTime,
  formatMonth,
  formatTime,
  instantInZone,
  wallClockInZone,
} from './company-calendar';

describe('dates and times in a time zone', () => {
  it('puts an instant on the date of the zone, not of UTC or the browser', () => {
    const instant = new Date('2026-11-30T23:30:00Z');
    expect(dateInZone(instant, 'Africa/Cairo')).toBe('2026-12-01');
    expect(dateInZone(instant, 'America/New_York')).toBe('2026-11-30');
  });

  it('reads and writes wall-clock times of the zone', () => {
    expect(wallClockInZone('2026-03-05T07:07:00Z', 'Africa/Cairo')).toBe('09:07');
    expect(wallClockInZone(null, 'Africa/Cairo')).toBe('');
    expect(wallClockInZone('not a time', 'Africa/Cairo')).toBe('');
    expect(instantInZone('2026-03-05', '09:07', 'Africa/Cairo')).toBe('2026-03-05T07:07:00.000Z');
    expect(instantInZone('2026-03-05', '', 'Africa/Cairo')).toBeNull();
  });

  it('takes summer time into account on the day it starts', () => {
    // New York moves to UTC-4 at 02:00 on 8 March 2026.
    expect(instantInZone('2026-03-07', '12:00', 'America/New_York')).toBe('2026-03-07T17:00:00.000Z');
    expect(instantInZone('2026-03-08', '12:00', 'America/New_York')).toBe('2026-03-08T16:00:00.000Z');
    expect(wallClockInZone(instantInZone('2026-03-08', '12:00', 'America/New_York'), 'America/New_York')).toBe('12:00');
  });

  it("shows a check-in time on the company's clocks", () => {
    const cairo: DisplayFormat = { dateFormat: 'yyyy-MM-dd', timeFormat: '24h', timeZone: 'Africa/Cairo' };
    expect(formatTime('2026-03-05T07:07:00Z', cairo)).toBe('09:07');
    expect(formatTime('2026-03-05T07:07:00Z', { ...cairo, timeZone: 'Asia/Tokyo' })).toBe('16:07');
    expect(formatTime('2026-03-05T14:07:00Z', { ...cairo, timeFormat: '12h' })).toBe('4:07 PM');
    expect(formatTime('2026-03-04T22:05:00Z', { ...cairo, timeFormat: '12h' })).toBe('12:05 AM');
    expect(formatTime(null, cairo)).toBe('');
  });
});

describe("the company's one date format", () => {
  const f = (dateFormat: DisplayFormat['dateFormat']): DisplayFormat => ({
    dateFormat,
    timeFormat: '24h',
    timeZone: 'Africa/Cairo',
  });

  it('writes a calendar date as it is, in each format', () => {
    expect(formatDate('2027-01-09', f('yyyy-MM-dd'))).toBe('2027-01-09');
    expect(formatDate('2027-01-09', f('dd/MM/yyyy'))).toBe('09/01/2027');
    expect(formatDate('2027-01-09', f('MM/dd/yyyy'))).toBe('01/09/2027');
    expect(formatDate('2027-01-09', f('dd.MM.yyyy'))).toBe('09.01.2027');
    expect(formatDate('2027-01-09', f('d MMM yyyy'))).toBe('9 Jan 2027');
    expect(formatDate('2027-01-09', { ...f('dd/MM/yyyy'), timeZone: 'Pacific/Honolulu' })).toBe('09/01/2027');
    expect(formatDate(null, f('dd/MM/yyyy'))).toBe('');
    expect(formatDate('garbage', f('dd/MM/yyyy'))).toBe('');
  });

  it("writes an instant's date and time on the company's clocks, not UTC's", () => {
    // 23:30 UTC on 30 November is 01:30 on 1 December in Cairo.
    expect(formatDate('2026-11-30T23:30:00Z', f('dd/MM/yyyy'))).toBe('01/12/2026');
    expect(formatDateTime('2026-11-30T23:30:00Z', f('d MMM yyyy'))).toBe('1 Dec 2026 01:30');
    expect(formatDateTime('2026-11-30T23:30:00Z', { ...f('MM/dd/yyyy'), timeFormat: '12h' })).toBe(
      '12/01/2026 1:30 AM',
    );
  });

  it('writes a month the same way', () => {
    expect(formatMonth('2026-11', f('yyyy-MM-dd'))).toBe('2026-11');
    expect(formatMonth('2026-11', f('dd/MM/yyyy'))).toBe('11/2026');
    expect(formatMonth('2026-11', f('d MMM yyyy'))).toBe('Nov 2026');
  });
});

describe('the company calendar service', () => {
  const answer = (now: string, timeZone = 'Africa/Cairo'): CompanyCalendarSettings => ({
    now,
    today: 'as the server says',
    month: { month: '', from: '', to: '' },
    year: 0,
    timeZone,
    weekendDays: [5, 6],
    workday: { start: '09:00', lateGraceMinutes: 15 },
    dateFormat: 'dd/MM/yyyy',
    timeFormat: '24h',
  });

  function setUp(get: (path: string) => Promise<unknown>) {
    const api = { get: vi.fn(get) };
    const injector = Injector.create({ providers: [{ provide: Api, useValue: api }, CompanyCalendar] });
    return { api, calendar: injector.get(CompanyCalendar) };
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it("loads once and gives the company's today, month and year", async () => {
    vi.useFakeTimers({ now: new Date('2026-11-30T23:30:00Z') });
    const { api, calendar } = setUp(async () => answer('2026-11-30T23:30:00Z'));
    expect(calendar.today()).toBe('');
    expect(await calendar.load()).toBe(true);
    expect(await calendar.load()).toBe(true);
    expect(api.get).toHaveBeenCalledTimes(1);
    expect(api.get).toHaveBeenCalledWith('/api/hr/calendar');
    expect(calendar.today()).toBe('2026-12-01');
    expect(calendar.thisMonth()).toBe('2026-12');
    expect(calendar.thisYear()).toBe(2026);
    expect(calendar.timeZone()).toBe('Africa/Cairo');
    expect(calendar.weekendDays()).toEqual([5, 6]);
    // Dates are written in the company's format once it is known.
    expect(calendar.date('2027-01-09')).toBe('09/01/2027');
    expect(calendar.dateTime('2026-11-30T23:30:00Z')).toBe('01/12/2026 01:30');
  });

  it("goes by the server's clock when the browser's is wrong", async () => {
    // The browser thinks it is 20:30 UTC; the server knows it is 23:30 UTC, already 1 December in Cairo.
    vi.useFakeTimers({ now: new Date('2026-11-30T20:30:00Z') });
    const { calendar } = setUp(async () => answer('2026-11-30T23:30:00Z'));
    await calendar.load();
    expect(calendar.today()).toBe('2026-12-01');
  });

  it("moves on at the company's midnight with the page open, and asks the server again", async () => {
    vi.useFakeTimers({ now: new Date('2026-12-31T21:50:00Z') });
    const { api, calendar } = setUp(async () => answer(new Date(Date.now()).toISOString()));
    await calendar.load();
    expect(calendar.today()).toBe('2026-12-31');
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(calendar.today()).toBe('2027-01-01');
    expect(calendar.thisYear()).toBe(2027);
    expect(api.get).toHaveBeenCalledTimes(2);
  });

  it('tries again when the first load fails, and meanwhile gives no date at all', async () => {
    vi.useFakeTimers({ now: new Date('2026-06-01T10:00:00Z') });
    let fail = true;
    const { calendar } = setUp(async () => {
      if (fail) throw new Error('offline');
      return answer('2026-06-01T10:00:00Z');
    });
    expect(await calendar.load()).toBe(false);
    expect(calendar.today()).toBe('');
    expect(calendar.thisYear()).toBeNull();
    expect(() => calendar.instantAt('2026-06-01', '09:00')).toThrow(/not loaded/);
    fail = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calendar.today()).toBe('2026-06-01');
  });

  it("turns a typed time into the instant on the company's clocks", async () => {
    vi.useFakeTimers({ now: new Date('2026-03-05T10:00:00Z') });
    const { calendar } = setUp(async () => answer('2026-03-05T10:00:00Z'));
    await calendar.load();
    expect(calendar.instantAt('2026-03-05', '09:00')).toBe('2026-03-05T07:00:00.000Z');
    expect(calendar.instantAt('2026-03-05', '')).toBeNull();
    expect(calendar.wallClock('2026-03-05T07:00:00Z')).toBe('09:00');
  });
});
