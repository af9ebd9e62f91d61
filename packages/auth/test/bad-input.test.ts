import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bodyOf,
  type CallOptions,
  call,
  expectProblem,
  type Harness,
  invitationToken,
  lastMail,
  login,
  type SignedIn,
  startAuth,
} from './helpers';

let h: Harness;
let admin: SignedIn;
let invitation: string;
let employeeId: string;
let roleId: string;

beforeAll(async () => {
  h = await startAuth();
  admin = await login(h.app, 'admin@konecta.local');
  employeeId = (await login(h.app, 'employee@konecta.local')).userId;
  const invited = await call(h.app, 'POST', '/invitations', {
    token: admin.accessToken,
    body: { email: 'fuzzy@konecta.local', fullName: 'Fuzzy Tester' },
  });
  expect(invited.status).toBe(201);
  invitation = invitationToken(await lastMail(h.app, 'fuzzy@konecta.local', 'invitation'));
  const roles = await bodyOf<{ items: { id: string; name: string }[] }>(
    await call(h.app, 'GET', '/roles', { token: admin.accessToken }),
  );
  roleId = roles.items.find((r) => r.name === 'Employee')?.id ?? '';
});
afterAll(() => h?.db.close());

interface Operation {
  method: string;
  path: () => string;
  auth?: boolean;
  /** A body with every field, refused for a business reason (wrong password, duplicate, …) or valid. */
  sample: () => Record<string, unknown>;
  /** Partial-update schemas accept {}. */
  partial?: boolean;
}

const operations: Record<string, Operation> = {
  login: {
    method: 'POST',
    path: () => '/login',
    sample: () => ({
      email: 'admin@konecta.local',
      username: 'admin',
      password: 'Wrong-Password-1',
      refreshTokenIn: 'body',
    }),
  },
  invite: {
    method: 'POST',
    path: () => '/invitations',
    auth: true,
    sample: () => ({
      email: 'fuzzy@konecta.local',
      fullName: 'Again',
      roleIds: [roleId],
      phone: '1',
      employeeId: roleId,
    }),
  },
  accept: {
    method: 'POST',
    path: () => `/invitations/${invitation}/accept`,
    sample: () => ({ password: 'weak', fullName: 'Fuzzy', username: 'fuzzy', phone: '1' }),
  },
  verify: {
    method: 'POST',
    path: () => '/verify',
    sample: () => ({ email: 'nobody@konecta.local', code: '123456', refreshTokenIn: 'cookie' }),
  },
  forgot: { method: 'POST', path: () => '/password/forgot', sample: () => ({ email: 'nobody@konecta.local' }) },
  reset: {
    method: 'POST',
    path: () => '/password/reset',
    sample: () => ({ token: 'z'.repeat(43), password: 'Strong-Enough-Pass-1' }),
  },
  'users PATCH': {
    method: 'PATCH',
    path: () => `/users/${employeeId}`,
    auth: true,
    partial: true,
    sample: () => ({ fullName: 'Nour', phone: '1', username: 'admin', email: 'x@konecta.local', employeeId: roleId }),
  },
  'users roles PUT': {
    method: 'PUT',
    path: () => `/users/${employeeId}/roles`,
    auth: true,
    sample: () => ({ roleIds: [employeeId] }),
  },
  'roles POST': {
    method: 'POST',
    path: () => '/roles',
    auth: true,
    sample: () => ({ name: 'HR Admin', description: 'dup', permissions: ['hr.leaves.read'] }),
  },
  'role permissions PUT': {
    method: 'PUT',
    path: () => `/roles/${roleId}/permissions`,
    auth: true,
    sample: () => ({ permissions: ['hr.ghosts.haunt'] }),
  },
  'me PATCH': {
    method: 'PATCH',
    path: () => '/me',
    auth: true,
    partial: true,
    sample: () => ({ fullName: 'Amira', phone: null, username: 'hr' }),
  },
  'me password': {
    method: 'POST',
    path: () => '/me/password',
    auth: true,
    sample: () => ({ currentPassword: 'Wrong-Password-1', newPassword: 'Strong-Enough-Pass-1' }),
  },
  refresh: { method: 'POST', path: () => '/refresh', sample: () => ({ refreshToken: 'y'.repeat(43) }) },
};

