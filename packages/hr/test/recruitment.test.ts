import { employees } from '@konecta/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from './factories';
import { createHarness, expectJson, type Harness, requester, tokenAs } from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let engineering: string;
let qa: string;

beforeAll(async () => {
  h = await createHarness();
  api = requester(h.app);
  const make = factories(h);
  engineering = (await make.department({ name: 'Engineering' })).id;
  // The band a hire's salary must fall in.
  qa = (
    await make.position(engineering, {
      title: 'QA Engineer',
      salaryMin: { amount: '15000.00', currency: 'EGP' },
      salaryMax: { amount: '35000.00', currency: 'EGP' },
    })
  ).id;
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('recruitment', () => {
  it('opening → applications → stages in order → interview → offer → hire creates the employee', async () => {
    const hr = await tokenAs(h.keys, 'HR Staff');
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

    const terms = {
      workEmail: 'mai.salah@konecta.local',
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
    const hired = await expectJson<{
      application: { stage: string; hiredEmployeeId: string };
      employee: { id: string; fullName: string; positionTitle: string };
    }>(await api.post(`/applications/${application.id}/hire`, hr, terms), 201);
    expect(hired.application).toMatchObject({ stage: 'hired', hiredEmployeeId: hired.employee.id });
    expect(hired.employee).toMatchObject({ fullName: 'Mai Salah', positionTitle: 'QA Engineer' });
    const [row] = await h.db.db.select().from(employees).where(eq(employees.id, hired.employee.id));
    expect(row?.departmentId).toBe(engineering);
    expect((await move('rejected')).status).toBe(409); // hired is final
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
          departmentId: engineering,
          location: 'Cairo',
        })
      ).status,
    ).toBe(403);
  });
});
