import { invitations, oneTimeCodes, users } from '@konecta/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attemptLogin,
  bodyOf,
  call,
  codeOf,
  expectProblem,
  type Harness,
  invitationToken,
  lastMail,
  login,
  mailbox,
  refreshCookie,
  roleIds,
  type SignedIn,
  startAuth,
  wrongCode,
} from './helpers';

let h: Harness;
let admin: SignedIn;
let employeeRole: string;
const PASSWORD = 'Sunny-Orchard-58';

beforeAll(async () => {
  h = await startAuth();
  admin = await login(h.app, 'admin@konecta.local');
  employeeRole = (await roleIds(h, 'Employee'))[0] as string;
});
afterAll(() => h?.db.close());

/** Invites a person as Employee and returns their id and the link's token from the mailbox. */
async function invite(email: string): Promise<{ id: string; token: string }> {
  const res = await call(h.app, 'POST', '/invitations', {
    token: admin.accessToken,
    body: { email, fullName: 'New Person', roleIds: [employeeRole] },
  });
  expect(res.status).toBe(201);
  const { id } = await bodyOf<{ id: string }>(res);
  return { id, token: invitationToken(await lastMail(h.app, email, 'invitation')) };
}

const accept = (token: string, body: unknown) => call(h.app, 'POST', `/invitations/${token}/accept`, { body });
const verify = (email: string, code: string) => call(h.app, 'POST', '/verify', { body: { email, code } });

/** Invites and accepts; returns the emailed code. */
async function acceptedInvitation(email: string): Promise<{ id: string; code: string }> {
  const { id, token } = await invite(email);
  expect((await accept(token, { password: PASSWORD })).status).toBe(202);
  return { id, code: codeOf(await lastMail(h.app, email, 'verification-code')) };
}

describe('inviting', () => {
  it('needs auth.users.invite: an Employee gets 403, no token 401', async () => {
    const employee = await login(h.app, 'employee@konecta.local');
    const body = { email: 'x@konecta.local', fullName: 'X' };
    await expectProblem(await call(h.app, 'POST', '/invitations', { token: employee.accessToken, body }), 403);
    await expectProblem(await call(h.app, 'POST', '/invitations', { body }), 401);
  });

  it('creates an invited user with the roles and mails a single-use link', async () => {
    const res = await call(h.app, 'POST', '/invitations', {
      token: admin.accessToken,
      body: { email: 'Laila.New@Konecta.Local', fullName: 'Laila New', roleIds: [employeeRole], phone: '+20 1' },
    });
    expect(res.status).toBe(201);
    expect(await bodyOf(res)).toMatchObject({
      email: 'Laila.New@Konecta.Local',
      username: 'laila.new',
      status: 'invited',
      roles: [{ id: employeeRole, name: 'Employee' }],
      lastLoginAt: null,
    });
    const mail = await lastMail(h.app, 'laila.new@konecta.local', 'invitation');
    expect(mail.text).toContain(`${h.deps.config.publicUrl}/invitations/`);
    const token = invitationToken(mail);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const open = await call(h.app, 'GET', `/invitations/${token}`);
    expect(open.status).toBe(200);
    expect(await bodyOf(open)).toMatchObject({ email: 'Laila.New@Konecta.Local', fullName: 'Laila New' });
  });

  it('refuses a second invitation to the same address, whatever its case (409)', async () => {
    const res = await call(h.app, 'POST', '/invitations', {
      token: admin.accessToken,
      body: { email: 'LAILA.NEW@konecta.local', fullName: 'Laila Again' },
    });
    await expectProblem(res, 409);
  });

  it('answers 404 for a link nobody was given', async () => {
    await expectProblem(await call(h.app, 'GET', `/invitations/${'x'.repeat(43)}`), 404);
    await expectProblem(await accept('y'.repeat(43), { password: PASSWORD }), 404);
  });
});

