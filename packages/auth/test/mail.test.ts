/**
 * Mail rides the mail outbox: written with the change, sent after the commit, retried with
 * back-off until it goes, and sent once. A port that fails the first N times stands in for SES.
 */
import { authEvents, fieldCipher, inTransaction, LocalEventBus, OutboxDispatcher, retryDelayMs } from '@konecta/core';
import { mailOutbox } from '@konecta/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import type { AuthContext } from '../src/context';
import { SENT_TEXT_DROPPED } from '../src/mail/delivery';
import { createMailer, type Mail, type MailPort } from '../src/mail/mailer';
import { sendPasswordResetMail } from '../src/password-reset/password-reset';
import { call, type Harness, login, resetToken, startAuth } from './helpers';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startAuth();
  admin = (await login(h.app, 'admin@konecta.local')).accessToken;
});
afterAll(() => h?.db.close());
beforeEach(async () => {
  await h.db.db.delete(mailOutbox);
});

/** A mail server that refuses the first `failures` messages, then accepts (slowly, when asked). */
function flakyPort(failures: number, options: { keepsText?: boolean; delayMs?: number } = {}) {
  const sent: Mail[] = [];
  let calls = 0;
  const port: MailPort & { sent: Mail[]; calls: () => number } = {
    keepsText: options.keepsText ?? true,
    sent,
    calls: () => calls,
    async deliver(mail) {
      calls++;
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (calls <= failures) throw new Error(`throttled (${calls})`);
      sent.push(mail);
      return { providerId: `msg-${sent.length}` };
    },
  };
  return port;
}

const mailer = (port: MailPort, extra: Partial<Parameters<typeof createMailer>[0]> = {}) =>
  createMailer({ db: h.db.db, logger: h.deps.logger, port, retryDelayMs: () => 0, ...extra });
const rowsTo = (to: string) => h.db.db.select().from(mailOutbox).where(eq(mailOutbox.to, to));
const invite = (app: ReturnType<typeof createApp>, email: string) =>
  call(app, 'POST', '/invitations', { token: admin, body: { email, fullName: 'Retry Person' } });

