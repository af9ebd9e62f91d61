import { employees } from '@konecta/db';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dashboard } from '../src/dashboard/dashboard';
import { createHarness, employeeByEmail, expectJson, type Harness, newHire, requester, tokenAs } from './helpers';

/**
 * The dashboard's figures come from the API, by the company calendar (Cairo, Friday/Saturday
 * weekend) and in the caller's scope. The clock is set: Tuesday 1 December 2026, 08:00 in Cairo.
 */
let h: Harness;
let api: ReturnType<typeof requester>;

const dashboard = async (token: string) => expectJson<Dashboard>(await api.get('/dashboard', token));
const cairo = (iso: string) => new Date(`${iso}+02:00`);

beforeAll(async () => {
  h = await createHarness({ seed: true, now: cairo('2026-12-01T08:00:00') });
  api = requester(h.app);
}, 120_000);
beforeEach(() => {
  h.clock.set(cairo('2026-12-01T08:00:00'));
});
afterAll(async () => {
  await h?.close();
});

describe('the dashboard', () => {
  it("states today and the month in the company's time zone, from the clock", async () => {
    const hr = await tokenAs(h.keys, 'HR Staff');
    // 23:30 UTC on 30 November is already 1 December in Cairo.
    h.clock.set('2026-11-30T23:30:00Z');
    expect(await dashboard(hr)).toMatchObject({
      today: '2026-12-01',
      month: { month: '2026-12', from: '2026-12-01', to: '2026-12-31' },
    });
  });

  it('counts people employed today: a hire starting tomorrow is counted from tomorrow', async () => {
    const token = await tokenAs(h.keys, 'HR Staff');
    const before = await dashboard(token);
    await expectJson(await api.post('/employees', token, newHire({ hireDate: '2026-12-02' })), 201);
    const same = await dashboard(token);
    expect(same.headcount?.total).toBe(before.headcount?.total);
    expect(same.attendanceToday?.expected).toBe(before.attendanceToday?.expected);
    h.clock.advance(86_400_000);
    const tomorrow = await dashboard(token);
    expect(tomorrow.headcount?.total).toBe((before.headcount?.total ?? 0) + 1);
    expect(tomorrow.headcount?.byDepartment.reduce((s, d) => s + d.headcount, 0)).toBe(tomorrow.headcount?.total);
  });

  it('moves a person from "not in yet" to present when they check in, and counts a late check-in', async () => {
    const hrToken = await tokenAs(h.keys, 'HR Staff');
    const before = await dashboard(hrToken);
    const a = before.attendanceToday;
    expect(a).toMatchObject({ scope: 'everyone', workingDay: true });
    expect(a?.expected).toBe(before.headcount?.total);

    const nour = await employeeByEmail(h, 'employee@konecta.local');
    const hq = { latitude: 30.0444, longitude: 31.2357 };
    await expectJson(await api.post('/attendance/check-in', await tokenAs(h.keys, 'Employee', nour.id), hq), 201);
    const afterOnTime = (await dashboard(hrToken)).attendanceToday;
    expect(afterOnTime?.present).toBe((a?.present ?? 0) + 1);
    expect(afterOnTime?.notInYet).toBe((a?.notInYet ?? 0) - 1);
    expect(afterOnTime?.late).toBe(a?.late);

    // 09:40 is after 09:00 plus the 15 minutes' grace.
    h.clock.set(cairo('2026-12-01T09:40:00'));
    const karim = await employeeByEmail(h, 'finance@konecta.local');
    await expectJson(await api.post('/attendance/check-in', await tokenAs(h.keys, 'Employee', karim.id), hq), 201);
    const afterLate = (await dashboard(hrToken)).attendanceToday;
    expect(afterLate?.late).toBe((a?.late ?? 0) + 1);
    expect(afterLate?.present).toBe((a?.present ?? 0) + 2);
  });

  it("shows a manager their team's figures, and no attendance card to whoever may not read attendance", async () => {
    const hrFigures = await dashboard(await tokenAs(h.keys, 'HR Staff'));
    const tarek = await employeeByEmail(h, 'manager@konecta.local');
    const team = await dashboard(await tokenAs(h.keys, 'Department Manager', tarek.id));
    expect(team.attendanceToday?.scope).toBe('team');
    expect(team.attendanceToday?.expected).toBeGreaterThan(1);
    expect(team.attendanceToday?.expected).toBeLessThan(hrFigures.attendanceToday?.expected ?? 0);
    expect(team.headcount).toBeUndefined();

    // The Finance Manager may read every employee but not attendance: a headcount, no attendance figures.
    const finance = await employeeByEmail(h, 'finance.manager@konecta.local');
    const fm = await dashboard(await tokenAs(h.keys, 'Finance Manager', finance.id));
    expect(fm.headcount?.total).toBe(hrFigures.headcount?.total);
    expect(fm.attendanceToday).toBeUndefined();

    const employee = await dashboard(await tokenAs(h.keys, 'Employee', tarek.id));
    expect(employee).not.toHaveProperty('headcount');
    expect(employee).not.toHaveProperty('attendanceToday');
    expect(employee).not.toHaveProperty('pendingApprovals');
  });

  it('counts leave inside the month by working days, and who is out today', async () => {
    const tarek = await employeeByEmail(h, 'manager@konecta.local');
    const managerToken = await tokenAs(h.keys, 'Department Manager', tarek.id);
    const hrToken = await tokenAs(h.keys, 'HR Staff');
    const before = await dashboard(hrToken);
    const beforeTeam = await dashboard(managerToken);
    const types = await expectJson<{ items: { id: string; code: string; name: string }[] }>(
      await api.get('/leave-types', hrToken),
    );
    const unpaid = types.items.find((t) => t.code === 'UNPAID');
    if (!unpaid) throw new Error('the seed has an unpaid leave type');

    // Nour takes Tuesday 29 December to Sunday 3 January: in December that is Tue, Wed, Thu
    // (Friday and Saturday are the weekend) = 3 working days; the January days are not this month's.
    const nour = await employeeByEmail(h, 'employee@konecta.local');
    const nourToken = await tokenAs(h.keys, 'Employee', nour.id);
    const late = await expectJson<{ id: string; days: number }>(
      await api.post('/leave-requests', nourToken, {
        leaveTypeId: unpaid.id,
        startDate: '2026-12-29',
        endDate: '2027-01-03',
      }),
      201,
    );
    // And a colleague in the same team (who has not checked in) is off today, Tuesday 1 December, for half a day.
    const [colleague] = await h.db.db
      .select()
      .from(employees)
      .where(
        and(
          eq(employees.departmentId, nour.departmentId as string),
          ne(employees.id, nour.id),
          ne(employees.id, tarek.id),
        ),
      )
      .limit(1);
    if (!colleague) throw new Error('the seed has more people in engineering');
    const today = await expectJson<{ id: string }>(
      await api.post('/leave-requests', await tokenAs(h.keys, 'Employee', colleague.id), {
        leaveTypeId: unpaid.id,
        startDate: '2026-12-01',
        endDate: '2026-12-01',
        halfDayStart: true,
      }),
      201,
    );
    expect((await dashboard(managerToken)).pendingApprovals).toBe((beforeTeam.pendingApprovals ?? 0) + 2);
    for (const id of [late.id, today.id])
      await expectJson(await api.post(`/leave-requests/${id}/approve`, managerToken, {}), 200);

    const after = await dashboard(hrToken);
    const unpaidDays = (d: Dashboard) => d.leaveThisMonth?.byType.find((t) => t.leaveType === unpaid.name)?.days ?? 0;
    expect(unpaidDays(after) - unpaidDays(before)).toBe(3.5);
    expect((after.leaveThisMonth?.days ?? 0) - (before.leaveThisMonth?.days ?? 0)).toBe(3.5);
    expect(after.attendanceToday?.onLeave).toBe((before.attendanceToday?.onLeave ?? 0) + 1);

    const team = await dashboard(managerToken);
    expect(team.outToday?.map((o) => o.name)).toContain(`${colleague.firstName} ${colleague.lastName}`);
    expect(team.outToday?.map((o) => o.name)).not.toContain(`${nour.firstName} ${nour.lastName}`);
    expect(team.pendingApprovals).toBe(beforeTeam.pendingApprovals);
  });

  it('expects nobody on the weekend', async () => {
    h.clock.set(cairo('2026-12-04T10:00:00')); // a Friday
    const figures = (await dashboard(await tokenAs(h.keys, 'HR Staff'))).attendanceToday;
    expect(figures).toMatchObject({ workingDay: false, notInYet: 0 });
  });

  it('needs a signed-in caller', async () => {
    expect((await api.get('/dashboard')).status).toBe(401);
  });
});
