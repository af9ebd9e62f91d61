import {
  bearerSecurity,
  companyDateFormats,
  createRoute,
  createRouter,
  jsonContent,
  monthOf,
  monthRange,
  problemResponses,
  requireAuth,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { HrContext } from '../context';

const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const companyCalendarSchema = z.openapi(
  z.object({
    now: z.openapi(z.iso.datetime({ offset: true }), {
      description: "The server's clock when it answered; the web app measures its own clock against it",
      example: '2026-11-30T23:30:00.000Z',
    }),
    today: z.openapi(isoDay, { description: "Today in the company's time zone", example: '2026-12-01' }),
    month: z.object({
      month: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
      from: isoDay,
      to: isoDay,
    }),
    year: z.int(),
    timeZone: z.openapi(z.string(), { description: 'IANA time zone of the company', example: 'Africa/Cairo' }),
    weekendDays: z.openapi(z.array(z.int().check(z.gte(0), z.lte(6))), {
      description: 'Weekend days, 0 = Sunday … 6 = Saturday',
      example: [5, 6],
    }),
    workday: z.object({
      start: z.openapi(z.string(), { description: 'When the working day starts (24 h)', example: '09:00' }),
      lateGraceMinutes: z.int().check(z.nonnegative()),
    }),
    dateFormat: z.openapi(z.enum(companyDateFormats), {
      description: 'How the company writes dates (COMPANY_DATE_FORMAT)',
      example: 'yyyy-MM-dd',
    }),
    timeFormat: z.openapi(z.enum(['24h', '12h']), { description: 'A 24- or 12-hour clock (COMPANY_TIME_FORMAT)' }),
  }),
  'CompanyCalendar',
);

export type CompanyCalendar = z.infer<typeof companyCalendarSchema>;

/** What the company's calendar says now: the one source of "today" for every screen of the web app. */
export function companyCalendarOf(ctx: HrContext): CompanyCalendar {
  const { calendar, config } = ctx;
  // One reading of the clock, so `now`, `today`, the month and the year agree at midnight.
  const now = calendar.now();
  const today = calendar.dateOf(now);
  return {
    now: now.toISOString(),
    today,
    month: monthRange(monthOf(today)),
    year: Number(today.slice(0, 4)),
    timeZone: calendar.timeZone,
    weekendDays: [...calendar.weekendDays],
    workday: { start: config.workday.start, lateGraceMinutes: config.workday.lateGraceMinutes },
    dateFormat: config.display.dateFormat,
    timeFormat: config.display.timeFormat,
  };
}

export function companyCalendarRoutes(ctx: HrContext) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/calendar',
      tags: ['dashboard'],
      summary: "The company's today, month, year, time zone, weekend and working hours",
      security: bearerSecurity,
      middleware: [requireAuth()],
      responses: {
        200: { description: 'The company calendar', ...jsonContent(companyCalendarSchema) },
        ...problemResponses(401),
      },
    }),
    (c) => c.json(companyCalendarOf(ctx), 200),
  );
  return r;
}
