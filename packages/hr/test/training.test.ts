import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from './factories';
import { createHarness, expectJson, type Harness, requester, tokenAs } from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
// Three employees: one enrols herself, HR enrols the second, the third finds the course full.
let nour: string;
let karim: string;
let omar: string;

beforeAll(async () => {
  h = await createHarness();
  api = requester(h.app);
  const make = factories(h);
  nour = (await make.employee({ firstName: 'Nour' })).id;
  karim = (await make.employee({ firstName: 'Karim' })).id;
  omar = (await make.employee({ firstName: 'Omar' })).id;
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('training', () => {
  it('enrols once per employee within capacity, completes with a numbered certificate as a real PDF', async () => {
    const hr = await tokenAs(h.keys, 'HR Staff');
    const employee = await tokenAs(h.keys, 'Employee', nour);
    expect(
      (await api.post('/courses', employee, { title: 'X', capacity: 2, startsOn: '2027-01-10', endsOn: '2027-01-12' }))
        .status,
    ).toBe(403);
    expect(
      (await api.post('/courses', hr, { title: 'Bad', capacity: 0, startsOn: '2027-01-10', endsOn: '2027-01-12' }))
        .status,
    ).toBe(422);
    const course = await expectJson<{ id: string; seatsLeft: number }>(
      await api.post('/courses', hr, {
        title: 'Secure Coding',
        capacity: 2,
        startsOn: '2027-01-10',
        endsOn: '2027-01-12',
      }),
      201,
    );
    expect(course.seatsLeft).toBe(2);

    const mine = await expectJson<{ id: string }>(await api.post(`/courses/${course.id}/enrol`, employee), 201);
    expect((await api.post(`/courses/${course.id}/enrol`, employee)).status).toBe(409);
    expect((await api.post(`/courses/${course.id}/enrol`, employee, { employeeId: karim })).status).toBe(403);
    await expectJson(await api.post(`/courses/${course.id}/enrol`, hr, { employeeId: karim }), 201);
    const full = await api.post(`/courses/${course.id}/enrol`, hr, { employeeId: omar });
    expect(full.status).toBe(409);
    expect(((await full.json()) as { detail: string }).detail).toMatch(/full \(2 seats\)/);

    expect((await api.get(`/enrolments/${mine.id}/certificate`, employee)).status).toBe(409); // not completed yet
    const completed = await expectJson<{ certificateNumber: string }>(
      await api.post(`/enrolments/${mine.id}/complete`, hr),
      200,
    );
    expect(completed.certificateNumber).toMatch(/^CERT-\d{4}-\d{5}$/);
    expect((await api.post(`/enrolments/${mine.id}/complete`, hr)).status).toBe(409);

    const pdf = await api.get(`/enrolments/${mine.id}/certificate`, employee);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe(`Certificate ${completed.certificateNumber}`);

    // Someone else's certificate is not theirs to download.
    const other = await tokenAs(h.keys, 'Employee', karim);
    expect((await api.get(`/enrolments/${mine.id}/certificate`, other)).status).toBe(404);
    const list = await expectJson<{ items: { employeeId: string }[] }>(await api.get('/enrolments', employee), 200);
    expect(new Set(list.items.map((i) => i.employeeId))).toEqual(new Set([nour]));
  });
});

describe('a course that has ended', () => {
  it('takes no enrolment: 409 saying when it ended, and the list marks it ended', async () => {
    const hr = await tokenAs(h.keys, 'HR Staff');
    const employee = await tokenAs(h.keys, 'Employee', omar);
    h.clock.set('2027-03-01T08:00:00Z');
    const course = await expectJson<{ id: string; ended: boolean }>(
      await api.post('/courses', hr, {
        title: 'Excel Basics',
        capacity: 5,
        startsOn: '2027-03-10',
        endsOn: '2027-03-11',
      }),
      201,
    );
    expect(course.ended).toBe(false);
    h.clock.set('2027-03-12T08:00:00Z');
    const late = await api.post(`/courses/${course.id}/enrol`, employee);
    expect(late.status).toBe(409);
    expect(((await late.json()) as { detail: string }).detail).toBe(
      '“Excel Basics” ended on 2027-03-11; it takes no more enrolments.',
    );
    const byHr = await api.post(`/courses/${course.id}/enrol`, hr, { employeeId: nour });
    expect(byHr.status).toBe(409);
    const list = await expectJson<{ items: { id: string; ended: boolean }[] }>(await api.get('/courses?limit=200', hr));
    expect(list.items.find((c) => c.id === course.id)?.ended).toBe(true);
    // On its last day it still takes people.
    h.clock.set('2027-03-11T08:00:00Z');
    expect((await api.post(`/courses/${course.id}/enrol`, employee)).status).toBe(201);
  });
});
