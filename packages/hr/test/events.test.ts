/**
 * HR and auth talking through events over one database: demo logins linked to their employees,
 * a hire with `createLogin` invited with the Employee role, a termination disabling the login —
 * and never an HR action changing a login that holds permissions the acting person does not.
 * HR's callers here are the demo users themselves (their tokens' subjects are their auth ids), as
 * in production, because auth judges the person behind an event by what it knows of them.
 */
import { demoUsers } from '@konecta/auth';
import { addDays } from '@konecta/core';
import { json } from '@konecta/core/testing';
import { auditLog, employees, mailOutbox, outbox, roles, userRoles, users } from '@konecta/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledExits } from '../src/employees/employees';
import {
  createHarness,
  type EmployeeBody,
  employeeByEmail,
  employeeRow,
  expectJson,
  type Harness,
  newHire,
  requester,
  tokenAs,
} from './helpers';
import { type WithAuth, withAuth } from './with-auth';

let h: Harness;
let api: ReturnType<typeof requester>;
let authApp: WithAuth['authApp'];
let bus: WithAuth['bus'];
let dispatcher: WithAuth['dispatcher'];
let deliverAll: WithAuth['deliverAll'];
let hrAdmin: string;
let hrStaff: string;
/** The demo System Admin's access token from the auth app, for the admin's side of the flows. */
let adminToken: string;

const userByEmail = async (email: string) =>
  (await h.db.db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`))[0];

/** One request to the auth app (paths relative to /api/auth). */
const auth = (method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
  authApp.request(`/api/auth${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
async function signIn(email: string, password: string): Promise<{ accessToken: string }> {
  const res = await auth('POST', '/login', { body: { email, password } });
  expect(res.status, `sign-in of ${email}`).toBe(200);
  return json<{ accessToken: string }>(res);
}
/** The newest mail of a kind to an address, as the local mailbox shows it to the admin. */
async function lastMail(to: string, template: string): Promise<string> {
  const res = await auth('GET', `/dev/mailbox?to=${encodeURIComponent(to)}`, { token: adminToken });
  expect(res.status).toBe(200);
  const { items } = await json<{ items: { template: string; text: string }[] }>(res);
  const mail = items.find((m) => m.template === template);
  if (!mail) throw new Error(`no ${template} mail for ${to}`);
  return mail.text;
}
const auditOf = async (userId: string, action: string) =>
  h.db.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, userId), eq(auditLog.action, action)));

beforeAll(async () => {
  h = await createHarness();
  api = requester(h.app);
  ({ authApp, bus, dispatcher, deliverAll } = await withAuth(h));
  hrAdmin = await tokenAs(h.keys, 'HR Admin', undefined, (await userByEmail('hr.admin@konecta.local'))?.id);
  hrStaff = await tokenAs(h.keys, 'HR Staff', undefined, (await userByEmail('hr@konecta.local'))?.id);
  adminToken = (await signIn('admin@konecta.local', 'Konecta#2026')).accessToken;
}, 120_000);
afterAll(async () => {
  await dispatcher?.stop();
  await h?.close();
});

describe('linking the demo logins', () => {
  it('links every demo user to the employee with their email, both ways', async () => {
    for (const demo of demoUsers) {
      const user = await userByEmail(demo.email);
      const person = await employeeByEmail(h, demo.email);
      expect(user?.employeeId, demo.email).toBe(person.id);
      expect(person.userId, demo.email).toBe(user?.id);
    }
  });

  it('creates no logins for employees HR did not ask one for', async () => {
    const ceo = await employeeByEmail(h, 'ceo@konecta.local');
    expect(ceo.userId).toBeNull();
    expect(await userByEmail('ceo@konecta.local')).toBeUndefined();
    const [linked] = await h.db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(employees)
      .where(sql`user_id is not null`);
    expect(linked?.n).toBe(demoUsers.length);
  });

  it('lets the linked login read its own record at /employees/me without an emp claim', async () => {
    const user = await userByEmail('employee@konecta.local');
    const me = await expectJson<EmployeeBody>(
      await api.get('/employees/me', await tokenAs(h.keys, 'Employee', undefined, user?.id)),
    );
    expect(me).toMatchObject({ fullName: 'Nour Adel', visibility: 'pay', userId: user?.id });
  });
});

