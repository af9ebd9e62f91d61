/**
 * The one calendar: what "now" and "today" are, months, years and working days, always in the
 * company's time zone and always from an injected clock. Domain code asks this module (through its
 * service context) and never calls `new Date()` or slices an ISO string to get a date.
 *
 * Calendar dates are `YYYY-MM-DD` strings (`IsoDate`); date arithmetic on them is done in UTC,
 * where every day has 24 hours, so a daylight-saving change in the company's zone cannot shift a
 * date. Only the step from an instant to a date (or back) involves the time zone.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A calendar month, `YYYY-MM`. */
export type IsoMonth = string;

/** Where the time comes from. Production uses the system clock; tests set and move a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told: `set` jumps to an instant, `advance` moves by milliseconds. */
export interface FixedClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function fixedClock(at: Date | string): FixedClock {
  let current = new Date(at);
  if (Number.isNaN(current.getTime())) throw new RangeError(`Not an instant: ${String(at)}`);
  return {
    now: () => new Date(current.getTime()),
    set(next) {
      const d = new Date(next);
      if (Number.isNaN(d.getTime())) throw new RangeError(`Not an instant: ${String(next)}`);
      current = d;
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** The company settings the calendar depends on. */
export interface CalendarSettings {
  /** IANA time zone, e.g. `Africa/Cairo`. */
  timeZone: string;
  /** Weekend days, 0 = Sunday … 6 = Saturday. */
  weekendDays: readonly number[];
}

/** A date range, both ends included. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export interface WorkingDayOptions {
  /** Public holidays in the range (from HR's holiday calendar). */
  holidays?: ReadonlySet<IsoDate> | readonly IsoDate[];
  /** The first day counts half (only when it is a working day). */
  halfDayStart?: boolean;
  /** The last day counts half (only when it is a working day; a single day is halved once). */
  halfDayEnd?: boolean;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** True for a `YYYY-MM-DD` string naming a day that exists. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === value;
}

function dayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `date` moved by `days` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Days from `from` to `to`: 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Days in a range, both ends included. */
export function calendarDays(range: DateRange): number {
  return daysBetween(range.from, range.to) + 1;
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

/** Every date of a range, in order. */
export function eachDay(range: DateRange): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = dayNumber(range.from), end = dayNumber(range.to); d <= end; d++) out.push(fromDayNumber(d));
  return out;
}

/** First and last day of a month (`YYYY-MM`). */
export function monthRange(month: IsoMonth): DateRange & { month: IsoMonth } {
  const m = ISO_MONTH.exec(month);
  const mm = Number(m?.[2]);
  if (!m || mm < 1 || mm > 12) throw new RangeError(`Not a calendar month: ${month}`);
  const last = new Date(Date.UTC(Number(m[1]), mm, 0)).getUTCDate();
  return { month, from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month a date falls in, `YYYY-MM`. */
export function monthOf(date: IsoDate): IsoMonth {
  dayNumber(date);
  return date.slice(0, 7);
}

/** `month` moved by `months` (negative goes back). */
export function addMonths(month: IsoMonth, months: number): IsoMonth {
  const { from } = monthRange(month);
  const y = Number(from.slice(0, 4));
  const index = y * 12 + Number(from.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First and last day of a year. */
export function yearRange(year: number): DateRange {
  return { from: `${String(year).padStart(4, '0')}-01-01`, to: `${String(year).padStart(4, '0')}-12-31` };
}

/** Whether two ranges share at least one day. */
export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** The days two ranges share, or undefined when they share none. */
export function intersectRanges(a: DateRange, b: DateRange): DateRange | undefined {
  // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as text; Math.max would make them NaN
  const from = a.from > b.from ? a.from : b.from;
  // biome-ignore lint/complexity/useMathMinMax: as above
  const to = a.to < b.to ? a.to : b.to;
  return from <= to ? { from, to } : undefined;
}

export interface Calendar extends CalendarSettings {
  /** The current instant, from the clock. */
  now(): Date;
  /** Today's date in the company's time zone. */
  today(): IsoDate;
  /** The current month, `YYYY-MM`, in the company's time zone. */
  thisMonth(): IsoMonth;
  /** The current year in the company's time zone. */
  thisYear(): number;
  /** The company-zone date of an instant. */
  dateOf(instant: Date): IsoDate;
  /** The company-zone wall-clock time of an instant, `HH:MM` (24 h). */
  timeOf(instant: Date): string;
  /** The instant a company-zone day starts (for `timestamptz` ranges). */
  startOf(date: IsoDate): Date;
  isWeekend(date: IsoDate): boolean;
  /** Not a weekend day and not a holiday. */
  isWorkingDay(date: IsoDate, holidays?: WorkingDayOptions['holidays']): boolean;
  /** Working days in a range (weekends and holidays excluded, half days as 0.5). */
  workingDays(range: DateRange, options?: WorkingDayOptions): number;
}

/** `make()` on the first call, the same value after. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/** 1980-01-01T00:00:00Z. */
const WHOLE_MINUTE_OFFSETS_SINCE = 315_532_800_000;

/** A calendar over the company's settings and a clock. */
export function createCalendar(settings: CalendarSettings, clock: Clock = systemClock): Calendar {
  const timeZone = settings.timeZone;
  const weekendDays = [...settings.weekendDays];
  // Made on first use: the first time-zone formatter loads ICU's zone data, tens of milliseconds
  // that a cold start answering `/health` (or any request without dates) need not pay.
  const dateFormat = lazy(
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  );
  const timeFormat = lazy(
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  const partsFormat = lazy(
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  );
  // The last date worked out, kept for its UTC minute: since 1980 every zone's offset is whole
  // minutes, so a day never changes within one (formatting in a zone costs microseconds, and
  // "today" is asked often). Earlier instants (offsets of local mean time had seconds) go uncached.
  let lastMinute = Number.NaN;
  let lastDate = '';
  const dateOf = (instant: Date) => {
    const ms = instant.getTime();
    const minute = ms >= WHOLE_MINUTE_OFFSETS_SINCE ? Math.floor(ms / 60_000) : Number.NaN;
    if (minute !== lastMinute || Number.isNaN(minute)) {
      lastDate = dateFormat().format(instant);
      lastMinute = minute;
    }
    return lastDate;
  };
  /** Milliseconds the zone is ahead of UTC at an instant. */
  const offsetAt = (instant: Date) => {
    const p: Record<string, number> = {};
    for (const part of partsFormat().formatToParts(instant)) p[part.type] = Number(part.value);
    const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
    return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
  };
  const holidaySet = (h: WorkingDayOptions['holidays']): ReadonlySet<IsoDate> =>
    h instanceof Set ? h : new Set((h as readonly IsoDate[] | undefined) ?? []);
  const isWeekend = (date: IsoDate) => weekendDays.includes(weekday(date));
  const isWorkingDay = (date: IsoDate, holidays?: WorkingDayOptions['holidays']) =>
    !isWeekend(date) && !holidaySet(holidays).has(date);

  return {
    timeZone,
    weekendDays,
    now: () => clock.now(),
    today: () => dateOf(clock.now()),
    thisMonth: () => dateOf(clock.now()).slice(0, 7),
    thisYear: () => Number(dateOf(clock.now()).slice(0, 4)),
    dateOf,
    timeOf: (instant) => timeFormat().format(instant),
    startOf(date) {
      const midnightUtc = dayNumber(date) * DAY_MS;
      // Two passes settle the offset across a daylight-saving change on that day.
      let guess = midnightUtc - offsetAt(new Date(midnightUtc));
      guess = midnightUtc - offsetAt(new Date(guess));
      return new Date(guess);
    },
    isWeekend,
    isWorkingDay,
    workingDays(range, options = {}) {
      const holidays = holidaySet(options.holidays);
      if (range.to < range.from) return 0;
      let days = 0;
      for (const d of eachDay(range)) if (isWorkingDay(d, holidays)) days += 1;
      if (options.halfDayStart && isWorkingDay(range.from, holidays)) days -= 0.5;
      if (options.halfDayEnd && isWorkingDay(range.to, holidays) && (range.to !== range.from || !options.halfDayStart))
        days -= 0.5;
      return days;
    },
  };
}
