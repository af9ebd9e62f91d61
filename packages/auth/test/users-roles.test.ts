import { allPermissions, defaultRoles } from '@konecta/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addActiveUser,
  bodyOf,
  call,
  expectProblem,
  type Harness,
  login,
  roleIds,
  type SignedIn,
  startAuth,
} from './helpers';

let h: Harness;
let admin: SignedIn;
let hrAdmin: SignedIn;
let employee: SignedIn;

beforeAll(async () => {
  h = await startAuth();
  admin = await login(h.app, 'admin@konecta.local');
  hrAdmin = await login(h.app, 'hr.admin@konecta.local');
  employee = await login(h.app, 'employee@konecta.local');
});
afterAll(() => h?.db.close());

interface UserList {
  items: { id: string; email: string; fullName: string; status: string }[];
  total: number;
  limit: number;
  offset: number;
}
interface Role {
  id: string;
  name: string;
  builtIn: boolean;
  permissions: string[];
  userCount: number;
}
const listUsers = async (query: string, token = admin.accessToken) => {
  const res = await call(h.app, 'GET', `/users${query}`, { token });
  expect(res.status, query).toBe(200);
  return bodyOf<UserList>(res);
};
const emails = (list: UserList) => list.items.map((u) => u.email);

describe('listing users', () => {
  it('needs auth.users.read: an Employee gets a 403 problem', async () => {
    const res = await expectProblem(await call(h.app, 'GET', '/users', { token: employee.accessToken }), 403);
    expect(res.detail).toContain('auth.users.read');
  });

  it('answers the list envelope with every demo user', async () => {
    const list = await listUsers('');
    expect(list).toMatchObject({ total: 9, limit: 50, offset: 0 });
    expect(list.items).toHaveLength(9);
    expect(list.items[0]).not.toHaveProperty('passwordHash');
  });

  it('searches by name, email or username, treating % and _ literally', async () => {
    expect(emails(await listUsers('?search=haddad'))).toEqual(['hr.admin@konecta.local']);
    expect(emails(await listUsers('?search=FINANCE'))).toHaveLength(2);
    expect((await listUsers('?search=%25')).total).toBe(0);
    expect((await listUsers('?search=_')).total).toBe(0);
  });

  it('filters by role (name or id) and by status', async () => {
    expect(emails(await listUsers('?role=hr%20admin'))).toEqual(['hr.admin@konecta.local']);
    const [financeManager] = await roleIds(h, 'Finance Manager');
    expect(emails(await listUsers(`?role=${financeManager}`))).toEqual(['finance.manager@konecta.local']);
    const invited = await call(h.app, 'POST', '/invitations', {
      token: admin.accessToken,
      body: { email: 'invitee@konecta.local', fullName: 'Ivy Invitee' },
    });
    expect(invited.status).toBe(201);
    expect(emails(await listUsers('?status=invited'))).toEqual(['invitee@konecta.local']);
    expect(emails(await listUsers('?status=active&limit=100'))).not.toContain('invitee@konecta.local');
    expect((await listUsers('?status=disabled')).total).toBe(0);
  });

  it('sorts and pages', async () => {
    const byEmail = emails(await listUsers('?sort=email&limit=100'));
    expect(emails(await listUsers('?sort=-email&limit=100'))).toEqual([...byEmail].reverse());
    const page = await listUsers('?sort=email&limit=3&offset=2');
    expect(page).toMatchObject({ limit: 3, offset: 2, total: byEmail.length });
    expect(emails(page)).toEqual(byEmail.slice(2, 5));
    const byName = (await listUsers('?sort=name&limit=100')).items.map((u) => u.fullName);
    expect((await listUsers('?sort=-name&limit=100')).items.map((u) => u.fullName)).toEqual([...byName].reverse());
  });

  it('refuses a limit over 200 or a bad sort with 400 naming the parameter', async () => {
    const res = await expectProblem(await call(h.app, 'GET', '/users?limit=201', { token: admin.accessToken }), 400);
    expect(res.errors).toEqual([expect.objectContaining({ path: 'query.limit' })]);
    const sort = await expectProblem(
      await call(h.app, 'GET', '/users?sort=password', { token: admin.accessToken }),
      400,
    );
    expect(sort.errors).toEqual([expect.objectContaining({ path: 'query.sort' })]);
    await expectProblem(await call(h.app, 'GET', '/users?sort=--email', { token: admin.accessToken }), 400);
    await expectProblem(await call(h.app, 'GET', '/users?offset=-1', { token: admin.accessToken }), 400);
  });

  it('reads and edits one user', async () => {
    const got = await call(h.app, 'GET', `/users/${employee.userId}`, { token: hrAdmin.accessToken });
    expect(await bodyOf(got)).toMatchObject({ email: 'employee@konecta.local', roles: [{ name: 'Employee' }] });
    await expectProblem(
      await call(h.app, 'GET', '/users/00000000-0000-4000-8000-000000000000', { token: admin.accessToken }),
      404,
    );
    await expectProblem(await call(h.app, 'GET', '/users/not-a-uuid', { token: admin.accessToken }), 400);

    const edit = (body: unknown) =>
      call(h.app, 'PATCH', `/users/${employee.userId}`, { token: admin.accessToken, body });
    expect(await bodyOf(await edit({ fullName: 'Nour Adel Hassan' }))).toMatchObject({ fullName: 'Nour Adel Hassan' });
    await expectProblem(await edit({ email: 'someone.else@konecta.local' }), 409); // a joined user's sign-in
    await expectProblem(await edit({ username: 'ADMIN' }), 409);
    await expectProblem(await edit({ status: 'active' }), 422);
    await expectProblem(
      await call(h.app, 'PATCH', `/users/${employee.userId}`, { token: hrAdmin.accessToken, body: { fullName: 'X' } }),
      403,
    );
  });
});