describe('hiring with a login', () => {
  it('invites the new employee with the Employee role, mails the invitation and links them', async () => {
    const body = newHire({ firstName: 'Rania', lastName: 'Saad', createLogin: true });
    const hired = await expectJson<EmployeeBody>(await api.post('/employees', hrAdmin, body), 201);
    await deliverAll();

    const user = await userByEmail(body.workEmail);
    expect(user).toMatchObject({ status: 'invited', employeeId: hired.id, fullName: 'Rania Saad' });
    const granted = await h.db.db
      .select({ name: roles.name })
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(eq(userRoles.userId, user?.id ?? ''));
    expect(granted.map((r) => r.name)).toEqual(['Employee']);
    expect((await employeeRow(h, hired.id)).userId).toBe(user?.id);

    const mails = await h.db.db.select().from(mailOutbox).where(eq(mailOutbox.to, body.workEmail));
    expect(mails.map((m) => m.template)).toEqual(['invitation']);
    // The same mail, as the auth service's local mailbox shows it to someone who may invite.
    expect(await lastMail(body.workEmail, 'invitation')).toContain('Rania Saad');
  });

  it('handles a redelivered hiring event once: still one login and one mail', async () => {
    const body = newHire({ createLogin: true });
    const hired = await expectJson<EmployeeBody>(await api.post('/employees', hrAdmin, body), 201);
    await deliverAll();
    const [event] = await h.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.subject, hired.id), eq(outbox.type, 'hr.employee.hired')));
    if (!event) throw new Error('no hiring event');
    const failed = await bus.deliver([
      { ...event, occurredAt: event.occurredAt.toISOString(), data: event.data as Record<string, unknown> },
    ]);
    expect(failed.size).toBe(0);
    await deliverAll();
    const logins = await h.db.db.select().from(users).where(eq(users.employeeId, hired.id));
    expect(logins).toHaveLength(1);
    expect(await h.db.db.select().from(mailOutbox).where(eq(mailOutbox.to, body.workEmail))).toHaveLength(1);
  });

  it('invites nobody when HR does not ask for a login', async () => {
    const body = newHire({ createLogin: false });
    const hired = await expectJson<EmployeeBody>(await api.post('/employees', hrAdmin, body), 201);
    await deliverAll();
    expect(await userByEmail(body.workEmail)).toBeUndefined();
    expect((await employeeRow(h, hired.id)).userId).toBeNull();
    expect(await h.db.db.select().from(mailOutbox).where(eq(mailOutbox.to, body.workEmail))).toEqual([]);
  });
});

describe('terminating someone with a login', () => {
  it('disables their login when the person ending the employment holds all its permissions', async () => {
    const nour = await employeeByEmail(h, 'employee@konecta.local');
    expect((await userByEmail('employee@konecta.local'))?.status).toBe('active');
    await expectJson(
      await api.post(`/employees/${nour.id}/terminate`, hrAdmin, { exitDate: '2026-02-28', reason: 'Contract end' }),
    );
    await deliverAll();
    const user = await userByEmail('employee@konecta.local');
    expect(user).toMatchObject({ status: 'disabled', employeeId: nour.id });
    // Everyone else keeps theirs.
    expect((await userByEmail('manager@konecta.local'))?.status).toBe('active');
  });

  it('keeps the login of someone holding permissions the HR person lacks (finance), audited for an admin to act', async () => {
    const karim = await employeeByEmail(h, 'finance@konecta.local');
    await expectJson(
      await api.post(`/employees/${karim.id}/terminate`, hrAdmin, { exitDate: '2026-02-28', reason: 'Contract end' }),
    );
    await deliverAll();
    const user = await userByEmail('finance@konecta.local');
    expect(user).toMatchObject({ status: 'active', employeeId: karim.id });
    const [refused] = await auditOf(user?.id ?? '', 'user.disable-refused');
    // The reason names the first of the permissions the HR person lacks (sorted; the list is cut short).
    expect(refused?.reason).toContain('finance.accounts.read');
    expect(refused?.reason).toContain((await userByEmail('hr.admin@konecta.local'))?.id);
  });

  it('disables an invited login that was never used', async () => {
    const body = newHire({ createLogin: true });
    const hired = await expectJson<EmployeeBody>(await api.post('/employees', hrAdmin, body), 201);
    await deliverAll();
    expect((await userByEmail(body.workEmail))?.status).toBe('invited');
    await expectJson(
      await api.post(`/employees/${hired.id}/terminate`, hrAdmin, { exitDate: '2024-03-01', reason: 'No show' }),
    );
    await deliverAll();
    expect((await userByEmail(body.workEmail))?.status).toBe('disabled');
  });
});

