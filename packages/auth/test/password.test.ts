import { LocalEventBus, OutboxDispatcher } from '@konecta/core';
import { users } from '@konecta/db';
import { hash, verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authService } from '../src/index';
import {
  addActiveUser,
  attemptLogin,
  bodyOf,
  call,
  DEMO_PASSWORD,
  expectProblem,
  type Harness,
  lastMail,
  login,
  mailbox,
  median,
  resetToken,
  startAuth,
  timed,
} from './helpers';

let h: Harness;
let dispatcher: OutboxDispatcher;

beforeAll(async () => {
  h = await startAuth();
  const bus = new LocalEventBus();
  authService.subscribe?.(bus, h.deps);
  dispatcher = new OutboxDispatcher({ db: h.db.db, transport: bus });
});
afterAll(() => h?.db.close());

const forgot = (email: string) => call(h.app, 'POST', '/password/forgot', { body: { email } });
const reset = (token: string, password: string) =>
  call(h.app, 'POST', '/password/reset', { body: { token, password } });

describe('change my password', () => {
  const NEW = 'Blue-Harbour-42';
  const changePassword = (token: string, body: unknown, refresh?: string) =>
    call(h.app, 'POST', '/me/password', { token, body, refresh });

  it('refuses a wrong current password on the currentPassword field, and a weak new one', async () => {
    await addActiveUser(h, 'yara@konecta.local');
    const s = await login(h.app, 'yara@konecta.local');
    const wrong = await expectProblem(
      await changePassword(s.accessToken, { currentPassword: 'Not-my-password-1', newPassword: NEW }),
      422,
    );
    expect(wrong.errors).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
    const weak = await expectProblem(
      await changePassword(s.accessToken, { currentPassword: DEMO_PASSWORD, newPassword: 'short' }),
      422,
    );
    expect((weak.errors as { path: string }[]).map((e) => e.path)).toContain('password');
    const same = await changePassword(s.accessToken, { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD });
    expect((await expectProblem(same, 422)).errors).toEqual([expect.objectContaining({ path: 'newPassword' })]);
    // Nothing changed.
    expect((await attemptLogin(h.app, 'yara@konecta.local', DEMO_PASSWORD)).status).toBe(200);
  });

  it('changes it: the old password stops working, other sessions end, this one stays', async () => {
    await addActiveUser(h, 'ziad@konecta.local');
    const here = await login(h.app, 'ziad@konecta.local');
    const elsewhere = await login(h.app, 'ziad@konecta.local');

    const res = await changePassword(
      here.accessToken,
      { currentPassword: DEMO_PASSWORD, newPassword: NEW },
      here.refresh,
    );
    expect(res.status).toBe(204);

    await expectProblem(await attemptLogin(h.app, 'ziad@konecta.local', DEMO_PASSWORD), 401);
    expect((await attemptLogin(h.app, 'ziad@konecta.local', NEW)).status).toBe(200);
    await expectProblem(await call(h.app, 'POST', '/refresh', { refresh: elsewhere.refresh }), 401);
    expect((await call(h.app, 'POST', '/refresh', { refresh: here.refresh })).status).toBe(200);
  });
});

