import { json } from '@konecta/core/testing';
import { attendanceRecords, auditLog, employees, outbox } from '@konecta/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateIn } from '../src/attendance/geo';
import { createHarness, employeeByEmail, type Harness, type RoleName, tokenAs as roleToken } from './helpers';

let h: Harness;
let db: Harness['db'];
let ctx: Harness['ctx'];
let app: Harness['app'];
const HQ = { latitude: 30.0444, longitude: 31.2357 }; // seeded "Cairo HQ", 300 m radius

const employeeId = async (email: string) => (await employeeByEmail(h, email)).id;
/** A token for a default role, linked to an employee when given. */
const tokenAs = (role: RoleName, emp?: string) => roleToken(h.keys, role, emp);
const post = (path: string, token: string, body?: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
const get = (path: string, token: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  h = await createHarness({ seed: true });
  ({ db, ctx, app } = h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('check-in and check-out', () => {
  it('refuses a check-in outside every office with the distance, and writes nothing', async () => {
    const nour = await employeeId('employee@konecta.local');
    const res = await post('/api/hr/attendance/check-in', await tokenAs('Employee', nour), {
      latitude: 30.1,
      longitude: 31.3,
    });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.detail).toMatch(/km from the nearest office \(Cairo HQ\); check in within 300 m/);
    const today = dateIn(ctx.config.timeZone, new Date());
    const rows = await db.db
      .select()
      .from(attendanceRecords)
      .where(and(eq(attendanceRecords.employeeId, nour), eq(attendanceRecords.workDate, today)));
    expect(rows).toHaveLength(0);
  });

  it('checks in at an office once a day: the second check-in is 409; check-out computes the minutes', async () => {
    const nour = await employeeId('employee@konecta.local');
    const token = await tokenAs('Employee', nour);
    const first = await post('/api/hr/attendance/check-in', token, {
      latitude: HQ.latitude + 0.001,
      longitude: HQ.longitude,
    });
    expect(first.status).toBe(201);
    const checkedIn = await json<{ id: string }>(first);
    expect(checkedIn).toMatchObject({ status: 'present', employeeId: nour, checkOutAt: null });
    const second = await post('/api/hr/attendance/check-in', token, HQ);
    expect(second.status).toBe(409);
    expect((await json(second)).detail).toMatch(/already checked in today at \d\d:\d\d/);

    // The day's work so far: check-in moved 2 h 05 min back (setup; the clock is real), so the
    // minutes are a figure to check rather than the 0 two requests a moment apart would give.
    await db.db
      .update(attendanceRecords)
      .set({ checkInAt: sql`${attendanceRecords.checkInAt} - interval '125 minutes'` })
      .where(eq(attendanceRecords.id, checkedIn.id));
    const out = await post('/api/hr/attendance/check-out', token);
    expect(out.status).toBe(200);
    const record = await json<{ checkInAt: string; checkOutAt: string; workedMinutes: number; hours: number }>(out);
    expect(Date.parse(record.checkOutAt)).toBeGreaterThan(Date.parse(record.checkInAt));
    expect(record).toMatchObject({ workedMinutes: 125, hours: 2.08 });
    expect((await post('/api/hr/attendance/check-out', token)).status).toBe(409);
  });

  it('lets an employee marked remote check in from anywhere, as remote', async () => {
    const [remote] = await db.db
      .select({ id: employees.id })
      .from(employees)
      .where(eq(employees.remote, true))
      .limit(1);
    if (!remote) throw new Error('the seed has remote employees');
    const res = await post('/api/hr/attendance/check-in', await tokenAs('Employee', remote.id), {
      latitude: 25.2,
      longitude: 55.3,
    });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ status: 'remote', officeLocationId: null });
  });

  it('needs a linked employee, a location, and the permission', async () => {
    const unlinked = await tokenAs('Employee');
    expect((await post('/api/hr/attendance/check-in', unlinked, HQ)).status).toBe(404);
    const nour = await employeeId('employee@konecta.local');
    const missing = await post('/api/hr/attendance/check-in', await tokenAs('Employee', nour), {});
    expect(missing.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(missing)).errors.map((e) => e.path)).toContain('latitude');
    const noPermission = await h.keys.tokenFor(['hr.employees.read'], { emp: nour });
    expect((await post('/api/hr/attendance/check-in', noPermission, HQ)).status).toBe(403);
    expect((await app.request('/api/hr/attendance/check-in', { method: 'POST' })).status).toBe(401);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'concurrent check-ins by one employee create exactly one record',
    async () => {
      const id = await employeeId('hr@konecta.local');
      const token = await tokenAs('HR Staff', id);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => post('/api/hr/attendance/check-in', token, HQ)),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const today = dateIn(ctx.config.timeZone, new Date());
      const rows = await db.db
        .select()
        .from(attendanceRecords)
        .where(and(eq(attendanceRecords.employeeId, id), eq(attendanceRecords.workDate, today)));
      expect(rows).toHaveLength(1);
    },
  );
});