describe('an HR action never changes a login more powerful than the person acting', () => {
  it('HR Staff hiring under a System Admin’s email does not take over the login, so terminating that hire leaves it alone', async () => {
    // An admin invites U as System Admin, and U joins.
    const email = 'second.admin@konecta.local';
    const [systemAdmin] = await h.db.db.select().from(roles).where(eq(roles.name, 'System Admin'));
    const invited = await auth('POST', '/invitations', {
      token: adminToken,
      body: { email, fullName: 'Second Admin', roleIds: [systemAdmin?.id] },
    });
    expect(invited.status).toBe(201);
    const link = /\/invitations\/([A-Za-z0-9_-]+)/.exec(await lastMail(email, 'invitation'))?.[1];
    expect(
      (await auth('POST', `/invitations/${link}/accept`, { body: { password: 'Tall-Cedar-Tree-99' } })).status,
    ).toBe(202);
    const code = /\b(\d{6})\b/.exec(await lastMail(email, 'verification-code'))?.[1];
    expect((await auth('POST', '/verify', { body: { email, code } })).status).toBe(200);
    const u = await userByEmail(email);
    expect(u).toMatchObject({ status: 'active', employeeId: null });

    // HR Staff types U's address into a new employee record, then ends that employment.
    const body = newHire({ firstName: 'Not', lastName: 'Theadmin', workEmail: email });
    const hired = await expectJson<EmployeeBody>(await api.post('/employees', hrStaff, body), 201);
    await deliverAll();
    expect((await userByEmail(email))?.employeeId).toBeNull();
    expect((await employeeRow(h, hired.id)).userId).toBeNull();
    const [refusedLink] = await auditOf(u?.id ?? '', 'user.link-refused');
    expect(refusedLink?.reason).toContain('auth.users.manage');

    await expectJson(
      await api.post(`/employees/${hired.id}/terminate`, hrStaff, { exitDate: '2026-03-31', reason: 'Misconduct' }),
    );
    await deliverAll();
    expect((await userByEmail(email))?.status).toBe('active');
    expect((await signIn(email, 'Tall-Cedar-Tree-99')).accessToken).toBeTruthy();
  });

  it('HR Staff terminating the System Admin’s own employee record leaves the login active, audited', async () => {
    const amira = await employeeByEmail(h, 'admin@konecta.local');
    const admin = await userByEmail('admin@konecta.local');
    expect(admin?.employeeId).toBe(amira.id); // linked by the seed, run by HR's system actor
    await expectJson(
      await api.post(`/employees/${amira.id}/terminate`, hrStaff, { exitDate: '2026-03-31', reason: 'Restructuring' }),
    );
    await deliverAll();
    expect((await userByEmail('admin@konecta.local'))?.status).toBe('active');
    const [refused] = await auditOf(admin?.id ?? '', 'user.disable-refused');
    expect(refused).toMatchObject({ actorKind: 'system', actorId: 'system:auth', service: 'auth' });
    expect(refused?.reason).toContain((await userByEmail('hr@konecta.local'))?.id);
  });

  it('a scheduled exit acts in the name of whoever scheduled it when it takes effect', async () => {
    const exitDate = addDays(h.ctx.calendar.today(), 10);
    // HR Staff schedules the Finance Manager's exit: on the day, the login (finance permissions) stays.
    const fm = await employeeByEmail(h, 'finance.manager@konecta.local');
    await expectJson(await api.post(`/employees/${fm.id}/terminate`, hrStaff, { exitDate, reason: 'Restructuring' }));
    // HR Admin schedules the exit of a new hire with an Employee login: on the day, it is disabled.
    const body = newHire({ createLogin: true });
    const hired = await expectJson<EmployeeBody>(await api.post('/employees', hrAdmin, body), 201);
    await expectJson(await api.post(`/employees/${hired.id}/terminate`, hrAdmin, { exitDate, reason: 'Contract end' }));
    await deliverAll();
    expect((await userByEmail(body.workEmail))?.status).toBe('invited');

    const realNow = h.clock.now();
    h.clock.set(h.ctx.calendar.startOf(addDays(exitDate, 1)));
    try {
      expect((await runScheduledExits(h.ctx)).ended).toBeGreaterThanOrEqual(2);
      await deliverAll();
    } finally {
      h.clock.set(realNow);
    }
    expect((await employeeRow(h, fm.id)).status).toBe('terminated');
    const fmLogin = await userByEmail('finance.manager@konecta.local');
    expect(fmLogin?.status).toBe('active');
    const [refused] = await auditOf(fmLogin?.id ?? '', 'user.disable-refused');
    expect(refused?.reason).toContain((await userByEmail('hr@konecta.local'))?.id);
    expect((await userByEmail(body.workEmail))?.status).toBe('disabled');
  });

  it('a hire under the email of a login within the hiring person’s permissions links it', async () => {
    const email = 'joins.later@konecta.local';
    const [employeeRole] = await h.db.db.select().from(roles).where(eq(roles.name, 'Employee'));
    const invited = await auth('POST', '/invitations', {
      token: adminToken,
      body: { email, fullName: 'Joins Later', roleIds: [employeeRole?.id] },
    });
    expect(invited.status).toBe(201);
    const hired = await expectJson<EmployeeBody>(
      await api.post('/employees', hrStaff, newHire({ firstName: 'Joins', lastName: 'Later', workEmail: email })),
      201,
    );
    await deliverAll();
    const user = await userByEmail(email);
    expect(user?.employeeId).toBe(hired.id);
    expect((await employeeRow(h, hired.id)).userId).toBe(user?.id);
  });

  it('an actor auth does not know (a service token, a made-up subject) changes no login', async () => {
    const manager = await employeeByEmail(h, 'manager@konecta.local');
    const stranger = await tokenAs(h.keys, 'HR Admin'); // a valid token whose subject is no user
    await expectJson(
      await api.post(`/employees/${manager.id}/terminate`, stranger, { exitDate: '2026-03-31', reason: 'Moved on' }),
    );
    await deliverAll();
    expect((await userByEmail('manager@konecta.local'))?.status).toBe('active');
  });
});