describe('a mail whose sending fails', () => {
  it('is kept with the error, retried until it goes, and sent exactly once', async () => {
    const port = flakyPort(3);
    const ctx: AuthContext = { ...h.ctx, mailer: mailer(port) };
    const app = createApp(h.deps, ctx);

    expect((await invite(app, 'retry.one@konecta.local')).status).toBe(201);
    let [row] = await rowsTo('retry.one@konecta.local');
    expect(row).toMatchObject({ sentAt: null, attempts: 1, error: 'throttled (1)', template: 'invitation' });

    expect(await ctx.mailer.sendPending()).toBe(0);
    expect(await ctx.mailer.sendPending()).toBe(0);
    expect(await ctx.mailer.sendPending()).toBe(1);
    [row] = await rowsTo('retry.one@konecta.local');
    expect(row).toMatchObject({ attempts: 4, error: null, providerId: 'msg-1' });
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(port.sent.map((m) => m.to)).toEqual(['retry.one@konecta.local']);

    // Nothing is due any more: no second copy, whoever asks.
    expect(await ctx.mailer.sendPending()).toBe(0);
    expect(await mailer(port).sendPending()).toBe(0);
    expect(port.calls()).toBe(4);
    expect(port.sent).toHaveLength(1);
  });

  it('waits before the next attempt, longer after each failure, and stops after the last one', async () => {
    expect([1, 2, 3, 20].map(retryDelayMs)).toEqual([1000, 2000, 4000, 300_000]);
    const port = flakyPort(10);
    const real = mailer(port, { retryDelayMs: undefined, maxAttempts: 2 });
    await inTransaction(h.db.db, (tx) =>
      real.send(tx, { to: 'backoff@konecta.local', subject: 'Hi', text: 'Hello', template: 'test' }),
    );
    expect(port.calls()).toBe(1);
    expect(await real.sendPending()).toBe(0); // backing off: not tried again at once
    expect(port.calls()).toBe(1);
    const [waiting] = await h.db.db
      .select({ due: sql<boolean>`${mailOutbox.availableAt} > now() + interval '500 milliseconds'` })
      .from(mailOutbox);
    expect(waiting?.due).toBe(true);

    await h.db.db.update(mailOutbox).set({ availableAt: sql`now()` });
    await real.sendPending();
    expect(port.calls()).toBe(2);
    await h.db.db.update(mailOutbox).set({ availableAt: sql`now()` });
    expect(await real.sendPending()).toBe(0); // two attempts were the limit
    expect(port.calls()).toBe(2);
    expect((await rowsTo('backoff@konecta.local'))[0]).toMatchObject({ sentAt: null, error: 'throttled (2)' });
  });

  it('is sent once when two senders (two instances) try it at the same time', async () => {
    const port = flakyPort(1, { delayMs: 50 });
    await inTransaction(h.db.db, (tx) =>
      mailer(port).send(tx, { to: 'race@konecta.local', subject: 'Hi', text: 'Hello', template: 'test' }),
    );
    const sent = await Promise.all([mailer(port).sendPending(), mailer(port).sendPending()]);
    expect(sent.sort()).toEqual([0, 1]);
    expect(port.sent).toHaveLength(1);
    expect(port.calls()).toBe(2);
  });

  it('is not written, nor sent, when the change it belongs to rolls back', async () => {
    const port = flakyPort(0);
    await expect(
      inTransaction(h.db.db, async (tx) => {
        await mailer(port).send(tx, { to: 'never@konecta.local', subject: 'Hi', text: 'Hello', template: 'test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rowsTo('never@konecta.local')).toEqual([]);
    expect(port.calls()).toBe(0);
  });
});

describe('deployed, with a sender that must not keep the text', () => {
  it('keeps the text encrypted while it waits, and drops it once sent', async () => {
    const port = flakyPort(1, { keepsText: false });
    const key = Buffer.alloc(32, 7);
    const sealed = mailer(port, { cipher: fieldCipher(async () => key) });
    const text = 'Reset within 60 minutes: https://erp.example/reset-password?token=abc123';
    await inTransaction(h.db.db, (tx) =>
      sealed.send(tx, { to: 'sealed@konecta.local', subject: 'Reset', text, template: 'password-reset' }),
    );
    let [row] = await rowsTo('sealed@konecta.local');
    expect(row?.sentAt).toBeNull();
    expect(row?.text).toMatch(/^v1\./);
    expect(row?.text).not.toContain('token=abc123');

    expect(await sealed.sendPending()).toBe(1);
    expect(port.sent[0]?.text).toBe(text);
    [row] = await rowsTo('sealed@konecta.local');
    expect(row?.text).toBe(SENT_TEXT_DROPPED);
  });
});

describe('the password reset mail', () => {
  it('is retried after a failed send, and its link then resets the password', async () => {
    const port = flakyPort(2);
    const ctx: AuthContext = { ...h.ctx, mailer: mailer(port) };
    const app = createApp(h.deps, ctx);
    const bus = new LocalEventBus();
    bus.subscribe(authEvents.passwordResetRequested, 'auth.password-reset-mailer', (e) =>
      sendPasswordResetMail(ctx, e),
    );
    const dispatcher = new OutboxDispatcher({ db: h.db.db, transport: bus });

    const forgot = await call(app, 'POST', '/password/forgot', { body: { email: 'finance@konecta.local' } });
    expect(forgot.status).toBe(202);
    await dispatcher.drain();
    expect(port.sent).toEqual([]); // the first send failed; the event is handled, the mail waits
    expect(await ctx.mailer.sendPending()).toBe(0);
    expect(await ctx.mailer.sendPending()).toBe(1);

    expect(port.sent).toHaveLength(1);
    const token = resetToken(port.sent[0] as Mail);
    const reset = await call(app, 'POST', '/password/reset', { body: { token, password: 'Quiet-Meadow-31' } });
    expect(reset.status).toBe(204);
    expect(
      (await call(app, 'POST', '/login', { body: { email: 'finance@konecta.local', password: 'Quiet-Meadow-31' } }))
        .status,
    ).toBe(200);
  });
});
