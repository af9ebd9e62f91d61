import { auditLog, employeeHistory, employees, outbox } from '@konecta/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledExits } from '../src/employees/employees';
import {
  createHarness,
  employeeByEmail,
  errorPaths,
  expectJson,
  expectProblem,
  type Harness,
  requester,
  tokenAs,
} from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let nour: string;
let tarek: string;

beforeAll(async () => {
  h = await createHarness({ seed: true, now: '2026-11-30T10:00:00Z' });
  api = requester(h.app);
  nour = (await employeeByEmail(h, 'employee@konecta.local')).id;
  tarek = (await employeeByEmail(h, 'manager@konecta.local')).id;
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
    const stranger = await tokenAs(
      h.keys,
      'Department Manager',
      (await employeeByEmail(h, 'finance.manager@konecta.local')).id,
    );
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
    // The employee sees the draft (to assess themself) but not the reviewer's words until it is shared.
    const mine = await expectJson<{ items: { strengths: string | null; goals: unknown[] }[] }>(
      await api.get('/reviews', employee),
      200,
    );
    expect(mine.items).toEqual([expect.objectContaining({ strengths: null, rating: null })]);

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
      expect.objectContaining({
        id: review.id,
        rating: 4,
        goals: [
          {
            title: 'Lead a release',
            description: null,
            weight: null,
            dueDate: null,
            status: 'not_started',
            progress: 60,
          },
        ],
      }),
    ]);
    const other = await tokenAs(h.keys, 'Employee', (await employeeByEmail(h, 'finance@konecta.local')).id);
    expect((await api.post(`/reviews/${review.id}/acknowledge`, other)).status).toBe(404);
    expect(
      (await expectJson<{ status: string }>(await api.post(`/reviews/${review.id}/acknowledge`, employee), 200)).status,
    ).toBe('acknowledged');
    expect((await api.post(`/reviews/${review.id}/acknowledge`, employee)).status).toBe(409);
  });

  it('the employee writes a self-assessment while the review is open; goals are structured and weighed', async () => {
    const hr = await tokenAs(h.keys, 'HR Admin');
    const manager = await tokenAs(h.keys, 'Department Manager', tarek);
    const employee = await tokenAs(h.keys, 'Employee', nour);
    const cycle = await expectJson<{ id: string }>(
      await api.post('/review-cycles', hr, { name: 'Self 2027', startDate: '2027-01-01', endDate: '2027-06-30' }),
      201,
    );
    const goals = [
      { title: 'Ship the importer', description: 'All rules in the dry run', weight: 60, dueDate: '2027-03-31' },
      { title: 'Mentor a junior', weight: 40, status: 'in_progress', progress: 25 },
    ];
    // Weights are all or none and add up to 100; each bad field is named.
    const half = await expectProblem(
      await api.post('/reviews', manager, {
        cycleId: cycle.id,
        employeeId: nour,
        goals: [goals[0], { title: 'Mentor a junior' }],
      }),
      422,
    );
    expect(errorPaths(half)).toEqual(['goals.1.weight']);
    const sum = await expectProblem(
      await api.post('/reviews', manager, {
        cycleId: cycle.id,
        employeeId: nour,
        goals: [goals[0], { ...goals[1], weight: 30 }],
      }),
      422,
    );
    expect(errorPaths(sum)).toEqual(['goals']);
    expect(sum.errors?.[0]?.message).toContain('90%');
    const bad = await expectProblem(
      await api.post('/reviews', manager, {
        cycleId: cycle.id,
        employeeId: nour,
        goals: [{ title: '', weight: 101, dueDate: '2027-02-30', status: 'done', progress: -1 }],
      }),
      422,
    );
    expect(errorPaths(bad).sort()).toEqual(
      ['goals.0.dueDate', 'goals.0.progress', 'goals.0.status', 'goals.0.title', 'goals.0.weight'].sort(),
    );

    const review = await expectJson<{ id: string; goals: { title: string; weight: number; status: string }[] }>(
      await api.post('/reviews', manager, { cycleId: cycle.id, employeeId: nour, rating: 3, goals }),
      201,
    );
    expect(review.goals.map((g) => [g.title, g.weight, g.status])).toEqual([
      ['Ship the importer', 60, 'not_started'],
      ['Mentor a junior', 40, 'in_progress'],
    ]);

    // Only the employee writes it: not the manager, not a colleague; bad input names the field.
    const path = `/reviews/${review.id}/self-assessment`;
    expect((await api.patch(path, manager, { selfAssessment: 'x' })).status).toBe(404);
    const colleague = await tokenAs(h.keys, 'Employee', (await employeeByEmail(h, 'finance@konecta.local')).id);
    expect((await api.patch(path, colleague, { selfAssessment: 'x' })).status).toBe(404);
    expect(errorPaths(await expectProblem(await api.patch(path, employee, { selfRating: 9 }), 422))).toEqual([
      'selfRating',
    ]);
    expect(errorPaths(await expectProblem(await api.post(`${path}/submit`, employee), 422)).sort()).toEqual([
      'selfAssessment',
      'selfRating',
    ]);
    await expectJson(await api.patch(path, employee, { selfAssessment: 'I shipped the importer.', selfRating: 4 }));

    // A draft self-assessment is the employee's own: the reviewer does not see it yet.
    const byManager = async () =>
      (
        await expectJson<{ items: { id: string; selfAssessment: string | null; selfRating: number | null }[] }>(
          await api.get(`/reviews?cycleId=${cycle.id}`, manager),
        )
      ).items[0];
    expect(await byManager()).toEqual(expect.objectContaining({ selfAssessment: null, selfRating: null }));
    const submitted = await expectJson<{ selfSubmittedAt: string | null }>(await api.post(`${path}/submit`, employee));
    expect(submitted.selfSubmittedAt).not.toBeNull();
    expect(await byManager()).toEqual(
      expect.objectContaining({ selfAssessment: 'I shipped the importer.', selfRating: 4 }),
    );
    const [event] = await h.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, 'hr.review.self-assessed'), eq(outbox.subject, review.id)));
    expect(event?.data).toEqual(expect.objectContaining({ employeeId: nour, reviewerEmployeeId: tarek }));
    // Submitted is final; so is a review the manager has finalised.
    expect((await api.patch(path, employee, { selfRating: 5 })).status).toBe(409);
    await expectJson(await api.post(`/reviews/${review.id}/submit`, manager));
    expect((await api.post(`${path}/submit`, employee)).status).toBe(409);
  });

  it('the employee and the reviewer discuss the review in comments, with author and time', async () => {
    const hr = await tokenAs(h.keys, 'HR Admin');
    const manager = await tokenAs(h.keys, 'Department Manager', tarek);
    const employee = await tokenAs(h.keys, 'Employee', nour);
    const cycle = await expectJson<{ id: string }>(
      await api.post('/review-cycles', hr, { name: 'Talk 2027', startDate: '2027-07-01', endDate: '2027-12-31' }),
      201,
    );
    const review = await expectJson<{ id: string }>(
      await api.post('/reviews', manager, { cycleId: cycle.id, employeeId: nour, rating: 4 }),
      201,
    );
    const path = `/reviews/${review.id}/comments`;
    await expectJson(await api.post(path, employee, { body: 'Can we add the mentoring goal?' }), 201);
    await expectJson(await api.post(path, manager, { body: 'Yes, added.' }), 201);
    await expectJson(await api.post(path, hr, { body: 'Noted by HR.' }), 201);
    expect(errorPaths(await expectProblem(await api.post(path, employee, { body: '  ' }), 422))).toEqual(['body']);
    const colleague = await tokenAs(h.keys, 'Employee', (await employeeByEmail(h, 'finance@konecta.local')).id);
    expect((await api.get(path, colleague)).status).toBe(404);
    expect((await api.post(path, colleague, { body: 'Hi' })).status).toBe(404);
    const stranger = await tokenAs(
      h.keys,
      'Department Manager',
      (await employeeByEmail(h, 'finance.manager@konecta.local')).id,
    );
    expect((await api.get(path, stranger)).status).toBe(404);

    const thread = await expectJson<{ items: { authorName: string; body: string; createdAt: string }[] }>(
      await api.get(path, employee),
    );
    expect(thread.items.map((c) => c.body)).toEqual(['Can we add the mentoring goal?', 'Yes, added.', 'Noted by HR.']);
    expect(thread.items[0]?.authorName).toMatch(/Nour/);
    expect(thread.items[1]?.authorName).toMatch(/Tarek/);
    expect(thread.items[0]?.createdAt).toBe('2026-11-30T10:00:00.000Z');
    // Acknowledged closes the thread.
    await expectJson(await api.post(`/reviews/${review.id}/submit`, manager));
    await expectJson(await api.post(`/reviews/${review.id}/acknowledge`, employee));
    expect((await api.post(path, employee, { body: 'One more thing' })).status).toBe(409);
  });
});

