import { json } from '@konecta/core/testing';
import { employees, leaveRequests, leaveTypes } from '@konecta/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, employeeByEmail, expectProblem, type Harness, requester, tokenAs } from './helpers';

/** Wednesday 4 March 2026, 08:00 in Cairo: nobody has checked in yet. */
const NOW = '2026-03-04T06:00:00.000Z';
const TODAY = '2026-03-04';

interface DayRow {
  employeeId: string;
  employeeName: string;
  state: string;
  leaveTypeName: string | null;
  record: { status: string; checkInAt: string | null; corrected: boolean } | null;
}
interface Day {
  items: DayRow[];
  total: number;
  date: string;
  holidayName: string | null;
  workingDay: boolean;
  counts: Record<string, number>;
}

let h: Harness;
let api: ReturnType<typeof requester>;
let tarek: string;
let nour: string;
let managerToken: string;
let hrToken: string;

beforeAll(async () => {
  h = await createHarness({ seed: true, now: NOW });
  api = requester(h.app);
  tarek = (await employeeByEmail(h, 'manager@konecta.local')).id;
  nour = (await employeeByEmail(h, 'employee@konecta.local')).id;
  managerToken = await tokenAs(h.keys, 'Department Manager', tarek);
  hrToken = await tokenAs(h.keys, 'HR Staff', (await employeeByEmail(h, 'hr@konecta.local')).id);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const day = async (token: string, query = '') =>
  expectJson<Day>(await api.get(`/attendance/day?limit=200${query}`, token));
async function expectJson<T>(res: Response): Promise<T> {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${await res.text()}`);
  return json<T>(res);
}

/** Who the manager's team is, read from the database: his department and his direct reports. */
async function teamOn(date: string) {
  const [me] = await h.db.db.select().from(employees).where(eq(employees.id, tarek));
  const all = await h.db.db.select().from(employees);
  return all
    .filter((e) => e.departmentId === me?.departmentId || e.managerId === tarek || e.id === tarek)
    .filter((e) => e.hireDate <= date && (e.exitDate === null || e.exitDate >= date))
    .filter((e) => e.status === 'active' || e.status === 'on_leave' || (e.exitDate ?? '') >= date)
    .map((e) => e.id)
    .sort();
}

describe('the team’s day', () => {
  it('lists everyone in the manager’s team, with or without a record: not in yet before they check in', async () => {
    const today = await day(managerToken);
    expect(today.date).toBe(TODAY);
    expect(today.workingDay).toBe(true);
    expect(today.items.map((i) => i.employeeId).sort()).toEqual(await teamOn(TODAY));
    expect(today.total).toBe(today.items.length);
    expect(today.items.every((i) => i.state === 'not_in_yet' && i.record === null)).toBe(true);
    expect(today.counts.not_in_yet).toBe(today.items.length);
  });

  it('shows who checked in (present, with the record) and who is on approved leave', async () => {
    await api.post('/attendance/check-in', await tokenAs(h.keys, 'Employee', nour), {
      latitude: 30.0444,
      longitude: 31.2357,
    });
    const team = await teamOn(TODAY);
    const onLeave = team.find((id) => id !== nour && id !== tarek) as string;
    const [annual] = await h.db.db.select().from(leaveTypes).where(eq(leaveTypes.code, 'ANNUAL'));
    await h.db.db.insert(leaveRequests).values({
      employeeId: onLeave,
      leaveTypeId: annual?.id as string,
      startDate: '2026-03-03',
      endDate: '2026-03-05',
      days: 3,
      status: 'approved',
    });
    const today = await day(managerToken);
    const byId = new Map(today.items.map((i) => [i.employeeId, i]));
    expect(byId.get(nour)).toMatchObject({ state: 'present', record: { status: 'present' } });
    expect(byId.get(nour)?.record?.checkInAt).toBe(NOW);
    expect(byId.get(onLeave)).toMatchObject({ state: 'on_leave', leaveTypeName: annual?.name, record: null });
    expect(today.counts).toMatchObject({ present: 1, on_leave: 1, not_in_yet: team.length - 2 });

    const filtered = await day(managerToken, '&state=on_leave');
    expect(filtered.items.map((i) => i.employeeId)).toEqual([onLeave]);
  });

  it('a past working day without records is absent; a holiday and a weekend say so', async () => {
    const past = await day(hrToken, '&date=2026-01-15');
    expect(past.items.length).toBeGreaterThan(10);
    expect(new Set(past.items.map((i) => i.state))).toEqual(new Set(['absent']));

    const holiday = await day(hrToken, '&date=2026-01-25');
    expect(holiday).toMatchObject({ holidayName: 'Revolution Day', workingDay: false });
    expect(new Set(holiday.items.map((i) => i.state))).toEqual(new Set(['holiday']));

    const friday = await day(hrToken, '&date=2026-01-16');
    expect(friday.workingDay).toBe(false);
    expect(new Set(friday.items.map((i) => i.state))).toEqual(new Set(['weekend']));
  });

  it('HR adds the missing day from there: the person then shows with the corrected record', async () => {
    const added = await api.post('/attendance', hrToken, {
      employeeId: nour,
      workDate: '2026-01-15',
      status: 'present',
      checkInAt: '2026-01-15T07:05:00Z',
      checkOutAt: '2026-01-15T15:00:00Z',
      reason: 'Forgot to check in',
    });
    expect(added.status).toBe(200);
    const past = await day(hrToken, '&date=2026-01-15');
    const row = past.items.find((i) => i.employeeId === nour);
    expect(row).toMatchObject({ state: 'present', record: { status: 'present', corrected: true } });
    expect(past.counts.present).toBe(1);
  });

  it('is for managers and HR only, and refuses a bad date naming it', async () => {
    await expectProblem(await api.get('/attendance/day', await tokenAs(h.keys, 'Employee', nour)), 403);
    const bad = await expectProblem(await api.get('/attendance/day?date=2026-02-30', hrToken), 400);
    expect(JSON.stringify(bad.errors)).toContain('date');
  });
});
