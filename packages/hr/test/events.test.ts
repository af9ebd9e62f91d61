/**
 * HR and auth talking through events over one database: demo logins linked to their employees,
 * a hire with `createLogin` invited with the Employee role, a termination disabling the login.
 */
import { demoUsers } from '@konecta/auth';
import { json } from '@konecta/core/testing';
import { employees, mailOutbox, outbox, roles, userRoles, users } from '@konecta/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const userByEmail = async (email: string) =>
  (await h.db.db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`))[0];

beforeAll(async () => {
  h = await createHarness();
  api = requester(h.app);
  ({ authApp, bus, dispatcher, deliverAll } = await withAuth(h));
  hrAdmin = await tokenAs(h.keys, 'HR Admin');
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
    // The same mail, as the auth service's local mailbox shows it.
    const mailbox = await authApp.request(`/api/auth/dev/mailbox?to=${encodeURIComponent(body.workEmail)}`);
    expect(mailbox.status).toBe(200);
    const { items } = await json<{ items: { subject: string; text: string }[] }>(mailbox);
    expect(items).toHaveLength(1);
    expect(items[0]?.text).toContain('Rania Saad');
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
  it('disables their login', async () => {
    const karim = await employeeByEmail(h, 'finance@konecta.local');
    expect((await userByEmail('finance@konecta.local'))?.status).toBe('active');
    await expectJson(
      await api.post(`/employees/${karim.id}/terminate`, hrAdmin, { exitDate: '2026-02-28', reason: 'Contract end' }),
    );
    await deliverAll();
    const user = await userByEmail('finance@konecta.local');
    expect(user).toMatchObject({ status: 'disabled', employeeId: karim.id });
    // Everyone else keeps theirs.
    expect((await userByEmail('employee@konecta.local'))?.status).toBe('active');
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