describe('offboarding', () => {
  it('resign, one pending at a time, approve, checklist, complete: the employee leaves and the login is disabled by event', async () => {
    const karim = await employeeByEmail(h, 'finance@konecta.local');
    const employee = await tokenAs(h.keys, 'Employee', karim.id);
    const hr = await tokenAs(h.keys, 'HR Staff');
    expect(
      (await api.post('/resignations', employee, { lastWorkingDay: '1990-01-01', reason: 'Moving abroad' })).status,
    ).toBe(422);
    // Nor more than a year ahead (a typo, not a notice period).
    for (const lastWorkingDay of ['9999-12-31', '2099-01-31']) {
      const far = await api.post('/resignations', employee, { lastWorkingDay, reason: 'Moving abroad' });
      expect(errorPaths(await expectProblem(far, 422)), lastWorkingDay).toEqual(['lastWorkingDay']);
    }
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
    // Approved, it stays in HR's open list (not only pending ones), until it is completed.
    const open = await expectJson<{ items: { id: string; status: string }[] }>(
      await api.get('/resignations?open=true&limit=200', hr),
    );
    expect(open.items).toContainEqual(expect.objectContaining({ id: resignation.id, status: 'approved' }));
    expect(open.items.every((r) => r.status === 'pending' || r.status === 'approved')).toBe(true);
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
    const after = await expectJson<{ items: { id: string }[] }>(await api.get('/resignations?open=true&limit=200', hr));
    expect(after.items.map((r) => r.id)).not.toContain(resignation.id);

    // The exit takes effect on its date: until then Karim is active and keeps his login.
    const row = async () => (await h.db.db.select().from(employees).where(eq(employees.id, karim.id)))[0];
    const terminated = () =>
      h.db.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.type, 'hr.employee.terminated'), eq(outbox.subject, karim.id)));
    expect(await row()).toMatchObject({ status: 'active', exitDate: '2027-01-31', exitStatus: 'resigned' });
    expect(await terminated()).toHaveLength(0);
    h.clock.set('2027-01-30T12:00:00Z');
    expect(await runScheduledExits(h.ctx)).toEqual({ ended: 0 });
    expect((await row())?.status).toBe('active');

    h.clock.set('2027-01-31T06:00:00Z');
    expect(await runScheduledExits(h.ctx)).toEqual({ ended: 1 });
    expect(await row()).toMatchObject({ status: 'resigned', exitDate: '2027-01-31', exitStatus: null });
    const events = await terminated();
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ status: 'resigned', exitDate: '2027-01-31' });
    // The manager (or HR) is told the day has come.
    const reached = await h.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, 'hr.employee.exit-date-reached'), eq(outbox.subject, karim.id)));
    expect(reached.map((e) => e.data)).toEqual([
      expect.objectContaining({ employeeId: karim.id, exitDate: '2027-01-31', managerEmployeeId: karim.managerId }),
    ]);
    const history = await h.db.db.select().from(employeeHistory).where(eq(employeeHistory.employeeId, karim.id));
    expect(history.filter((e) => e.kind === 'resigned').map((e) => e.effectiveDate)).toEqual(['2027-01-31']);
    // A second run finds nothing left to do.
    expect(await runScheduledExits(h.ctx)).toEqual({ ended: 0 });
    h.clock.set('2026-11-30T10:00:00Z');
    const audits = await h.db.db.select().from(auditLog).where(eq(auditLog.entityId, resignation.id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['resignation.submitted', 'resignation.approved', 'resignation.completed']),
    );
  });

  it('an employee sees only their own resignations and can withdraw a pending one', async () => {
    const omar = await employeeByEmail(h, 'hr@konecta.local');
    const own = await tokenAs(h.keys, 'Employee', omar.id);
    const r = await expectJson<{ id: string }>(
      await api.post('/resignations', own, { lastWorkingDay: '2027-03-31', reason: 'Studies' }),
      201,
    );
    const list = await expectJson<{ items: { employeeId: string }[] }>(await api.get('/resignations', own), 200);
    expect(new Set(list.items.map((i) => i.employeeId))).toEqual(new Set([omar.id]));
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
