/**
 * Notifications of HR's flows, through the outbox to the auth service: the approver hears of a
 * leave request once however often the event comes, the employee hears of the decision, a person's
 * preferences silence a kind, and nobody reads or marks another person's notifications.
 */
import { addDays, type DomainEvent } from '@konecta/core';
import { leaveTypes, mailOutbox, notifications, outbox, users } from '@konecta/db';
import { and, eq, isNull, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, employeeByEmail, expectJson, type Harness, requester, tokenAs } from './helpers';
import { type WithAuth, withAuth } from './with-auth';

let h: Harness;
let hr: ReturnType<typeof requester>;
let authApp: WithAuth['authApp'];
let bus: WithAuth['bus'];
let dispatcher: WithAuth['dispatcher'];
let deliverAll: WithAuth['deliverAll'];
let annual: string;

interface Person {
  userId: string;
  email: string;
  /** Signed in at the auth service (its own key ring), for /api/auth/notifications. */
  authToken: string;
  /** A token the HR app trusts, for HR's routes. */
  hrToken: string;
  employeeId: string;
}
let nour: Person;
let tarek: Person;

interface NotificationBody {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  subject: string | null;
  readAt: string | null;
}

const auth = (method: string, path: string, token: string, body?: unknown) =>
  authApp.request(`/api/auth${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const inbox = async (p: Person, query = '') =>
  expectJson<{ items: NotificationBody[]; total: number }>(await auth('GET', `/notifications${query}`, p.authToken));
const unread = async (p: Person) =>
  (await expectJson<{ unread: number }>(await auth('GET', '/notifications/unread-count', p.authToken))).unread;
const mailsTo = async (p: Person, template: string) =>
  h.db.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, p.email), eq(mailOutbox.template, template)));

async function signIn(email: string, role: 'Employee' | 'Department Manager'): Promise<Person> {
  const res = await authApp.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Konecta#2026' }),
  });
  const { accessToken, user } = await expectJson<{ accessToken: string; user: { id: string } }>(res);
  const employee = await employeeByEmail(h, email);
  return {
    userId: user.id,
    email,
    employeeId: employee.id,
    authToken: accessToken,
    hrToken: await tokenAs(h.keys, role, employee.id, user.id),
  };
}

async function requestLeave(startDate: string, endDate: string) {
  return expectJson<{ id: string }>(
    await hr.post('/leave-requests', nour.hrToken, { leaveTypeId: annual, startDate, endDate }),
    201,
  );
}

beforeAll(async () => {
  h = await createHarness();
  hr = requester(h.app);
  ({ authApp, bus, dispatcher, deliverAll } = await withAuth(h));
  annual = (await h.db.db.select().from(leaveTypes).where(eq(leaveTypes.code, 'ANNUAL')))[0]?.id as string;
  nour = await signIn('employee@konecta.local', 'Employee');
  tarek = await signIn('manager@konecta.local', 'Department Manager');
}, 120_000);
afterAll(async () => {
  await dispatcher?.stop();
  await h?.close();
});

describe('a leave request and its decision', () => {
  let requestId: string;

  it('tells the manager once, in the app and by mail, even when the event is delivered twice', async () => {
    expect(await unread(tarek)).toBe(0);
    requestId = (await requestLeave('2027-05-02', '2027-05-03')).id;
    await deliverAll();
    // At-least-once delivery: the same event again (e.g. the consumer's answer was lost).
    const [row] = await h.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.subject, requestId), eq(outbox.type, 'hr.leave.requested')));
    const again: DomainEvent = {
      id: row?.id as string,
      type: row?.type as string,
      source: 'hr',
      subject: requestId,
      occurredAt: new Date().toISOString(),
      data: row?.data,
    };
    expect((await bus.deliver([again])).size).toBe(0);

    const { items } = await inbox(tarek);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'leave-requested',
      title: 'Nour Adel requested leave',
      link: '/hr/leave/approvals',
      subject: requestId,
      readAt: null,
    });
    expect(await unread(tarek)).toBe(1);
    const mails = await mailsTo(tarek, 'notification.leave-requested');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain('/hr/leave/approvals');
    // The requester is not told of their own request.
    expect((await inbox(nour)).items).toEqual([]);
  });

  it('tells the employee of the decision, linking to their leave', async () => {
    await expectJson(await hr.post(`/leave-requests/${requestId}/approve`, tarek.hrToken, {}));
    await deliverAll();
    const { items } = await inbox(nour);
    expect(items.map((n) => [n.kind, n.title, n.link])).toEqual([
      ['leave-decided', 'Your leave was approved', '/hr/leave/me'],
    ]);
    expect(await mailsTo(nour, 'notification.leave-decided')).toHaveLength(1);
    // The manager's own decision raises nothing new for them.
    expect((await inbox(tarek)).items).toHaveLength(1);
  });

  it('tells the manager when the employee withdraws a request', async () => {
    const { id } = await requestLeave('2027-06-06', '2027-06-06');
    await expectJson(await hr.post(`/leave-requests/${id}/cancel`, nour.hrToken, {}));
    await deliverAll();
    const kinds = (await inbox(tarek)).items.map((n) => n.kind);
    expect(kinds).toEqual(['leave-cancelled', 'leave-requested', 'leave-requested']);
    // A withdrawal is not a decision the employee is told of.
    expect((await inbox(nour)).items.map((n) => n.kind)).toEqual(['leave-decided']);
  });
});

describe('preferences', () => {
  it('lists every kind, on unless turned off, and refuses an unknown kind naming it', async () => {
    const { items } = await expectJson<{ items: { kind: string; inApp: boolean; email: boolean }[] }>(
      await auth('GET', '/notification-preferences', nour.authToken),
    );
    expect(items.find((p) => p.kind === 'leave-decided')).toMatchObject({ inApp: true, email: true });
    const bad = await auth('PUT', '/notification-preferences', nour.authToken, {
      items: [{ kind: 'no-such-kind', inApp: false, email: false }],
    });
    expect([400, 422]).toContain(bad.status);
    expect(JSON.stringify(await bad.json())).toContain('items.0.kind');
  });

  it('with both channels off, a decision adds no notification and sends no mail', async () => {
    const saved = await expectJson<{ items: { kind: string; inApp: boolean; email: boolean }[] }>(
      await auth('PUT', '/notification-preferences', nour.authToken, {
        items: [{ kind: 'leave-decided', inApp: false, email: false }],
      }),
    );
    expect(saved.items.find((p) => p.kind === 'leave-decided')).toMatchObject({ inApp: false, email: false });
    const before = (await inbox(nour)).items.length;
    const { id } = await requestLeave('2027-07-04', '2027-07-04');
    await deliverAll();
    await expectJson(await hr.post(`/leave-requests/${id}/reject`, tarek.hrToken, { note: 'Busy week' }));
    await deliverAll();
    expect((await inbox(nour)).items).toHaveLength(before);
    expect(await mailsTo(nour, 'notification.leave-decided')).toHaveLength(1); // the earlier one only
  });

  it('mail off, in-app on: the notification appears and no mail is written', async () => {
    await expectJson(
      await auth('PUT', '/notification-preferences', tarek.authToken, {
        items: [{ kind: 'leave-requested', inApp: true, email: false }],
      }),
    );
    const mailsBefore = (await mailsTo(tarek, 'notification.leave-requested')).length;
    const { id } = await requestLeave('2027-08-01', '2027-08-01');
    await deliverAll();
    const { items } = await inbox(tarek);
    expect(items[0]).toMatchObject({ kind: 'leave-requested', subject: id });
    expect(await mailsTo(tarek, 'notification.leave-requested')).toHaveLength(mailsBefore);
  });
});

describe('reading', () => {
  it('filters unread, marks one read, and refuses another person’s notification as not found', async () => {
    const all = await inbox(tarek);
    const unreadOnly = await inbox(tarek, '?unread=true');
    expect(unreadOnly.total).toBe(all.total);
    const first = all.items[0] as NotificationBody;

    const foreign = await auth('POST', `/notifications/${first.id}/read`, nour.authToken);
    expect(foreign.status).toBe(404);
    expect((await inbox(nour)).items.map((n) => n.id)).not.toContain(first.id);
    expect(await unread(tarek)).toBe(all.total);

    const read = await expectJson<NotificationBody>(
      await auth('POST', `/notifications/${first.id}/read`, tarek.authToken),
    );
    expect(read.readAt).not.toBeNull();
    expect(await unread(tarek)).toBe(all.total - 1);
    expect((await inbox(tarek, '?unread=true')).items.map((n) => n.id)).not.toContain(first.id);
  });

  it('marks all read, only the caller’s', async () => {
    const nourUnread = await unread(nour);
    expect(nourUnread).toBeGreaterThan(0);
    const res = await expectJson<{ marked: number }>(await auth('POST', '/notifications/read-all', tarek.authToken));
    expect(res.marked).toBeGreaterThan(0);
    expect(await unread(tarek)).toBe(0);
    expect(await unread(nour)).toBe(nourUnread);
  });

  it('refuses a bad id and a bad filter with 400 naming the field, and a missing token with 401', async () => {
    const badId = await auth('POST', '/notifications/not-a-uuid/read', tarek.authToken);
    expect(badId.status).toBe(400);
    expect(JSON.stringify(await badId.json())).toContain('id');
    const badFilter = await auth('GET', '/notifications?unread=maybe', tarek.authToken);
    expect(badFilter.status).toBe(400);
    expect(JSON.stringify(await badFilter.json())).toContain('unread');
    expect((await authApp.request('/api/auth/notifications')).status).toBe(401);
  });
});

describe('reviews and resignations', () => {
  it('tells the employee when their review is shared, and not while it is a draft', async () => {
    const hrAdmin = await tokenAs(h.keys, 'HR Admin');
    const cycle = await expectJson<{ id: string }>(
      await hr.post('/review-cycles', hrAdmin, { name: 'H1 2027', startDate: '2027-01-01', endDate: '2027-06-30' }),
      201,
    );
    const review = await expectJson<{ id: string }>(
      await hr.post('/reviews', tarek.hrToken, { cycleId: cycle.id, employeeId: nour.employeeId, rating: 4 }),
      201,
    );
    await deliverAll();
    expect((await inbox(nour)).items.filter((n) => n.kind === 'review-shared')).toEqual([]);
    await expectJson(await hr.post(`/reviews/${review.id}/submit`, tarek.hrToken));
    await deliverAll();
    const shared = (await inbox(nour)).items.filter((n) => n.kind === 'review-shared');
    expect(shared.map((n) => [n.title, n.link, n.subject])).toEqual([
      ['Your performance review is ready', '/hr/reviews', review.id],
    ]);
  });

  it('tells the reviewer when the employee submits their self-assessment, once', async () => {
    const hrAdmin = await tokenAs(h.keys, 'HR Admin');
    const cycle = await expectJson<{ id: string }>(
      await hr.post('/review-cycles', hrAdmin, { name: 'Self H1', startDate: '2027-01-01', endDate: '2027-06-30' }),
      201,
    );
    const review = await expectJson<{ id: string }>(
      await hr.post('/reviews', tarek.hrToken, { cycleId: cycle.id, employeeId: nour.employeeId }),
      201,
    );
    await expectJson(
      await hr.patch(`/reviews/${review.id}/self-assessment`, nour.hrToken, {
        selfAssessment: 'Good year',
        selfRating: 4,
      }),
    );
    await deliverAll();
    const kind = (p: Person) => inbox(p).then((b) => b.items.filter((n) => n.kind === 'review-self-assessed'));
    expect(await kind(tarek)).toEqual([]); // a saved draft tells nobody
    await expectJson(await hr.post(`/reviews/${review.id}/self-assessment/submit`, nour.hrToken));
    await deliverAll();
    await deliverAll();
    expect((await kind(tarek)).map((n) => [n.title, n.link, n.subject])).toEqual([
      [expect.stringContaining('submitted their self-assessment'), '/hr/reviews', review.id],
    ]);
    expect(await kind(nour)).toEqual([]);
  });

  it('tells the employee when HR decides their resignation', async () => {
    const resignation = await expectJson<{ id: string }>(
      await hr.post('/resignations', nour.hrToken, {
        lastWorkingDay: addDays(h.ctx.calendar.today(), 30),
        reason: 'Moving abroad',
      }),
      201,
    );
    await expectJson(await hr.post(`/resignations/${resignation.id}/reject`, await tokenAs(h.keys, 'HR Admin'), {}));
    await deliverAll();
    const told = (await inbox(nour)).items.filter((n) => n.kind === 'resignation-decided');
    expect(told.map((n) => [n.title, n.link, n.subject])).toEqual([
      ['Your resignation was rejected', '/hr/offboarding', resignation.id],
    ]);
  });
});

describe('when there is no manager', () => {
  it('tells HR (whoever may manage leave) instead', async () => {
    // A person without a manager or department manager: their request goes to HR.
    const nourId = (await employeeByEmail(h, 'employee@konecta.local')).id;
    await h.db.db.execute(sql`update hr.employees set manager_id = null, department_id = null where id = ${nourId}`);
    const { id } = await requestLeave('2027-09-05', '2027-09-05');
    await deliverAll();
    const told = await h.db.db
      .select({ email: users.email })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(
        and(eq(notifications.subject, id), like(notifications.kind, 'leave-requested'), isNull(notifications.readAt)),
      );
    const emails = told.map((t) => t.email).sort();
    expect(emails).toContain('hr.admin@konecta.local');
    expect(emails).not.toContain('manager@konecta.local');
    expect(emails).not.toContain('employee@konecta.local');
  });
});
