import { computed, DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Api } from './api';
import type { HrSchemas } from './api-types';

/**
 * The company's calendar in the browser: "today", this month and this year are the company's, in
 * its time zone (from `GET /api/hr/calendar`), never the browser's. Screens read these signals and
 * compute no business date themselves. Today is worked out on the fly from the clock, so a page
 * left open over midnight moves on to the next day.
 */

/** What `GET /api/hr/calendar` answers (OpenAPI `CompanyCalendar`). */
/** `GET /api/hr/calendar`: the company's today, month, zone and working week, from the server's clock. */
export type CompanyCalendarSettings = HrSchemas['CompanyCalendar'];

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** Year, month, day, hour, minute and second of an instant on the wall clocks of `timeZone`. */
function wallParts(
  instant: Date,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(timeZone, format);
  }
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    year: p.year ?? 0,
    month: p.month ?? 1,
    day: p.day ?? 1,
    hour: p.hour ?? 0,
    minute: p.minute ?? 0,
    second: p.second ?? 0,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const asInstant = (value: Date | string | null | undefined): Date | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

/** The date (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function dateInZone(instant: Date, timeZone: string): string {
  const p = wallParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The wall-clock `HH:MM` (24 h) of an instant in `timeZone`, as a time input holds it; '' for none. */
