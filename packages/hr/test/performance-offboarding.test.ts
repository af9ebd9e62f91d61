import { auditLog, employees, outbox } from '@konecta/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from './factories';
import { createHarness, expectJson, type Harness, requester, tokenAs } from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
// Tarek manages Nour and Karim; Mona manages another team; Omar reports to nobody here.
let tarek: string;
let nour: string;
let karim: string;
let mona: string;
let omar: string;

beforeAll(async () => {
  h = await createHarness();
  api = requester(h.app);
  const make = factories(h);
  const team = await make.managerWithReports(2);
  tarek = team.manager.id;
  [nour, karim] = team.reports.map((r) => r.id) as [string, string];
  mona = (await make.managerWithReports(1)).manager.id;
  omar = (await make.employee()).id;
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('performance reviews', () => {
  it('the manager reviews, submits, and the employee acknowledges; drafts stay private', async () => {
    const hr = await tokenAs(h.keys, 'HR Admin');
    const manager = await tokenAs(h.keys, 'Department Manager', tarek);
    const employee = await tokenAs(h.keys, 'Employee', nour);
    const cycle = await expectJson<{ id: string }>(
      await api.post('/review-cycles', hr, { name: 'H2 2026', startDate: '2026-07-01', endDate: '2026-12-31' }),
      201,
    );
    expect(
      (await api.post('/review-cycles', hr, { name: 'h2 2026', startDate: '2026-07-01', endDate: '2026-12-31' }))
        .status,
    ).toBe(409);

    // Someone outside the reporting line cannot review Nour; nobody reviews themself.
    const stranger = await tokenAs(h.keys, 'Department Manager', mona);
    expect((await api.post('/reviews', stranger, { cycleId: cycle.id, employeeId: nour })).status).toBe(403);
    expect(
      (
        await api.post('/reviews', await tokenAs(h.keys, 'Department Manager', nour), {
          cycleId: cycle.id,
          employeeId: nour,
        })
      ).status,
    ).toBe(403);

    const review = await expectJson<{ id: string; status: string }>(
      await api.post('/reviews', manager, {
        cycleId: cycle.id,
        employeeId: nour,
        strengths: 'Clear code',
        goals: [{ title: 'Lead a release', progress: 20 }],
      }),
      201,
    );
    expect((await api.post('/reviews', manager, { cycleId: cycle.id, employeeId: nour })).status).toBe(409);
    const mine = await expectJson<{ items: unknown[] }>(await api.get('/reviews', employee), 200);
    expect(mine.items).toHaveLength(0); // a draft is not shown to the employee

    expect((await api.post(`/reviews/${review.id}/submit`, manager)).status).toBe(422); // no rating yet
    expect((await api.patch(`/reviews/${review.id}`, manager, { rating: 6 })).status).toBe(422);
    await expectJson(
      await api.patch(`/reviews/${review.id}`, manager, {
        rating: 4,
        goals: [{ title: 'Lead a release', progress: 60 }],
      }),
      200,
    );
    const submitted = await expectJson<{ status: string }>(
      await api.post(`/reviews/${review.id}/submit`, manager),
      200,
    );
    expect(submitted.status).toBe('submitted');
    expect((await api.patch(`/reviews/${review.id}`, manager, { rating: 5 })).status).toBe(409);

    const visible = await expectJson<{ items: { id: string; rating: number; goals: { progress: number }[] }[] }>(
      await api.get('/reviews', employee),
      200,
    );
    expect(visible.items).toEqual([
      expect.objectContaining({ id: review.id, rating: 4, goals: [{ title: 'Lead a release', progress: 60 }] }),
    ]);
    const other = await tokenAs(h.keys, 'Employee', karim);
    expect((await api.post(`/reviews/${review.id}/acknowledge`, other)).status).toBe(404);
    expect(
      (await expectJson<{ status: string }>(await api.post(`/reviews/${review.id}/acknowledge`, employee), 200)).status,
    ).toBe('acknowledged');
    expect((await api.post(`/reviews/${review.id}/acknowledge`, employee)).status).toBe(409);
  });
});

describe('offboarding', () => {
  it('resign, one pending at a time, approve, checklist, complete: the employee leaves and the login is disabled by event', async () => {
    const employee = await tokenAs(h.keys, 'Employee', karim);
    const hr = await tokenAs(h.keys, 'HR Staff');
    expect(
      (await api.post('/resignations', employee, { lastWorkingDay: '1990-01-01', reason: 'Moving abroad' })).status,
    ).toBe(422);
    const resignation = await expectJson<{ id: string; status: string }>(
      await api.post('/resignations', employee, { lastWorkingDay: '2027-01-31', reason: 'Moving abroad' }),
      201,
    );
    expect((await api.post('/resignations', employee, { lastWorkingDay: '2027-02-28', reason: 'Again' })).status).toBe(
      409,
    );
    expect((await api.post(`/resignations/${resignation.id}/approve`, employee)).status).toBe(403);

    expect((await api.patch(`/resignations/${resignation.id}/checklist`, hr, { equipmentReturned: true })).status).toBe(
      409,
    ); // not approved yet
    await expectJson(await api.post(`/resignations/${resignation.id}/approve`, hr, { note: 'Thank you' }), 200);
    expect((await api.post(`/resignations/${resignation.id}/withdraw`, employee)).status).toBe(409);
    await expectJson(
      await api.patch(`/resignations/${resignation.id}/checklist`, hr, {
        equipmentReturned: true,
        accessRevoked: true,
      }),
      200,
    );
    const incomplete = await api.post(`/resignations/${resignation.id}/complete`, hr);
    expect(incomplete.status).toBe(409);
    expect(((await incomplete.json()) as { detail: string }).detail).toContain('final settlement');
    await expectJson(
      await api.patch(`/resignations/${resignation.id}/checklist`, hr, {
        finalSettlementDone: true,
        exitNotes: 'Good handover',
      }),
      200,
    );
    const done = await expectJson<{ status: string }>(
      await api.post(`/resignations/${resignation.id}/complete`, hr),
      200,
    );
    expect(done.status).toBe('completed');

    const [row] = await h.db.db.select().from(employees).where(eq(employees.id, karim));
    expect(row).toMatchObject({ status: 'resigned', exitDate: '2027-01-31' });
    const events = await h.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, 'hr.employee.terminated'), eq(outbox.subject, karim)));
    expect(events).toHaveLength(1);
    const audits = await h.db.db.select().from(auditLog).where(eq(auditLog.entityId, resignation.id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['resignation.submitted', 'resignation.approved', 'resignation.completed']),
    );
  });

  it('an employee sees only their own resignations and can withdraw a pending one', async () => {
    const own = await tokenAs(h.keys, 'Employee', omar);
    const r = await expectJson<{ id: string }>(
      await api.post('/resignations', own, { lastWorkingDay: '2027-03-31', reason: 'Studies' }),
      201,
    );
    const list = await expectJson<{ items: { employeeId: string }[] }>(await api.get('/resignations', own), 200);
    expect(new Set(list.items.map((i) => i.employeeId))).toEqual(new Set([omar]));
    const someoneElse = await tokenAs(h.keys, 'Employee', nour);
    expect((await api.post(`/resignations/${r.id}/withdraw`, someoneElse)).status).toBe(403);
    expect(
      (await expectJson<{ status: string }>(await api.post(`/resignations/${r.id}/withdraw`, own), 200)).status,
    ).toBe('withdrawn');
    // Withdrawn, so a new one may be submitted.
    expect(
      (await api.post('/resignations', own, { lastWorkingDay: '2027-04-30', reason: 'Studies, later' })).status,
    ).toBe(201);
  });
});
