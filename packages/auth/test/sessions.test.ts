import { parseTrustedProxies } from '@konecta/core';
import { startServer } from '@konecta/core/node';
import { loginAttempts } from '@konecta/db';
import { desc, eq } from 'drizzle-orm';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { demoUsers } from '../src/seed';
import {
  addActiveUser,
  bodyOf,
  call,
  cookiesOf,
  DEMO_PASSWORD,
  expectProblem,
  type Harness,
  login,
  refreshCookie,
  type SignedIn,
  startAuth,
} from './helpers';

let h: Harness;
let admin: SignedIn;

beforeAll(async () => {
  h = await startAuth();
  admin = await login(h.app, 'admin@konecta.local');
});
afterAll(() => h?.db.close());

interface SessionBody {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  refreshToken?: string;
  user: { id: string; email: string; roles: { name: string }[]; permissions: string[] };
}

describe('sign-in', () => {
  it('signs in by email: an access token, the user with roles and permissions, and a refresh cookie', async () => {
    const res = await call(h.app, 'POST', '/login', {
      body: { email: 'hr.admin@konecta.local', password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await bodyOf<SessionBody>(res);
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email: 'hr.admin@konecta.local' } });
    expect(body.refreshToken).toBeUndefined();
    expect(body.user.roles.map((r) => r.name)).toEqual(['HR Admin']);
    expect(body.user.permissions).toContain('auth.users.invite');
    expect(body.user.permissions).not.toContain('auth.users.manage');

    const cookie = cookiesOf(res).get('konecta_refresh');
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.attributes).toMatch(/;\s*HttpOnly/i);
    expect(cookie?.attributes).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie?.attributes).toMatch(/;\s*Path=\/api\/auth(;|$)/);
  });

  it('signs in by username or email in any letter case', async () => {
    const byUsername = await call(h.app, 'POST', '/login', { body: { username: 'HR.Admin', password: DEMO_PASSWORD } });
    expect(byUsername.status).toBe(200);
    const byEmail = await call(h.app, 'POST', '/login', {
      body: { email: '  HR.ADMIN@Konecta.Local ', password: DEMO_PASSWORD },
    });
    expect(byEmail.status).toBe(200);
    expect((await bodyOf<SessionBody>(byUsername)).user.id).toBe((await bodyOf<SessionBody>(byEmail)).user.id);
  });

  it('puts the refresh token in the body, and sets no cookie, when asked to', async () => {
    const res = await call(h.app, 'POST', '/login', {
      body: { email: 'hr@konecta.local', password: DEMO_PASSWORD, refreshTokenIn: 'body' },
    });
    expect(res.status).toBe(200);
    expect((await bodyOf<SessionBody>(res)).refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('issues an ES256 token that verifies against the published key set with the right claims', async () => {
    const jwks = await bodyOf<JSONWebKeySet>(await call(h.app, 'GET', '/.well-known/jwks.json'));
    expect(jwks.keys.length).toBeGreaterThanOrEqual(1);
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
    const { issuer, audience } = h.deps.config.auth;
    const { payload, protectedHeader } = await jwtVerify(admin.accessToken, createLocalJWKSet(jwks), {
      issuer,
      audience,
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(jwks.keys.map((k) => k.kid)).toContain(protectedHeader.kid);
    expect(payload).toMatchObject({ iss: issuer, aud: audience, sub: admin.userId, typ: 'user' });
    expect(payload.roles).toEqual(['System Admin']);
    expect(payload.perms).toEqual(admin.permissions);
    // 15 minutes from issue, read from the token itself: the sign-in was in beforeAll, and how
    // long ago that was depends on the machine.
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(900);
  });

  it("records the connection's address for a sign-in, not an X-Forwarded-For the client wrote", async () => {
    const signInOverSocket = async (app: ReturnType<typeof createApp>, identifier: string) => {
      const server = await startServer(app, { port: 0 });
      try {
        const res = await fetch(`http://127.0.0.1:${server.port}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.66' },
          body: JSON.stringify({ email: identifier, password: 'Not-The-Password-1' }),
        });
        expect(res.status).toBe(401);
      } finally {
        await server.close(100);
      }
      const [attempt] = await h.db.db
        .select({ ip: loginAttempts.ip })
        .from(loginAttempts)
        .where(eq(loginAttempts.identifier, identifier))
        .orderBy(desc(loginAttempts.at))
        .limit(1);
      return attempt?.ip;
    };
    expect(await signInOverSocket(h.app, 'nobody-1@konecta.local')).toBe('127.0.0.1');
    // Behind a proxy the service is told to trust, the proxy's word is the address.
    const behindProxy = { ...h.deps.config.http, trustedProxies: parseTrustedProxies('127.0.0.1') };
    const proxied = createApp({ ...h.deps, config: { ...h.deps.config, http: behindProxy } }, h.ctx);
    expect(await signInOverSocket(proxied, 'nobody-2@konecta.local')).toBe('203.0.113.66');
  });

  it('lets each of the nine demo users sign in with their role', async () => {
    for (const demo of demoUsers) {
      const res = await call(h.app, 'POST', '/login', { body: { email: demo.email, password: DEMO_PASSWORD } });
      expect(res.status, demo.email).toBe(200);
      const body = await bodyOf<SessionBody>(res);
      expect(body.user.roles.map((r) => r.name)).toEqual([demo.role]);
      expect(decodeProtectedHeader(body.accessToken).alg).toBe('ES256');
    }
    expect(demoUsers).toHaveLength(9);
  });
});

describe('refresh tokens', () => {
  const refresh = (token?: string) => call(h.app, 'POST', '/refresh', { refresh: token });

  it('rotates: each refresh sets a new cookie and a new access token', async () => {
    const first = await login(h.app, 'finance@konecta.local');
    const res = await refresh(first.refresh);
    expect(res.status).toBe(200);
    const next = refreshCookie(res);
    expect(next).toBeDefined();
    expect(next).not.toBe(first.refresh);
    const body = await bodyOf<SessionBody>(res);
    expect(body.accessToken).not.toBe(first.accessToken);
    expect(body.user.email).toBe('finance@konecta.local');
    expect((await refresh(next)).status).toBe(200);
  });

  it('two tabs refreshing with the same cookie at once both stay signed in, with tokens of the same sign-in', async () => {
    const first = await login(h.app, 'hr.admin@konecta.local');
    const tabA = await refresh(first.refresh);
    // The second tab sent the same cookie before the first tab's answer replaced it.
    const tabB = await refresh(first.refresh);
    expect([tabA.status, tabB.status]).toEqual([200, 200]);
    const [a, b] = [refreshCookie(tabA), refreshCookie(tabB)];
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(b).not.toBe(a);
    expect((await bodyOf<SessionBody>(tabB)).user.email).toBe('hr.admin@konecta.local');
    // Both rotated tokens work, and signing out with one ends the other too: one sign-in.
    const fromB = await refresh(b);
    expect(fromB.status).toBe(200);
    expect((await call(h.app, 'POST', '/logout', { refresh: a })).status).toBe(204);
    await expectProblem(await refresh(refreshCookie(fromB)), 401);
  });

  it('treats a spent token presented again after the grace of 10 s as theft: 401, and the whole family is revoked', async () => {
    const first = await login(h.app, 'operations@konecta.local');
    const rotated = await refresh(first.refresh);
    const newest = refreshCookie(rotated);
    expect(rotated.status).toBe(200);

    h.clock.advance(11_000);
    const replay = await refresh(first.refresh);
    await expectProblem(replay, 401);
    // The reuse clears the cookie and ends the sign-in it came from, newest token included.
    expect(cookiesOf(replay).get('konecta_refresh')?.value).toBe('');
    await expectProblem(await refresh(newest), 401);
  });

  it('lets non-browser clients refresh with the token in the body', async () => {
    const res = await call(h.app, 'POST', '/login', {
      body: { email: 'inventory@konecta.local', password: DEMO_PASSWORD, refreshTokenIn: 'body' },
    });
    const { refreshToken } = await bodyOf<SessionBody>(res);
    const rotated = await call(h.app, 'POST', '/refresh', { body: { refreshToken } });
    expect(rotated.status).toBe(200);
    const body = await bodyOf<SessionBody>(rotated);
    expect(body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.refreshToken).not.toBe(refreshToken);
    expect(rotated.headers.getSetCookie()).toEqual([]);
    h.clock.advance(11_000);
    await expectProblem(await call(h.app, 'POST', '/refresh', { body: { refreshToken } }), 401);
  });

  it('answers 401 with no refresh token, or an unknown one', async () => {
    await expectProblem(await refresh(), 401);
    await expectProblem(await refresh('not-a-token-anyone-was-given-xxxxxxxxxxxxxx'), 401);
  });
});

describe('sign-out', () => {
  it('logout ends that sign-in and clears the cookie', async () => {
    const s = await login(h.app, 'manager@konecta.local');
    const res = await call(h.app, 'POST', '/logout', { refresh: s.refresh });
    expect(res.status).toBe(204);
    expect(cookiesOf(res).get('konecta_refresh')?.attributes).toMatch(/Max-Age=0/i);
    await expectProblem(await call(h.app, 'POST', '/refresh', { refresh: s.refresh }), 401);
    // Idempotent: logging out again, or with nothing, is fine.
    expect((await call(h.app, 'POST', '/logout', { refresh: s.refresh })).status).toBe(204);
    expect((await call(h.app, 'POST', '/logout')).status).toBe(204);
  });

  it('logout-all ends every session and refuses the access tokens issued before', async () => {
    const phone = await login(h.app, 'employee@konecta.local');
    const laptop = await login(h.app, 'employee@konecta.local');
    expect((await call(h.app, 'GET', '/me', { token: phone.accessToken })).status).toBe(200);

    expect((await call(h.app, 'POST', '/logout-all', { token: laptop.accessToken })).status).toBe(204);

    await expectProblem(await call(h.app, 'POST', '/refresh', { refresh: phone.refresh }), 401);
    await expectProblem(await call(h.app, 'POST', '/refresh', { refresh: laptop.refresh }), 401);
    await expectProblem(await call(h.app, 'GET', '/me', { token: phone.accessToken }), 401);
    await expectProblem(await call(h.app, 'GET', '/me', { token: laptop.accessToken }), 401);
    // A new sign-in works again.
    const again = await login(h.app, 'employee@konecta.local');
    expect((await call(h.app, 'GET', '/me', { token: again.accessToken })).status).toBe(200);
  });

  it('logout-all needs a token', async () => {
    await expectProblem(await call(h.app, 'POST', '/logout-all'), 401);
  });
});

describe('me', () => {
  let me: SignedIn;
  beforeAll(async () => {
    await addActiveUser(h, 'sara@konecta.local');
    me = await login(h.app, 'sara@konecta.local');
  });

  it('GET /me answers the signed-in user with roles and permissions', async () => {
    const res = await call(h.app, 'GET', '/me', { token: me.accessToken });
    expect(res.status).toBe(200);
    const body = await bodyOf<SessionBody['user'] & { status: string }>(res);
    expect(body).toMatchObject({ id: me.userId, email: 'sara@konecta.local', status: 'active' });
    expect(body.roles.map((r) => r.name)).toEqual(['Employee']);
    expect(body.permissions).toContain('hr.leaves.request');
    await expectProblem(await call(h.app, 'GET', '/me'), 401);
  });

  it('PATCH /me edits the profile', async () => {
    const res = await call(h.app, 'PATCH', '/me', {
      token: me.accessToken,
      body: { fullName: 'Sara Samir', phone: '+20 100 000 0000', username: 'sara.samir' },
    });
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toMatchObject({
      fullName: 'Sara Samir',
      phone: '+20 100 000 0000',
      username: 'sara.samir',
    });
    const again = await bodyOf(await call(h.app, 'GET', '/me', { token: me.accessToken }));
    expect(again).toMatchObject({ fullName: 'Sara Samir', username: 'sara.samir' });
    // The new username signs in.
    expect(
      (await call(h.app, 'POST', '/login', { body: { username: 'sara.samir', password: DEMO_PASSWORD } })).status,
    ).toBe(200);
  });

  it('refuses a malformed or taken username with 422 on the field', async () => {
    const bad = await expectProblem(
      await call(h.app, 'PATCH', '/me', { token: me.accessToken, body: { username: 'no spaces!' } }),
      422,
    );
    expect(bad.errors).toEqual([expect.objectContaining({ path: 'username' })]);
    const taken = await expectProblem(
      await call(h.app, 'PATCH', '/me', { token: me.accessToken, body: { username: 'ADMIN' } }),
      422,
    );
    expect(taken.errors).toEqual([{ path: 'username', message: 'This username is taken.' }]);
  });

  it('refuses fields a user may not set on themself', async () => {
    const res = await call(h.app, 'PATCH', '/me', { token: me.accessToken, body: { email: 'boss@konecta.local' } });
    await expectProblem(res, 422);
    const res2 = await call(h.app, 'PATCH', '/me', { token: me.accessToken, body: { status: 'active', roles: [] } });
    await expectProblem(res2, 422);
  });
});
