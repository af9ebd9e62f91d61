import { testDeps } from '@konecta/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { createHarness, expectJson, expectProblem, type Harness, requester, tokenAs } from './helpers';

/**
 * `GET /api/hr/calendar`: the web app's one source of "today". It answers from the company
 * calendar (time zone and weekend from configuration) and the injected clock, never the caller's.
 */
interface CompanyCalendar {
  now: string;
  today: string;
  month: { month: string; from: string; to: string };
  year: number;
  timeZone: string;
  weekendDays: number[];
  workday: { start: string; lateGraceMinutes: number };
  dateFormat: string;
  timeFormat: string;
}

let h: Harness;
let api: ReturnType<typeof requester>;
let token: string;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-30T23:30:00Z' });
  api = requester(h.app);
  // Any signed-in user may read it: an employee without HR permissions here.
  token = await tokenAs(h.keys, 'Employee');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const calendar = async (app = h.app) => expectJson<CompanyCalendar>(await requester(app).get('/calendar', token));

describe('the company calendar', () => {
  it("gives today, the month and the year in the company's time zone, not UTC's", async () => {
    // 23:30 UTC on 30 November is already 1 December in Cairo (UTC+2).
    h.clock.set('2026-11-30T23:30:00Z');
    expect(await calendar()).toEqual({
      now: '2026-11-30T23:30:00.000Z',
      today: '2026-12-01',
      month: { month: '2026-12', from: '2026-12-01', to: '2026-12-31' },
      year: 2026,
      timeZone: 'Africa/Cairo',
      weekendDays: [5, 6],
      workday: { start: '09:00', lateGraceMinutes: 15 },
      dateFormat: 'yyyy-MM-dd',
      timeFormat: '24h',
    });
  });

  it('follows the clock: the new year starts at midnight in Cairo', async () => {
    h.clock.set('2026-12-31T21:59:00Z');
    expect(await calendar()).toMatchObject({ today: '2026-12-31', year: 2026, month: { month: '2026-12' } });
    h.clock.advance(60_000);
    expect(await calendar()).toMatchObject({
      today: '2027-01-01',
      year: 2027,
      month: { month: '2027-01', from: '2027-01-01', to: '2027-01-31' },
    });
  });

  it("takes the zone, weekend, working hours and date format from the company's settings", async () => {
    const deps = testDeps(
      h.db,
      h.keys,
      {
        KONECTA_DATA_DIR: 'memory',
        COMPANY_TIMEZONE: 'America/New_York',
        COMPANY_WEEKEND: '0,6',
        COMPANY_WORKDAY_START: '08:30',
        COMPANY_LATE_GRACE_MINUTES: '5',
        COMPANY_DATE_FORMAT: 'dd/MM/yyyy',
        COMPANY_TIME_FORMAT: '12h',
      },
      { clock: h.clock },
    );
    h.clock.set('2026-11-30T23:30:00Z');
    // Still 18:30 on 30 November in New York.
    expect(await calendar(createApp(deps))).toMatchObject({
      today: '2026-11-30',
      month: { month: '2026-11', from: '2026-11-01', to: '2026-11-30' },
      timeZone: 'America/New_York',
      weekendDays: [0, 6],
      workday: { start: '08:30', lateGraceMinutes: 5 },
      dateFormat: 'dd/MM/yyyy',
      timeFormat: '12h',
    });
  });

  it('needs a sign-in', async () => {
    await expectProblem(await api.get('/calendar'), 401);
  });

  it('is described in the OpenAPI document as CompanyCalendar', async () => {
    const doc = await expectJson<{
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, { required?: string[] }> };
    }>(await h.app.request('/api/hr/openapi.json'));
    expect(JSON.stringify(doc.paths['/api/hr/calendar']?.get?.responses['200'])).toContain(
      '#/components/schemas/CompanyCalendar',
    );
    expect(doc.components.schemas.CompanyCalendar?.required).toEqual(
      expect.arrayContaining(['today', 'month', 'year', 'timeZone', 'weekendDays', 'workday']),
    );
  });
});
