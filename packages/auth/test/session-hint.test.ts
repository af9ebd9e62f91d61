import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE } from '../src/http';
import { refreshCookieChange, SESSION_HINT_COOKIE } from '../src/sessions/hint-cookie';
import {
  bodyOf,
  call,
  codeOf,
  cookiesOf,
  DEMO_PASSWORD,
  expectProblem,
  type Harness,
  invitationToken,
  lastMail,
  login,
  refreshCookie,
  roleIds,
  startAuth,
} from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startAuth();
});
afterAll(() => h?.db.close());

const expiresOf = (attributes = '') => /Expires=([^;]+)/i.exec(attributes)?.[1];

/** The hint a response set: readable by pages (no HttpOnly, path /), same lifetime as the refresh cookie. */
function expectHintSet(res: Response): void {
  const jar = cookiesOf(res);
  const hint = jar.get(SESSION_HINT_COOKIE);
  const refresh = jar.get(REFRESH_COOKIE);
  expect(hint?.value).toBe('1');
  expect(hint?.attributes).not.toMatch(/HttpOnly/i);
  expect(hint?.attributes).toMatch(/;\s*Path=\/(;|$)/);
  expect(hint?.attributes).toMatch(/;\s*SameSite=Strict/i);
  expect(expiresOf(hint?.attributes)).toBeDefined();
  expect(expiresOf(hint?.attributes)).toBe(expiresOf(refresh?.attributes));
}

function expectHintCleared(res: Response): void {
  const hint = cookiesOf(res).get(SESSION_HINT_COOKIE);
  expect(hint?.value).toBe('');
  expect(hint?.attributes).toMatch(/Max-Age=0/i);
  expect(hint?.attributes).toMatch(/;\s*Path=\/(;|$)/);
}

describe('session hint cookie', () => {
  it('is set beside the refresh cookie on sign-in, and carries no secret', async () => {
    const res = await call(h.app, 'POST', '/login', { body: { email: 'hr@konecta.local', password: DEMO_PASSWORD } });
    expect(res.status).toBe(200);
    expectHintSet(res);
    expect(cookiesOf(res).get(SESSION_HINT_COOKIE)?.value).not.toBe(refreshCookie(res));
  });

  it('is not set when the refresh token goes in the body, nor on a failed sign-in', async () => {
    const body = await call(h.app, 'POST', '/login', {
      body: { email: 'hr@konecta.local', password: DEMO_PASSWORD, refreshTokenIn: 'body' },
    });
    expect(body.status).toBe(200);
    expect(cookiesOf(body).has(SESSION_HINT_COOKIE)).toBe(false);
    const failed = await call(h.app, 'POST', '/login', {
      body: { email: 'hr@konecta.local', password: 'Not-The-Password-1' },
    });
    await expectProblem(failed, 401);
    expect(cookiesOf(failed).has(SESSION_HINT_COOKIE)).toBe(false);
  });

  it('is renewed on each refresh, with the rotated refresh cookie', async () => {
    const s = await login(h.app, 'finance@konecta.local');
    const res = await call(h.app, 'POST', '/refresh', { refresh: s.refresh });
    expect(res.status).toBe(200);
    expectHintSet(res);
  });

  it('is cleared when a refresh fails (spent token), and on sign-out', async () => {
    const s = await login(h.app, 'operations@konecta.local');
    const rotated = await call(h.app, 'POST', '/refresh', { refresh: s.refresh });
    h.clock.advance(11_000); // past the grace a just-rotated token has
    const replay = await call(h.app, 'POST', '/refresh', { refresh: s.refresh });
    await expectProblem(replay, 401);
    expectHintCleared(replay);

    const again = await login(h.app, 'manager@konecta.local');
    const out = await call(h.app, 'POST', '/logout', { refresh: again.refresh });
    expect(out.status).toBe(204);
    expectHintCleared(out);
    expect(refreshCookie(rotated)).toBeDefined();
  });

  it('is cleared on sign-out everywhere', async () => {
    const s = await login(h.app, 'employee@konecta.local');
    const res = await call(h.app, 'POST', '/logout-all', { token: s.accessToken });
    expect(res.status).toBe(204);
    expectHintCleared(res);
  });

  it('is set when a confirmed invitation signs the new user in', async () => {
    const admin = await login(h.app, 'admin@konecta.local');
    const email = 'hint.new@konecta.local';
    const invited = await call(h.app, 'POST', '/invitations', {
      token: admin.accessToken,
      body: { email, fullName: 'Hint New', roleIds: await roleIds(h, 'Employee') },
    });
    expect(invited.status).toBe(201);
    const token = invitationToken(await lastMail(h.app, email, 'invitation'));
    const accepted = await call(h.app, 'POST', `/invitations/${token}/accept`, {
      body: { password: 'Sunny-Orchard-58' },
    });
    expect(accepted.status).toBe(202);
    const code = codeOf(await lastMail(h.app, email, 'verification-code'));
    const res = await call(h.app, 'POST', '/verify', { body: { email, code } });
    expect(res.status).toBe(200);
    expect((await bodyOf<{ user: { email: string } }>(res)).user.email).toBe(email);
    expectHintSet(res);
  });

  it('leaves responses that do not touch the refresh cookie alone', async () => {
    const s = await login(h.app, 'inventory@konecta.local');
    const me = await call(h.app, 'GET', '/me', { token: s.accessToken });
    expect(me.status).toBe(200);
    expect(me.headers.getSetCookie()).toEqual([]);
    const noSession = await call(h.app, 'POST', '/refresh');
    await expectProblem(noSession, 401);
  });
});

describe('reading what a response did to the refresh cookie', () => {
  it('tells set (with its expiry), cleared and untouched apart', () => {
    expect(refreshCookieChange([])).toBeUndefined();
    expect(refreshCookieChange(['other=1; Path=/'])).toBeUndefined();
    expect(
      refreshCookieChange([`${REFRESH_COOKIE}=abc; Path=/api/auth; Expires=Wed, 01 Jan 2100 00:00:00 GMT; HttpOnly`]),
    ).toEqual({ kind: 'set', expires: new Date('2100-01-01T00:00:00Z') });
    expect(refreshCookieChange([`${REFRESH_COOKIE}=abc; Path=/api/auth`])).toEqual({ kind: 'set', expires: undefined });
    expect(refreshCookieChange([`${REFRESH_COOKIE}=; Max-Age=0; Path=/api/auth`])).toEqual({ kind: 'cleared' });
    expect(refreshCookieChange([`${REFRESH_COOKIE}=x; Path=/api/auth; Expires=Thu, 01 Jan 1970 00:00:00 GMT`])).toEqual(
      { kind: 'cleared' },
    );
  });
});