export function wallClockInZone(instant: Date | string | null | undefined, timeZone: string): string {
  const d = asInstant(instant);
  if (!d) return '';
  const p = wallParts(d, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant (ISO) at which the wall clocks of `timeZone` show `time` (`HH:MM`, seconds optional) on `date`
 * (`YYYY-MM-DD`); null for no time or a malformed one.
 */
export function instantInZone(date: string, time: string, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
  /** How far the zone's wall clocks are ahead of UTC at an instant. */
  const offsetAt = (ms: number) => {
    const p = wallParts(new Date(ms), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
  };
  // Two passes settle the offset on a day the zone changes to or from summer time.
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess);
  return new Date(guess).toISOString();
}

/** How the company writes dates and times (`GET /api/hr/calendar`): the one format of every screen. */
export interface DisplayFormat {
  dateFormat: CompanyCalendarSettings['dateFormat'];
  timeFormat: CompanyCalendarSettings['timeFormat'];
  timeZone: string;
}

/** Until the calendar loads: ISO dates, a 24-hour clock, the browser's zone. */
export const defaultDisplay: DisplayFormat = { dateFormat: 'yyyy-MM-dd', timeFormat: '24h', timeZone: '' };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month and day of a calendar date (`YYYY-MM-DD`, as is) or of an instant (in the zone). */
function dayParts(value: Date | string, timeZone: string): { y: number; m: number; d: number } | undefined {
  const plain = typeof value === 'string' ? PLAIN_DATE.exec(value) : null;
  if (plain) return { y: Number(plain[1]), m: Number(plain[2]), d: Number(plain[3]) };
  const instant = asInstant(value);
  if (!instant) return undefined;
  if (!timeZone) return { y: instant.getFullYear(), m: instant.getMonth() + 1, d: instant.getDate() };
  const p = wallParts(instant, timeZone);
  return { y: p.year, m: p.month, d: p.day };
}

function writeDay(p: { y: number; m: number; d: number }, format: DisplayFormat['dateFormat']): string {
  const [y, m, d] = [pad(p.y, 4), pad(p.m), pad(p.d)];
  switch (format) {
    case 'dd/MM/yyyy':
      return `${d}/${m}/${y}`;
    case 'MM/dd/yyyy':
      return `${m}/${d}/${y}`;
    case 'dd.MM.yyyy':
      return `${d}.${m}.${y}`;
    case 'd MMM yyyy':
      return `${p.d} ${MONTHS[p.m - 1]} ${y}`;
    default:
      return `${y}-${m}-${d}`;
  }
}

/**
 * A date for people to read in the company's format: a calendar date (`YYYY-MM-DD`) as it is, an
 * instant on the company's clocks. '' for none.
 */
export function formatDate(value: Date | string | null | undefined, f: DisplayFormat = defaultDisplay): string {
  if (value === null || value === undefined || value === '') return '';
  const p = dayParts(value, f.timeZone);
  return p ? writeDay(p, f.dateFormat) : '';
}

/** A month (`YYYY-MM`) in the company's format: "11/2026", "2026-11" or "Nov 2026". */
export function formatMonth(month: string | null | undefined, f: DisplayFormat = defaultDisplay): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  if (!m) return month ?? '';
  switch (f.dateFormat) {
    case 'yyyy-MM-dd':
      return `${m[1]}-${m[2]}`;
    case 'd MMM yyyy':
      return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
    case 'dd.MM.yyyy':
      return `${m[2]}.${m[1]}`;
    default:
      return `${m[2]}/${m[1]}`;
  }
}

/** An instant's time of day on the company's clocks: "09:07" or "9:07 AM". '' for none. */
export function formatTime(instant: Date | string | null | undefined, f: DisplayFormat = defaultDisplay): string {
  const d = asInstant(instant);
  if (!d) return '';
  const { hour, minute } = f.timeZone ? wallParts(d, f.timeZone) : { hour: d.getHours(), minute: d.getMinutes() };
  if (f.timeFormat === '12h') return `${hour % 12 || 12}:${pad(minute)} ${hour < 12 ? 'AM' : 'PM'}`;
  return `${pad(hour)}:${pad(minute)}`;
}

/** An instant's date and time on the company's clocks, in its format. '' for none. */
export function formatDateTime(instant: Date | string | null | undefined, f: DisplayFormat = defaultDisplay): string {
  const d = asInstant(instant);
  return d ? `${formatDate(d, f)} ${formatTime(d, f)}` : '';
}

/** How often the clock behind `today()` moves on. */
const TICK_MS = 30_000;

@Injectable({ providedIn: 'root' })
export class CompanyCalendar {
  private readonly api = inject(Api);
  private readonly settings = signal<CompanyCalendarSettings | null>(null);
  /** The server's clock minus the browser's, so a browser clock set wrong does not move the company's day. */
  private skewMs = 0;
  /** The current instant (ms), by the server's clock, moved on every tick. */
  private readonly now = signal(Date.now());
  private loading: Promise<boolean> | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;

  /** Whether the calendar has been loaded (until then the dates below are empty). */
  readonly loaded = computed(() => this.settings() !== null);
  /** The company's IANA time zone, '' until loaded. */
  readonly timeZone = computed(() => this.settings()?.timeZone ?? '');
  readonly weekendDays = computed(() => this.settings()?.weekendDays ?? []);
  readonly workday = computed(() => this.settings()?.workday);
  /** Today in the company's time zone (`YYYY-MM-DD`), '' until loaded. */
  readonly today = computed(() => {
    const s = this.settings();
    return s ? dateInZone(new Date(this.now()), s.timeZone) : '';
  });
  /** This month in the company's time zone (`YYYY-MM`), '' until loaded. */
  readonly thisMonth = computed(() => this.today().slice(0, 7));
  /** This year in the company's time zone, null until loaded. */
  readonly thisYear = computed(() => {
    const today = this.today();
    return today ? Number(today.slice(0, 4)) : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => clearInterval(this.ticker));
  }

  /** Loads the calendar once (after sign-in); later calls answer at once. False when it could not load. */
  load(): Promise<boolean> {
    // The clock starts with the first load, after sign-in: nobody asks the API before then.
    this.ticker ??= setInterval(() => this.tick(), TICK_MS);
    if (this.settings()) return Promise.resolve(true);
    return this.refresh();
  }

  /** Asks the server again (settings may change at run time); concurrent callers share one call. */
  refresh(): Promise<boolean> {
    this.loading ??= this.api
      .get<CompanyCalendarSettings>('/api/hr/calendar')
      .then((answer) => {
        const serverNow = Date.parse(answer.now);
        this.skewMs = Number.isNaN(serverNow) ? 0 : serverNow - Date.now();
        this.now.set(Date.now() + this.skewMs);
        this.settings.set(answer);
        return true;
      })
      .catch(() => false)
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** The company's date and time format and zone; the defaults until the calendar loads. */
  readonly display = computed<DisplayFormat>(() => {
    const s = this.settings();
    return s ? { dateFormat: s.dateFormat, timeFormat: s.timeFormat, timeZone: s.timeZone } : defaultDisplay;
  });

  /**
   * The one way a screen writes a date: a calendar date (`YYYY-MM-DD`) or an instant's day, in the
   * company's format (`COMPANY_DATE_FORMAT`). Templates call this, never a `date` pipe.
   */
  date(value: Date | string | null | undefined): string {
    return formatDate(value, this.display());
  }

  /** A month (`YYYY-MM`) in the company's format. */
  month(value: string | null | undefined): string {
    return formatMonth(value, this.display());
  }

  /** A time of day for people to read, on the company's clocks, in its format. */
  time(instant: Date | string | null | undefined): string {
    return formatTime(instant, this.display());
  }

  /** A date and time for people to read, on the company's clocks, in its format. */
  dateTime(instant: Date | string | null | undefined): string {
    return formatDateTime(instant, this.display());
  }

  /** `HH:MM` of an instant on the company's clocks, for a time input. */
  wallClock(instant: Date | string | null | undefined): string {
    return wallClockInZone(instant, this.timeZone());
  }

  /**
   * The instant a company-clock time on a date names (a correction's check-in, an interview),
   * null for no time. Refuses while the zone is unknown rather than guess the browser's.
   */
  instantAt(date: string, time: string): string | null {
    if (!time) return null;
    const zone = this.timeZone();
    if (!zone) throw new Error("The company's calendar has not loaded yet. Try again in a moment.");
    return instantInZone(date, time, zone);
  }

  private tick(): void {
    const day = this.today();
    this.now.set(Date.now() + this.skewMs);
    // Not loaded yet (the first try failed): try again. A new day: take the settings afresh.
    if (!this.settings() || (day && this.today() !== day)) void this.refresh();
  }
}