describe('forgot and reset password', () => {
  const NEW = 'Green-Valley-77';

  it('answers the same for a known and an unknown address; only the known, active one gets mail', async () => {
    const known = await forgot('finance.manager@konecta.local');
    const unknown = await forgot('nobody.here@konecta.local');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await bodyOf(known)).toEqual(await bodyOf(unknown));

    expect(await dispatcher.drain()).toBeGreaterThanOrEqual(2);
    const mail = await lastMail(h.app, 'finance.manager@konecta.local', 'password-reset');
    expect(resetToken(mail)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.text).toContain(`${h.deps.config.publicUrl}/reset-password?token=`);
    expect(await mailbox(h.app, 'nobody.here@konecta.local')).toEqual([]);
  });

  it('sends nothing to a user who has not joined or is disabled', async () => {
    const admin = await login(h.app, 'admin@konecta.local');
    const invited = await call(h.app, 'POST', '/invitations', {
      token: admin.accessToken,
      body: { email: 'pending@konecta.local', fullName: 'Pending Person' },
    });
    expect(invited.status).toBe(201);
    const disabledId = await addActiveUser(h, 'gone@konecta.local');
    const disabled = await call(h.app, 'POST', `/users/${disabledId}/disable`, { token: admin.accessToken });
    expect(disabled.status).toBe(200);

    expect((await forgot('pending@konecta.local')).status).toBe(202);
    expect((await forgot('gone@konecta.local')).status).toBe(202);
    await dispatcher.drain();
    expect((await mailbox(h.app, 'pending@konecta.local')).map((m) => m.template)).toEqual(['invitation']);
    expect(await mailbox(h.app, 'gone@konecta.local')).toEqual([]);
  });

  it('resets with the link: 204, every session ends, the old password stops working, single use', async () => {
    const before = await login(h.app, 'finance.manager@konecta.local');
    await forgot('finance.manager@konecta.local');
    await dispatcher.drain();
    const token = resetToken(await lastMail(h.app, 'finance.manager@konecta.local', 'password-reset'));

    expect((await reset(token, NEW)).status).toBe(204);

    await expectProblem(await call(h.app, 'POST', '/refresh', { refresh: before.refresh }), 401);
    await expectProblem(await call(h.app, 'GET', '/me', { token: before.accessToken }), 401);
    await expectProblem(await attemptLogin(h.app, 'finance.manager@konecta.local', DEMO_PASSWORD), 401);
    expect((await attemptLogin(h.app, 'finance.manager@konecta.local', NEW)).status).toBe(200);

    const again = await expectProblem(await reset(token, 'Another-Strong-Pass-9'), 422);
    expect(again.errors).toEqual([expect.objectContaining({ path: 'token' })]);
  });

  it('only the newest link works', async () => {
    await forgot('finance@konecta.local');
    await dispatcher.drain();
    const older = resetToken(await lastMail(h.app, 'finance@konecta.local', 'password-reset'));
    await forgot('finance@konecta.local');
    await dispatcher.drain();
    const newer = resetToken(await lastMail(h.app, 'finance@konecta.local', 'password-reset'));
    expect(newer).not.toBe(older);
    await expectProblem(await reset(older, NEW), 422);
    expect((await reset(newer, NEW)).status).toBe(204);
  });

  it('refuses a weak password (and the link stays usable) and a made-up token', async () => {
    await forgot('hr@konecta.local');
    await dispatcher.drain();
    const token = resetToken(await lastMail(h.app, 'hr@konecta.local', 'password-reset'));
    const weak = await expectProblem(await reset(token, 'password123'), 422);
    expect((weak.errors as { path: string }[]).every((e) => e.path === 'password')).toBe(true);
    const mentionsName = await expectProblem(await reset(token, 'Hr-Konecta-2026!'), 422);
    expect(JSON.stringify(mentionsName.errors)).toContain('email or username');
    await expectProblem(await reset('A'.repeat(43), NEW), 422);
    expect((await reset(token, NEW)).status).toBe(204);
  });

  it('lifts a lock-out: a reset lets a locked-out user sign in at once', async () => {
    await addActiveUser(h, 'locked.out@konecta.local');
    for (let i = 0; i < 5; i++) await attemptLogin(h.app, 'locked.out@konecta.local', `Wrong-guess-${i}`);
    await expectProblem(await attemptLogin(h.app, 'locked.out@konecta.local', DEMO_PASSWORD), 429);
    await forgot('locked.out@konecta.local');
    await dispatcher.drain();
    const token = resetToken(await lastMail(h.app, 'locked.out@konecta.local', 'password-reset'));
    expect((await reset(token, NEW)).status).toBe(204);
    expect((await attemptLogin(h.app, 'locked.out@konecta.local', NEW)).status).toBe(200);
  });
});

describe('hashes made with older settings', () => {
  it('still verify, and are stored again at the current argon2id settings at the next sign-in', async () => {
    const id = await addActiveUser(h, 'old.hash@konecta.local');
    // As hashed before the switch to m=12288 t=3: 9 MiB, 4 passes.
    const old = await hash(DEMO_PASSWORD, { algorithm: 2, memoryCost: 9_216, timeCost: 4, parallelism: 1 });
    await h.db.db.update(users).set({ passwordHash: old }).where(eq(users.id, id));
    const stored = async () => (await h.db.db.select().from(users).where(eq(users.id, id)))[0]?.passwordHash ?? '';

    // A wrong password changes nothing.
    await expectProblem(await attemptLogin(h.app, 'old.hash@konecta.local', 'Wrong-Password-1'), 401);
    expect(await stored()).toBe(old);

    expect((await attemptLogin(h.app, 'old.hash@konecta.local', DEMO_PASSWORD)).status).toBe(200);
    const upgraded = await stored();
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=12288,t=3,p=1\$/);
    expect(await verify(upgraded, DEMO_PASSWORD)).toBe(true);
    expect((await attemptLogin(h.app, 'old.hash@konecta.local', DEMO_PASSWORD)).status).toBe(200);
    expect(await stored()).toBe(upgraded); // current settings: not hashed again
  });
});

describe('no enumeration through timing', () => {
  // Asked for by the issue: tolerant comparisons, interleaved so drift hits both sides. The lower
  // quartile of each side rather than the median: on a shared machine a burst of load can cover
  // half of one side's requests, and the quickest requests are the ones that show what the server
  // itself does.
  const close = (a: number, b: number) => Math.abs(a - b) < Math.max(5, 0.5 * Math.max(a, b));
  const lowerQuartile = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 4)] ?? 0;

  it('forgot-password takes about as long for a known as for an unknown address', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 25; i++) {
      known.push(await timed(() => forgot('employee@konecta.local')));
      unknown.push(await timed(() => forgot(`ghost-${i}@konecta.local`)));
    }
    const [k, u] = [lowerQuartile(known), lowerQuartile(unknown)];
    expect(close(k, u), `${k} vs ${u} ms (lower quartiles; medians ${median(known)} vs ${median(unknown)})`).toBe(true);
  });
});