describe('who sees which records', () => {
  it('an employee sees only their own; a manager their team; HR everyone', async () => {
    const nour = await employeeId('employee@konecta.local');
    const tarek = await employeeId('manager@konecta.local');
    const own = await json<{ items: { employeeId: string }[]; total: number }>(
      await get('/api/hr/attendance?limit=200', await tokenAs('Employee', nour)),
    );
    expect(own.total).toBeGreaterThan(0);
    expect(new Set(own.items.map((i) => i.employeeId))).toEqual(new Set([nour]));

    const team = await json<{ items: { employeeId: string }[] }>(
      await get('/api/hr/attendance?limit=200', await tokenAs('Department Manager', tarek)),
    );
    const teamIds = new Set(team.items.map((i) => i.employeeId));
    expect(teamIds.has(nour)).toBe(true);
    const engineering = await db.db.select({ id: employees.id, dept: employees.departmentId }).from(employees);
    const [tarekRow] = engineering.filter((e) => e.id === tarek);
    for (const id of teamIds) {
      const row = engineering.find((e) => e.id === id);
      expect(row?.dept === tarekRow?.dept || id === tarek).toBe(true);
    }

    const all = await json<{ total: number }>(
      await get('/api/hr/attendance?limit=1', await tokenAs('HR Staff', await employeeId('hr@konecta.local'))),
    );
    expect(all.total).toBeGreaterThan(own.total * 10);
  });

  it('monthly summary counts days by status and hours, in scope', async () => {
    const nour = await employeeId('employee@konecta.local');
    const month = dateIn(ctx.config.timeZone, new Date()).slice(0, 7);
    const res = await get(`/api/hr/attendance/summary?month=${month}`, await tokenAs('Employee', nour));
    expect(res.status).toBe(200);
    const { items } = await json<{ items: { employeeId: string; present: number; hours: number }[] }>(res);
    expect(items.map((i) => i.employeeId)).toEqual([nour]);
    expect((await get('/api/hr/attendance/summary?month=2026-13', await tokenAs('Employee', nour))).status).toBe(400);
  });
});

describe('HR corrections', () => {
  it('corrects a record with a reason: hours recomputed, audited, published; employees cannot', async () => {
    const nour = await employeeId('employee@konecta.local');
    const [record] = await db.db
      .select()
      .from(attendanceRecords)
      .where(eq(attendanceRecords.employeeId, nour))
      .limit(1);
    if (!record) throw new Error('seeded attendance');
    const body = {
      checkInAt: `${record.workDate}T06:00:00Z`,
      checkOutAt: `${record.workDate}T14:30:00Z`,
      reason: 'Badge reader was down',
    };
    const patch = (token: string, b: unknown) =>
      app.request(`/api/hr/attendance/${record.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
    expect((await patch(await tokenAs('Employee', nour), body)).status).toBe(403);
    const noReason = await patch(await tokenAs('HR Staff'), { checkInAt: body.checkInAt });
    expect(noReason.status).toBe(422);
    const backwards = await patch(await tokenAs('HR Staff'), { ...body, checkOutAt: `${record.workDate}T05:00:00Z` });
    expect(backwards.status).toBe(422);

    const ok = await patch(await tokenAs('HR Staff'), body);
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({
      workedMinutes: 510,
      corrected: true,
      correctionReason: 'Badge reader was down',
    });
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, record.id), eq(auditLog.action, 'attendance.corrected')));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.reason).toBe('Badge reader was down');
    const events = await db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, 'hr.attendance.corrected'), eq(outbox.subject, record.id)));
    expect(events).toHaveLength(1);
  });

  it('records a missing day for an employee', async () => {
    const nour = await employeeId('employee@konecta.local');
    const res = await post('/api/hr/attendance', await tokenAs('HR Staff'), {
      employeeId: nour,
      workDate: '2026-01-04',
      status: 'absent',
      reason: 'No show, no notice',
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ workDate: '2026-01-04', status: 'absent', corrected: true });
  });
});

describe('office locations', () => {
  it('HR manages offices; radius and coordinates are validated; used offices are not deleted', async () => {
    const hrToken = await tokenAs('HR Staff');
    const created = await post('/api/hr/office-locations', hrToken, {
      name: 'Giza Lab',
      latitude: 30.0131,
      longitude: 31.2089,
      radiusMeters: 150,
    });
    expect(created.status).toBe(201);
    const office = await json<{ id: string }>(created);
    expect(
      (
        await post('/api/hr/office-locations', hrToken, {
          name: 'giza lab',
          latitude: 30,
          longitude: 31,
          radiusMeters: 150,
        })
      ).status,
    ).toBe(409);
    const bad = await post('/api/hr/office-locations', hrToken, {
      name: 'Nowhere',
      latitude: 123,
      longitude: 31,
      radiusMeters: 5,
    });
    expect(bad.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(bad)).errors.map((e) => e.path).sort()).toEqual([
      'latitude',
      'radiusMeters',
    ]);
    expect(
      (
        await post('/api/hr/office-locations', await tokenAs('Employee'), {
          name: 'X',
          latitude: 1,
          longitude: 1,
          radiusMeters: 100,
        })
      ).status,
    ).toBe(403);
    const del = (id: string) =>
      app.request(`/api/hr/office-locations/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${hrToken}` },
      });
    expect((await del(office.id)).status).toBe(204);
    const [hq] = (
      await json<{ items: { id: string; name: string }[] }>(await get('/api/hr/office-locations', hrToken))
    ).items.filter((o) => o.name === 'Cairo HQ');
    expect((await del(hq?.id as string)).status).toBe(409);
  });
});