describe('roles', () => {
  it('lists the default roles and the whole permission catalogue', async () => {
    const roles = await bodyOf<{ items: Role[] }>(await call(h.app, 'GET', '/roles', { token: hrAdmin.accessToken }));
    expect(roles.items.map((r) => r.name).sort()).toEqual(Object.keys(defaultRoles).sort());
    const sysAdmin = roles.items.find((r) => r.name === 'System Admin');
    expect(sysAdmin).toMatchObject({ builtIn: true, userCount: 1 });
    expect(sysAdmin?.permissions.sort()).toEqual([...allPermissions].sort());

    const res = await call(h.app, 'GET', '/permissions?limit=200', { token: hrAdmin.accessToken });
    const catalogue = await bodyOf<{ items: { code: string; domain: string; description: string }[]; total: number }>(
      res,
    );
    expect(catalogue.items.map((p) => p.code).sort()).toEqual([...allPermissions].sort());
    expect(catalogue.total).toBe(allPermissions.length);
    // The catalogue is longer than the default page: the first page says how much is left.
    const first = await bodyOf<{ items: unknown[]; total: number; limit: number }>(
      await call(h.app, 'GET', '/permissions', { token: hrAdmin.accessToken }),
    );
    expect(first).toMatchObject({ limit: 50, total: allPermissions.length });
    expect(first.items).toHaveLength(Math.min(50, allPermissions.length));
    expect(catalogue.items.find((p) => p.code === 'hr.leaves.approve')).toMatchObject({ domain: 'hr' });
    await expectProblem(await call(h.app, 'GET', '/permissions', { token: employee.accessToken }), 403);
  });

  it('creates, reads, renames, re-permissions and deletes a custom role', async () => {
    const created = await call(h.app, 'POST', '/roles', {
      token: admin.accessToken,
      body: { name: 'Auditor', description: 'Reads the audit log', permissions: ['platform.audit.read'] },
    });
    expect(created.status).toBe(201);
    const role = await bodyOf<Role>(created);
    expect(role).toMatchObject({ name: 'Auditor', builtIn: false, permissions: ['platform.audit.read'], userCount: 0 });

    expect(await bodyOf(await call(h.app, 'GET', `/roles/${role.id}`, { token: admin.accessToken }))).toMatchObject({
      name: 'Auditor',
    });
    const renamed = await call(h.app, 'PATCH', `/roles/${role.id}`, {
      token: admin.accessToken,
      body: { name: 'Auditors' },
    });
    expect(await bodyOf(renamed)).toMatchObject({ name: 'Auditors' });
    const regranted = await call(h.app, 'PUT', `/roles/${role.id}/permissions`, {
      token: admin.accessToken,
      body: { permissions: ['platform.audit.read', 'platform.system.read'] },
    });
    expect((await bodyOf<Role>(regranted)).permissions).toEqual(['platform.audit.read', 'platform.system.read']);

    expect((await call(h.app, 'DELETE', `/roles/${role.id}`, { token: admin.accessToken })).status).toBe(204);
    await expectProblem(await call(h.app, 'GET', `/roles/${role.id}`, { token: admin.accessToken }), 404);
  });

  it('guards the built-in roles and names', async () => {
    const [systemAdmin, employeeRole] = await roleIds(h, 'System Admin', 'Employee');
    const editAdmin = await call(h.app, 'PUT', `/roles/${systemAdmin}/permissions`, {
      token: admin.accessToken,
      body: { permissions: ['auth.users.read'] },
    });
    await expectProblem(editAdmin, 409);
    await expectProblem(await call(h.app, 'DELETE', `/roles/${employeeRole}`, { token: admin.accessToken }), 409);
    const rename = await call(h.app, 'PATCH', `/roles/${employeeRole}`, {
      token: admin.accessToken,
      body: { name: 'Staff' },
    });
    await expectProblem(rename, 409);
    const dup = await call(h.app, 'POST', '/roles', { token: admin.accessToken, body: { name: 'hr admin' } });
    await expectProblem(dup, 409);
    const unknown = await call(h.app, 'POST', '/roles', {
      token: admin.accessToken,
      body: { name: 'Ghost', permissions: ['hr.ghosts.haunt'] },
    });
    expect((await expectProblem(unknown, 422)).errors).toEqual([
      { path: 'permissions', message: 'Unknown permission "hr.ghosts.haunt".' },
    ]);
  });

  it('will not delete a role someone holds (409)', async () => {
    const res = await call(h.app, 'POST', '/roles', { token: admin.accessToken, body: { name: 'Held Role' } });
    const role = await bodyOf<Role>(res);
    const holder = await addActiveUser(h, 'holder@konecta.local', []);
    const assign = await call(h.app, 'PUT', `/users/${holder}/roles`, {
      token: admin.accessToken,
      body: { roleIds: [role.id] },
    });
    expect(assign.status).toBe(200);
    await expectProblem(await call(h.app, 'DELETE', `/roles/${role.id}`, { token: admin.accessToken }), 409);
  });
});

