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

/** An instant's time of day for people to read ("09:07" or "9:07 AM", by their locale), in `timeZone`. */
export function timeText(instant: Date | string | null | undefined, timeZone: string, locale?: string): string {
  const d = asInstant(instant);
  return d ? d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: timeZone || undefined }) : '';
}

/** An instant's date and time for people to read, in `timeZone`. */
export function dateTimeText(instant: Date | string | null | undefined, timeZone: string, locale?: string): string {
  const d = asInstant(instant);
  return d
    ? d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone || undefined })
    : '';
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

  /** A time of day for people to read, on the company's clocks. */
  time(instant: Date | string | null | undefined): string {
    return timeText(instant, this.timeZone());
  }

  /** A date and time for people to read, on the company's clocks. */
  dateTime(instant: Date | string | null | undefined): string {
    return dateTimeText(instant, this.timeZone());
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