/** Bodies that break the schema: each field of the wrong type, too long, or an injection-shaped object. */
function brokenBodies(sample: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(sample)) {
    out.push([`${key} wrong type`, { ...sample, [key]: typeof value === 'string' ? 12345 : 'text' }]);
    out.push([`${key} as object`, { ...sample, [key]: { $gt: '' } }]);
    out.push([
      `${key} oversized`,
      { ...sample, [key]: typeof value === 'string' ? 'x'.repeat(5000) : ['x'.repeat(5000)] },
    ]);
  }
  return out;
}

async function send(op: Operation, options: CallOptions): Promise<Response> {
  return call(h.app, op.method, op.path(), { ...options, token: op.auth ? admin.accessToken : undefined });
}

async function expectClientError(res: Response, label: string): Promise<void> {
  expect(res.status, `${label}: ${res.status}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${label}: ${res.status}`).toBeLessThan(500);
  expect(res.headers.get('content-type'), label).toContain('application/problem+json');
  expect((await bodyOf(res)).status, label).toBe(res.status);
}

describe.each(Object.entries(operations))('%s never answers 5xx to bad input', (name, op) => {
  it('malformed JSON and non-object bodies → 400/422 problem', async () => {
    for (const raw of ['{"email": ', '{email: 1}', '[]', 'null', '"text"', '42', '']) {
      await expectClientError(await send(op, { raw }), `${name} ${JSON.stringify(raw)}`);
    }
    const wrongType = await send(op, { raw: JSON.stringify(op.sample()), headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status, `${name} text/plain`).toBeLessThan(500);
  });

  it('wrong types, injection-shaped objects and oversized strings → 422 on the field', async () => {
    for (const [label, body] of brokenBodies(op.sample())) {
      const res = await send(op, { body });
      await expectClientError(res, `${name} ${label}`);
    }
  });

  if (!op.partial) {
    it('missing fields → 4xx problem', async () => {
      await expectClientError(await send(op, { body: {} }), `${name} {}`);
    });
  }

  it('unknown fields beside a refused request → 4xx problem (forgot-password: 202)', async () => {
    const body = { ...op.sample(), isAdmin: true, status: 'active', passwordHash: 'x', roles: ['System Admin'] };
    const res = await send(op, { body });
    if (name === 'forgot') {
      // Forgot-password answers 202 to any well-formed address: that is the no-enumeration rule.
      expect(res.status).toBe(202);
    } else {
      await expectClientError(res, `${name} unknown fields`);
    }
  });
});

describe('bodies and values around the edges', () => {
  it('refuses a body over the size limit with 413', async () => {
    const res = await call(h.app, 'POST', '/login', {
      raw: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(h.deps.config.http.bodyLimitBytes) }),
    });
    await expectProblem(res, 413);
  });

  it('refuses bad path values with 400 or 404, never 500', async () => {
    for (const path of [
      '/users/not-a-uuid',
      '/roles/1%27%20or%201=1',
      `/invitations/${'%00'.repeat(10)}`,
      '/invitations/short',
    ]) {
      const res = await call(h.app, 'GET', path, { token: admin.accessToken });
      await expectClientError(res, path);
    }
  });

  it('ignores extra fields on create: no built-in role, no pre-activated user', async () => {
    const role = await call(h.app, 'POST', '/roles', {
      token: admin.accessToken,
      body: { name: 'Sneaky', permissions: [], builtIn: true, id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(role.status).toBe(201);
    const created = await bodyOf<{ id: string }>(role);
    expect(created).toMatchObject({ name: 'Sneaky', builtIn: false });
    expect(created.id).not.toBe('00000000-0000-4000-8000-000000000000');
    const user = await call(h.app, 'POST', '/invitations', {
      token: admin.accessToken,
      body: { email: 'sneaky@konecta.local', fullName: 'Sneaky', status: 'active', passwordHash: 'x' },
    });
    expect(user.status).toBe(201);
    expect(await bodyOf(user)).toMatchObject({ status: 'invited' });
  });
});