describe('accepting and confirming', () => {
  it('refuses a weak password listing what is wrong, and keeps the link open', async () => {
    const { token } = await invite('weak.pass@konecta.local');
    const res = await expectProblem(await accept(token, { password: 'weakpass' }), 422);
    const errors = res.errors as { path: string; message: string }[];
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.every((e) => e.path === 'password' && e.message.length > 0)).toBe(true);
    expect((await call(h.app, 'GET', `/invitations/${token}`)).status).toBe(200);
  });

  it('accepts (202 and a 6-digit code by mail); the account cannot sign in before confirming', async () => {
    const { token } = await invite('omar.new@konecta.local');
    const res = await accept(token, { password: PASSWORD, fullName: 'Omar New', username: 'omar.n' });
    expect(res.status).toBe(202);
    expect(await bodyOf(res)).toEqual({ email: 'omar.new@konecta.local', codeExpiresInSeconds: 300 });
    const mail = await lastMail(h.app, 'omar.new@konecta.local', 'verification-code');
    expect(codeOf(mail)).toMatch(/^\d{6}$/);

    // With the right password the answer leads to the code page; a wrong one reveals nothing.
    const early = await expectProblem(await attemptLogin(h.app, 'omar.new@konecta.local', PASSWORD), 403);
    expect(early).toMatchObject({ code: 'verification-required', email: 'omar.new@konecta.local' });
    const guess = await expectProblem(await attemptLogin(h.app, 'omar.new@konecta.local', 'Wrong-Password-1'), 401);
    const wrong = await expectProblem(await attemptLogin(h.app, 'admin@konecta.local', 'Wrong-Password-1'), 401);
    expect({ ...guess, requestId: undefined }).toEqual({ ...wrong, requestId: undefined });

    // The link is spent.
    await expectProblem(await accept(token, { password: PASSWORD }), 409);
    await expectProblem(await call(h.app, 'GET', `/invitations/${token}`), 409);
  });

  it('confirms the right code: 200 signed in, the user active, the link spent', async () => {
    const email = 'nadia.new@konecta.local';
    const { token } = await invite(email);
    expect((await accept(token, { password: PASSWORD, username: 'nadia' })).status).toBe(202);
    const code = codeOf(await lastMail(h.app, email, 'verification-code'));

    const res = await verify(email, code);
    expect(res.status).toBe(200);
    const session = await bodyOf<{ accessToken: string; user: { status: string; roles: { name: string }[] } }>(res);
    expect(session.user.status).toBe('active');
    expect(session.user.roles.map((r) => r.name)).toEqual(['Employee']);
    expect(refreshCookie(res)).toBeDefined();
    expect((await call(h.app, 'GET', '/me', { token: session.accessToken })).status).toBe(200);
    expect((await call(h.app, 'POST', '/login', { body: { username: 'nadia', password: PASSWORD } })).status).toBe(200);

    await expectProblem(await accept(token, { password: PASSWORD }), 409);
    // The code was used up: it does not sign in twice.
    await expectProblem(await verify(email, code), 422);
  });

  it('counts wrong codes: 422 with attempts left, then 429 after five, even for the right code', async () => {
    const email = 'guess.er@konecta.local';
    const { code } = await acceptedInvitation(email);
    const wrong = wrongCode(code);
    for (const left of [4, 3, 2, 1]) {
      const res = await expectProblem(await verify(email, wrong), 422);
      expect(res.errors).toEqual([{ path: 'code', message: `The code is not correct; ${left} attempt(s) left.` }]);
    }
    const blocked = await verify(email, wrong);
    await expectProblem(blocked, 429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectProblem(await verify(email, code), 429);
    const [user] = await h.db.db.select().from(users).where(eq(users.email, email));
    expect(user?.status).toBe('invited');
  });

  it('refuses a code after its 5 minutes (422)', async () => {
    const email = 'slow.poke@konecta.local';
    const { id, code } = await acceptedInvitation(email);
    await h.db.db
      .update(oneTimeCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oneTimeCodes.userId, id));
    await expectProblem(await verify(email, code), 422);
  });

  it('answers an unknown address like a wrong code, without saying it is unknown', async () => {
    const res = await expectProblem(await verify('nobody@konecta.local', '123456'), 422);
    expect(res.errors).toEqual([{ path: 'code', message: 'The code is not correct or has expired.' }]);
  });

  it('mails a new code on request, at most one per 30 seconds; the new code works', async () => {
    const email = 'resend.me@konecta.local';
    const { id, code: first } = await acceptedInvitation(email);
    expect((await call(h.app, 'POST', '/verify/resend', { body: { email } })).status).toBe(202);
    expect(codeOf(await lastMail(h.app, email, 'verification-code'))).toBe(first); // too soon: none sent
    await h.db.db
      .update(oneTimeCodes)
      .set({ createdAt: new Date(Date.now() - 31_000) })
      .where(eq(oneTimeCodes.userId, id));
    expect((await call(h.app, 'POST', '/verify/resend', { body: { email } })).status).toBe(202);
    const mails = await mailbox(h.app, email);
    expect(mails).toHaveLength(3); // invitation, first code, second code
    const second = codeOf(await lastMail(h.app, email, 'verification-code'));
    if (second !== first) await expectProblem(await verify(email, first), 422);
    expect((await verify(email, second)).status).toBe(200);
    // Unknown addresses get the same answer.
    expect((await call(h.app, 'POST', '/verify/resend', { body: { email: 'who@konecta.local' } })).status).toBe(202);
  });
});

describe('expiry and resending the invitation', () => {
  it('answers 410 for an expired link', async () => {
    const { id, token } = await invite('late.comer@konecta.local');
    await h.db.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.userId, id));
    await expectProblem(await call(h.app, 'GET', `/invitations/${token}`), 410);
    await expectProblem(await accept(token, { password: PASSWORD }), 410);
  });

  it('resending gives a new working link and the old one stops working', async () => {
    const { id, token: old } = await invite('second.chance@konecta.local');
    const res = await call(h.app, 'POST', `/users/${id}/invitations`, { token: admin.accessToken });
    expect(res.status).toBe(202);
    const fresh = invitationToken(await lastMail(h.app, 'second.chance@konecta.local', 'invitation'));
    expect(fresh).not.toBe(old);
    await expectProblem(await call(h.app, 'GET', `/invitations/${old}`), 404);
    expect((await call(h.app, 'GET', `/invitations/${fresh}`)).status).toBe(200);
    expect((await accept(fresh, { password: PASSWORD })).status).toBe(202);
  });

  it('does not resend to someone who already joined (409), or to nobody (404)', async () => {
    await expectProblem(
      await call(h.app, 'POST', `/users/${admin.userId}/invitations`, { token: admin.accessToken }),
      409,
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expectProblem(await call(h.app, 'POST', `/users/${unknown}/invitations`, { token: admin.accessToken }), 404);
  });
});
