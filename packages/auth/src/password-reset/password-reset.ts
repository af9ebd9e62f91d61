import {
  authEvents,
  consumeOnce,
  type EventOf,
  inTransaction,
  publishEvent,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { oneTimeCodes, users } from '@konecta/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AuthContext } from '../context';
import { assertPasswordAcceptable, hashPassword, newOpaqueToken, sha256 } from '../passwords';
import { clearLoginFailures, endAllSessions } from '../sessions/sessions';

export const RESET_MINUTES = 60;

/**
 * Forgot password. The request only records an event — the same single write whether or not the
 * address belongs to anyone — so neither the answer nor its timing tells. The mail is sent by the
 * event's consumer.
 */
export async function requestPasswordReset(ctx: AuthContext, email: string): Promise<void> {
  await inTransaction(ctx.db, (tx) =>
    publishEvent(tx, authEvents.passwordResetRequested, { data: { email: email.trim().toLowerCase() } }),
  );
}

/** The consumer: for an active account, a one-hour single-use reset link by mail; otherwise nothing. */
export async function sendPasswordResetMail(
  ctx: AuthContext,
  event: EventOf<typeof authEvents.passwordResetRequested>,
): Promise<void> {
  const { email } = event.data;
  await consumeOnce(ctx.db, 'auth.password-reset-mailer', event, async (tx) => {
    const [user] = await tx.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
    if (user?.status !== 'active') return;
    await tx
      .update(oneTimeCodes)
      .set({ consumedAt: ctx.now() })
      .where(
        and(
          eq(oneTimeCodes.userId, user.id),
          eq(oneTimeCodes.purpose, 'reset_password'),
          isNull(oneTimeCodes.consumedAt),
        ),
      );
    const { token, hash } = newOpaqueToken();
    await tx.insert(oneTimeCodes).values({
      userId: user.id,
      purpose: 'reset_password',
      codeHash: hash,
      expiresAt: new Date(ctx.now().getTime() + RESET_MINUTES * 60_000),
    });
    await ctx.mailer.send(tx, {
      to: user.email,
      template: 'password-reset',
      subject: 'Reset your Konecta ERP password',
      text: `Hello ${user.fullName},\n\nReset your password within ${RESET_MINUTES} minutes:\n\n${ctx.config.publicUrl}/reset-password?token=${token}\n\nIf you did not ask for this, ignore this message; your password stays as it is.`,
    });
    await recordAudit(tx, {
      action: 'password.reset-requested',
      entityType: 'user',
      entityId: user.id,
      actor: { kind: 'system' },
      service: 'auth',
    });
  });
}

const RESET_REFUSED = 'This reset link is not valid or has expired. Ask for a new one.';

/** Sets a new password from a reset link, ends every session and lifts any lock-out. */
export async function resetPassword(ctx: AuthContext, token: string, password: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const [code] = await tx
      .select({ code: oneTimeCodes, user: users })
      .from(oneTimeCodes)
      .innerJoin(users, eq(users.id, oneTimeCodes.userId))
      .where(and(eq(oneTimeCodes.codeHash, sha256(token)), eq(oneTimeCodes.purpose, 'reset_password')))
      .limit(1)
      .for('update');
    if (!code || code.code.consumedAt || code.code.expiresAt <= ctx.now() || code.user.status !== 'active') {
      throw unprocessable(RESET_REFUSED, [{ path: 'token', message: RESET_REFUSED }]);
    }
    const user = code.user;
    assertPasswordAcceptable(password, { email: user.email, username: user.username });
    await tx.update(oneTimeCodes).set({ consumedAt: ctx.now() }).where(eq(oneTimeCodes.id, code.code.id));
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password), failedLogins: 0, lockedUntil: null, updatedAt: ctx.now() })
      .where(eq(users.id, user.id));
    await endAllSessions(ctx, user.id);
    await clearLoginFailures(ctx, user, 'password-reset');
    await recordAudit(tx, {
      action: 'password.reset',
      entityType: 'user',
      entityId: user.id,
      actor: { kind: 'user', id: user.id },
      service: 'auth',
      reason: 'every session ended',
    });
  });
}
