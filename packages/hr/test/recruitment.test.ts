import { employees } from '@konecta/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHarness,
  departmentId,
  employeeByEmail,
  errorPaths,
  expectJson,
  expectProblem,
  type Harness,
  positionId,
  requester,
  tokenAs,
} from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;

beforeAll(async () => {
  h = await createHarness({ seed: true, now: '2026-11-30T10:00:00Z' });
  api = requester(h.app);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('recruitment', () => {
  it('opening → applications → stages in order → interview → offer → hire creates the employee', async () => {
    const hr = await tokenAs(h.keys, 'HR Staff');
    const engineering = await departmentId(h, 'Engineering');
    const qa = await positionId(h, 'Engineering', 'QA Engineer');
    const opening = await expectJson<{ id: string }>(
      await api.post('/job-openings', hr, {
        title: 'QA Engineer',
        departmentId: engineering,
        positionId: qa,
        location: 'Cairo',
        salaryMin: { amount: '16000.00', currency: 'EGP' },
        salaryMax: { amount: '30000.00', currency: 'EGP' },
      }),
      201,
    );
    const apply = { openingId: opening.id, candidateName: 'Mai Salah', email: 'mai.salah@example.com' };
    expect((await api.post('/applications', hr, apply)).status).toBe(409); // still a draft
    await expectJson(await api.patch(`/job-openings/${opening.id}`, hr, { status: 'open' }), 200);
    const application = await expectJson<{ id: string; stage: string }>(
      await api.post('/applications', hr, apply),
      201,
    );
    expect((await api.post('/applications', hr, { ...apply, email: 'MAI.SALAH@example.com' })).status).toBe(409);

    const move = (stage: string) => api.post(`/applications/${application.id}/stage`, hr, { stage });
    expect((await move('offer')).status).toBe(409); // stages go in order
    await expectJson(await move('screening'), 200);
    expect(
      (await api.post(`/applications/${application.id}/interviews`, hr, { scheduledAt: '2026-12-01T10:00:00Z' }))
        .status,
    ).toBe(409);
    await expectJson(await move('interview'), 200);
    for (const scheduledAt of ['9999-12-31T10:00:00Z', '0001-01-01T00:00:00Z']) {
      const far = await api.post(`/applications/${application.id}/interviews`, hr, { scheduledAt });
      expect(errorPaths(await expectProblem(far, 422)), scheduledAt).toEqual(['scheduledAt']);
    }
    await expectJson(
      await api.post(`/applications/${application.id}/interviews`, hr, {
        scheduledAt: '2026-12-01T10:00:00Z',
        rating: 4,
        feedback: 'Strong tester',
      }),
      201,
    );
    const interviews = await expectJson<{ items: { rating: number }[] }>(
      await api.get(`/applications/${application.id}/interviews`, hr),
      200,
    );
    expect(interviews.items).toEqual([expect.objectContaining({ rating: 4, feedback: 'Strong tester' })]);

    const manager = (await employeeByEmail(h, 'manager@konecta.local')).id;
    const terms = {
      workEmail: 'mai.salah@konecta.local',
      positionId: qa,
      managerId: manager,
      hireDate: '2027-01-03',
      salary: { amount: '22000', currency: 'EGP' },
    };
    expect((await api.post(`/applications/${application.id}/hire`, hr, terms)).status).toBe(409); // not at offer yet
    await expectJson(await move('offer'), 200);
    const outOfBand = await api.post(`/applications/${application.id}/hire`, hr, {
      ...terms,
      salary: { amount: '99000', currency: 'EGP' },
    });
    expect(outOfBand.status).toBe(422); // the position's band still applies, and nothing is written
    // Position, manager, work email and first day are asked for, never guessed.
    const { positionId: _p, managerId: _m, ...vague } = terms;
    const missing = await expectProblem(await api.post(`/applications/${application.id}/hire`, hr, vague), 422);
    expect(errorPaths(missing)).toEqual(expect.arrayContaining(['positionId', 'managerId']));
    const personal = await expectProblem(
      await api.post(`/applications/${application.id}/hire`, hr, {
        ...terms,
        workEmail: 'Mai.Salah@example.com',
        hireDate: '2026-11-29',
      }),
      422,
    );
    expect(errorPaths(personal).sort()).toEqual(['hireDate', 'workEmail']);
    const hired = await expectJson<{
      application: { stage: string; hiredEmployeeId: string };
      employee: { id: string; fullName: string; positionTitle: string };
    }>(await api.post(`/applications/${application.id}/hire`, hr, terms), 201);
    expect(hired.application).toMatchObject({ stage: 'hired', hiredEmployeeId: hired.employee.id });
    expect(hired.employee).toMatchObject({ fullName: 'Mai Salah', positionTitle: 'QA Engineer' });
    const [row] = await h.db.db.select().from(employees).where(eq(employees.id, hired.employee.id));
    expect(row).toMatchObject({
      departmentId: engineering,
      managerId: manager,
      workEmail: 'mai.salah@konecta.local',
      hireDate: '2027-01-03',
    });
    expect((await move('rejected')).status).toBe(409); // hired is final
  });

  it('an opening’s salary range: exact, validated by field, and an edit of one bound keeps the other', async () => {
    const hr = await tokenAs(h.keys, 'HR Staff');
    const sales = await departmentId(h, 'Sales');
    const base = { title: 'Account Executive', departmentId: sales, location: 'Alexandria' };
    const refused = await api.post('/job-openings', hr, {
      ...base,
      salaryMin: { amount: '-1.00', currency: 'EGP' },
      salaryMax: { amount: '20000.005', currency: 'EGP' },
    });
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(['salaryMin.amount', 'salaryMax.amount']);

    type Opening = { id: string; salaryMin: unknown; salaryMax: unknown };
    const opening = await expectJson<Opening>(
      await api.post('/job-openings', hr, {
        ...base,
        salaryMin: { amount: '15000', currency: 'EGP' },
        salaryMax: { amount: '90071992547409.93', currency: 'EGP' },
      }),
      201,
    );
    expect(opening.salaryMax).toEqual({ amount: '90071992547409.93', currency: 'EGP' });
    const edited = await expectJson<Opening>(
      await api.patch(`/job-openings/${opening.id}`, hr, { salaryMax: { amount: '35000.50', currency: 'EGP' } }),
    );
    expect(edited).toMatchObject({
      salaryMin: { amount: '15000.00', currency: 'EGP' },
      salaryMax: { amount: '35000.50', currency: 'EGP' },
    });
    const reversed = await api.patch(`/job-openings/${opening.id}`, hr, {
      salaryMax: { amount: '100.00', currency: 'EGP' },
    });
    expect(reversed.status).toBe(422);
    const otherCurrency = await api.patch(`/job-openings/${opening.id}`, hr, {
      salaryMax: { amount: '5000.00', currency: 'USD' },
    });
    expect(otherCurrency.status).toBe(422);
  });

  it('recruitment needs its permissions', async () => {
    const employee = await tokenAs(h.keys, 'Employee');
    expect((await api.get('/job-openings', employee)).status).toBe(403);
    const manager = await tokenAs(h.keys, 'Department Manager');
    expect((await api.get('/applications', manager)).status).toBe(200); // managers follow hiring
    expect(
      (
        await api.post('/job-openings', manager, {
          title: 'X',
          departmentId: await departmentId(h, 'Sales'),
          location: 'Cairo',
        })
      ).status,
    ).toBe(403);
  });
});