describe('privilege escalation', () => {
  it('HR Admin cannot invite someone into a role holding permissions HR Admin lacks', async () => {
    const [financeManager] = await roleIds(h, 'Finance Manager');
    const res = await call(h.app, 'POST', '/invitations', {
      token: hrAdmin.accessToken,
      body: { email: 'cfo@konecta.local', fullName: 'Chief Finance', roleIds: [financeManager] },
    });
    const problem = await expectProblem(res, 403);
    expect(problem.detail).toContain('finance.journals.post');
    expect(problem.detail).not.toContain('finance.payroll.read,'); // HR Admin holds that one
    expect((await listUsers('?search=cfo')).total).toBe(0);
    // Within their own permissions it works.
    const [employeeRole] = await roleIds(h, 'Employee');
    const ok = await call(h.app, 'POST', '/invitations', {
      token: hrAdmin.accessToken,
      body: { email: 'clerk@konecta.local', fullName: 'HR Clerk', roleIds: [employeeRole] },
    });
    expect(ok.status).toBe(201);
  });

  it('HR Admin reads users but cannot change roles without auth.users.manage', async () => {
    const [systemAdmin] = await roleIds(h, 'System Admin');
    const res = await call(h.app, 'PUT', `/users/${hrAdmin.userId}/roles`, {
      token: hrAdmin.accessToken,
      body: { roleIds: [systemAdmin] },
    });
    expect((await expectProblem(res, 403)).detail).toContain('auth.users.manage');
  });

  it('a user manager cannot redirect the invitation of a more powerful invitee to themself', async () => {
    const role = await call(h.app, 'POST', '/roles', {
      token: admin.accessToken,
      body: { name: 'People Desk', permissions: ['auth.users.read', 'auth.users.invite', 'auth.users.manage'] },
    });
    const deskId = await addActiveUser(h, 'people.desk@konecta.local', []);
    await call(h.app, 'PUT', `/users/${deskId}/roles`, {
      token: admin.accessToken,
      body: { roleIds: [(await bodyOf<Role>(role)).id] },
    });
    const desk = await login(h.app, 'people.desk@konecta.local');
    const [financeManager] = await roleIds(h, 'Finance Manager');
    const invited = await call(h.app, 'POST', '/invitations', {
      token: admin.accessToken,
      body: { email: 'new.cfo@konecta.local', fullName: 'New CFO', roleIds: [financeManager] },
    });
    const { id } = await bodyOf<{ id: string }>(invited);

    // Changing the address of an invitee whose roles the caller could not grant would hand them over.
    const redirect = await call(h.app, 'PATCH', `/users/${id}`, {
      token: desk.accessToken,
      body: { email: 'people.desk+cfo@konecta.local' },
    });
    expect((await expectProblem(redirect, 403)).detail).toMatch(/permissions you do not hold/);
    expect(await bodyOf(await call(h.app, 'GET', `/users/${id}`, { token: admin.accessToken }))).toMatchObject({
      email: 'new.cfo@konecta.local',
    });
    // The admin, who holds those permissions, can correct the address.
    const fixed = await call(h.app, 'PATCH', `/users/${id}`, {
      token: admin.accessToken,
      body: { email: 'cfo.new@konecta.local' },
    });
    expect(fixed.status).toBe(200);
  });

  it('a user manager cannot edit the profile of someone holding more than they do (the System Admin)', async () => {
    const role = await call(h.app, 'POST', '/roles', {
      token: admin.accessToken,
      body: { name: 'Profile Desk', permissions: ['auth.users.read', 'auth.users.manage'] },
    });
    const deskId = await addActiveUser(h, 'profile.desk@konecta.local', []);
    const grant = await call(h.app, 'PUT', `/users/${deskId}/roles`, {
      token: admin.accessToken,
      body: { roleIds: [(await bodyOf<Role>(role)).id] },
    });
    expect(grant.status).toBe(200);
    const desk = await login(h.app, 'profile.desk@konecta.local');

    const adminProfile = () => call(h.app, 'GET', `/users/${admin.userId}`, { token: admin.accessToken }).then(bodyOf);
    const before = await adminProfile();
    for (const body of [{ fullName: 'Not The Admin' }, { username: 'desk-owned' }, { phone: '+20 100 000 0000' }]) {
      const res = await call(h.app, 'PATCH', `/users/${admin.userId}`, { token: desk.accessToken, body });
      await expectProblem(res, 403);
    }
    expect(await adminProfile()).toEqual(before);
    // Someone holding nothing the desk lacks is theirs to edit.
    const plain = await addActiveUser(h, 'plain.user@konecta.local', []);
    const ok = await call(h.app, 'PATCH', `/users/${plain}`, {
      token: desk.accessToken,
      body: { fullName: 'Plain User' },
    });
    expect(ok.status).toBe(200);
  });

  describe('a custom role manager', () => {
    const own = ['auth.roles.manage', 'auth.roles.read', 'auth.users.manage', 'auth.users.read', 'hr.holidays.read'];
    let manager: SignedIn;
    let target: string;
    let small: Role;

    beforeAll(async () => {
      const res = await call(h.app, 'POST', '/roles', {
        token: admin.accessToken,
        body: { name: 'Role Manager', permissions: [...own, 'hr.holidays.manage'] },
      });
      const managerRole = await bodyOf<Role>(res);
      const managerId = await addActiveUser(h, 'role.manager@konecta.local', []);
      const assign = await call(h.app, 'PUT', `/users/${managerId}/roles`, {
        token: admin.accessToken,
        body: { roleIds: [managerRole.id] },
      });
      expect(assign.status).toBe(200);
      manager = await login(h.app, 'role.manager@konecta.local');
      target = await addActiveUser(h, 'target.user@konecta.local', []);
    });

    it('cannot create a role with permissions they lack (403), but can within their own (201)', async () => {
      const tooMuch = await call(h.app, 'POST', '/roles', {
        token: manager.accessToken,
        body: { name: 'Payroll Boss', permissions: ['hr.holidays.read', 'finance.payroll.pay'] },
      });
      expect((await expectProblem(tooMuch, 403)).detail).toContain('finance.payroll.pay');
      const ok = await call(h.app, 'POST', '/roles', {
        token: manager.accessToken,
        body: { name: 'Holiday Reader', permissions: ['hr.holidays.read'] },
      });
      expect(ok.status).toBe(201);
      small = await bodyOf<Role>(ok);
    });

    it('cannot add permissions they lack to a role (403), but can add their own (200)', async () => {
      const tooMuch = await call(h.app, 'PUT', `/roles/${small.id}/permissions`, {
        token: manager.accessToken,
        body: { permissions: ['hr.holidays.read', 'hr.employees.read-sensitive'] },
      });
      expect((await expectProblem(tooMuch, 403)).detail).toContain('hr.employees.read-sensitive');
      const ok = await call(h.app, 'PUT', `/roles/${small.id}/permissions`, {
        token: manager.accessToken,
        body: { permissions: ['hr.holidays.read', 'hr.holidays.manage'] },
      });
      expect(ok.status).toBe(200);
      // Nor can they touch System Admin.
      const [systemAdmin] = await roleIds(h, 'System Admin');
      await expectProblem(
        await call(h.app, 'PUT', `/roles/${systemAdmin}/permissions`, {
          token: manager.accessToken,
          body: { permissions: [] },
        }),
        409,
      );
    });

    it('cannot assign a role holding more than they have (403), but can assign within it (200)', async () => {
      const [financeStaff, systemAdmin] = await roleIds(h, 'Finance Staff', 'System Admin');
      for (const roleId of [financeStaff, systemAdmin]) {
        const res = await call(h.app, 'PUT', `/users/${target}/roles`, {
          token: manager.accessToken,
          body: { roleIds: [roleId] },
        });
        await expectProblem(res, 403);
      }
      const self = await call(h.app, 'PUT', `/users/${manager.userId}/roles`, {
        token: manager.accessToken,
        body: { roleIds: [systemAdmin] },
      });
      await expectProblem(self, 403);
      const ok = await call(h.app, 'PUT', `/users/${target}/roles`, {
        token: manager.accessToken,
        body: { roleIds: [small.id] },
      });
      expect(ok.status).toBe(200);
      expect(await bodyOf(ok)).toMatchObject({ roles: [{ id: small.id, name: 'Holiday Reader' }] });
    });
  });
});
