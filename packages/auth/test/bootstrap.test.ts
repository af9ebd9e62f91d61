import { allPermissions, defaultRoles } from '@konecta/core';
import { createTestDatabase, createTestKeys, type TestDatabase, testDeps } from '@konecta/core/testing';
import { mailOutbox, permissions, rolePermissions, roles, userRoles, users } from '@konecta/db';
import { count, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authContext, createApp } from '../src/app';
import { authService } from '../src/index';
import { bootstrapAuth, demoUsers, seedDemoUsers } from '../src/seed';
import {
  bodyOf,
  call,
  codeOf,
  expectProblem,
  type Harness,
  invitationToken,
  login,
  type Mail,
  startAuth,
} from './helpers';

describe('first System Admin on a fresh database', () => {
  const email = 'root@example.com';
  let db: TestDatabase;
  let deps: ReturnType<typeof testDeps>;

  beforeAll(async () => {
    db = await createTestDatabase();
    deps = testDeps(db, await createTestKeys(), {
      KONECTA_STAGE: 'test',
      KONECTA_DATA_DIR: 'memory',
      AUTH_BOOTSTRAP_ADMIN_EMAIL: email,
    });
  });
  afterAll(() => db?.close());
  // Nobody here can sign in to read the local mailbox yet: the mail as the outbox holds it.
  const mailsTo = async (to: string): Promise<Mail[]> =>
    db.db.select().from(mailOutbox).where(eq(mailOutbox.to, to)).orderBy(desc(mailOutbox.createdAt));
  const lastMail = async (to: string, template: string): Promise<Mail> => {
    const mail = (await mailsTo(to)).find((m) => m.template === template);
    if (!mail) throw new Error(`no ${template} mail for ${to}`);
    return mail;
  };

  it('without AUTH_BOOTSTRAP_ADMIN_EMAIL: the catalogue and a signing key, and nobody invited', async () => {
    const ctx = authContext(deps);
    const withoutAddress = {
      ...ctx,
      config: { ...ctx.config, auth: { ...ctx.config.auth, bootstrapAdminEmail: undefined } },
    };
    expect(await bootstrapAuth(withoutAddress)).toEqual({});
    const [n] = await db.db.select({ n: count() }).from(users);
    expect(n?.n).toBe(0);
    const keys = await bodyOf<{ keys: unknown[] }>(await call(createApp(deps), 'GET', '/.well-known/jwks.json'));
    expect(keys.keys).toHaveLength(1);
  });

  it('invites AUTH_BOOTSTRAP_ADMIN_EMAIL as System Admin exactly once, with no password anywhere', async () => {
    expect(await bootstrapAuth(authContext(deps))).toEqual({ adminInvited: email });
    expect(await bootstrapAuth(authContext(deps))).toEqual({});

    const rows = await db.db
      .select({ user: users, role: roles.name })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .innerJoin(roles, eq(roles.id, userRoles.roleId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: 'System Admin', user: { email, status: 'invited', passwordHash: null } });

    const mails = await mailsTo(email);
    expect(mails.map((m) => m.template)).toEqual(['invitation']);
  });

  it('the invited admin joins through the link and signs in; later runs invite nobody', async () => {
    const app = createApp(deps);
    const token = invitationToken(await lastMail(email, 'invitation'));
    expect(
      (await call(app, 'POST', `/invitations/${token}/accept`, { body: { password: 'Tall-Cedar-Tree-99' } })).status,
    ).toBe(202);
    const code = codeOf(await lastMail(email, 'verification-code'));
    const res = await call(app, 'POST', '/verify', { body: { email, code } });
    expect(res.status).toBe(200);
    const session = await bodyOf<{ user: { permissions: string[]; status: string } }>(res);
    expect(session.user.status).toBe('active');
    expect(session.user.permissions.sort()).toEqual([...allPermissions].sort());

    expect(await bootstrapAuth(authContext(deps))).toEqual({});
    const [n] = await db.db.select({ n: count() }).from(users);
    expect(n?.n).toBe(1);
  });

  it('keeps the catalogue and default roles without duplicates on every run', async () => {
    await authService.bootstrap?.(deps);
    const [p] = await db.db.select({ n: count() }).from(permissions);
    expect(p?.n).toBe(allPermissions.length);
    const roleRows = await db.db.select({ name: roles.name }).from(roles);
    expect(roleRows.map((r) => r.name).sort()).toEqual(Object.keys(defaultRoles).sort());
  });
});

describe('demo users', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startAuth();
  });
  afterAll(() => h?.db.close());

  it('seeds the nine demo users, each with their role; seeding again adds nothing', async () => {
    await authService.seed?.(h.deps);
    await authService.seed?.(h.deps);
    expect(await seedDemoUsers(h.ctx)).toBe(0);

    const rows = await h.db.db
      .select({ email: users.email, role: roles.name })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .innerJoin(roles, eq(roles.id, userRoles.roleId));
    expect(rows.map((r) => `${r.email} ${r.role}`).sort()).toEqual(demoUsers.map((u) => `${u.email} ${u.role}`).sort());
    // System Admin still holds every permission, once each.
    const [grants] = await h.db.db
      .select({ n: count() })
      .from(rolePermissions)
      .innerJoin(roles, eq(roles.id, rolePermissions.roleId))
      .where(eq(roles.name, 'System Admin'));
    expect(grants?.n).toBe(allPermissions.length);
  });

  it('adds only the missing ones', async () => {
    await h.db.db.delete(users).where(sql`lower(${users.email}) = 'employee@konecta.local'`);
    expect(await seedDemoUsers(h.ctx)).toBe(1);
    expect(await seedDemoUsers(h.ctx)).toBe(0);
  });

  it('refuses to seed in a deployed stage', async () => {
    await expect(seedDemoUsers({ ...h.ctx, config: { ...h.ctx.config, local: false } })).rejects.toThrow(
      /local stages only/,
    );
    // The service module's seed step does nothing there.
    await authService.seed?.({ ...h.deps, config: { ...h.deps.config, local: false } });
    const [n] = await h.db.db.select({ n: count() }).from(users);
    expect(n?.n).toBe(9);
  });

  it('mounts the local mailbox only in local stages, for signed-in users who may invite people', async () => {
    // It shows every invitation, code and reset link: nobody else reads it, even locally.
    await expectProblem(await call(h.app, 'GET', '/dev/mailbox'), 401);
    const employee = await login(h.app, 'employee@konecta.local');
    await expectProblem(await call(h.app, 'GET', '/dev/mailbox', { token: employee.accessToken }), 403);
    const hr = await login(h.app, 'hr@konecta.local');
    expect((await call(h.app, 'GET', '/dev/mailbox', { token: hr.accessToken })).status).toBe(200);
    // A session ended since (sign-out everywhere) no longer reads it.
    expect((await call(h.app, 'POST', '/logout-all', { token: hr.accessToken })).status).toBe(204);
    await expectProblem(await call(h.app, 'GET', '/dev/mailbox', { token: hr.accessToken }), 401);
    const deployed = { ...h.deps, config: { ...h.deps.config, local: false } };
    await expectProblem(await call(createApp(deployed, h.ctx), 'GET', '/dev/mailbox'), 404);
  });
});
