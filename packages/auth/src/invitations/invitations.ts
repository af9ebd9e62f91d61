import { conflict, inTransaction, notFound, ProblemError, recordAudit, unprocessable } from '@konecta/core';
import { type Executor, invitations, oneTimeCodes, users } from '@konecta/db';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AuthContext } from '../context';
import {
  assertPasswordAcceptable,
  codeHash,
  hashPassword,
  newCode,
  newOpaqueToken,
  sameHash,
  sha256,
} from '../passwords';
import { type IssuedSession, issueSession } from '../sessions/sessions';
import { loadPrincipal, type UserRow } from '../users/principal';

export const INVITATION_HOURS = 24;
export const CODE_MINUTES = 5;
export const MAX_CODE_ATTEMPTS = 5;

/** Issues a single-use invitation link (any earlier one for the user stops working) and mails it. */
export async function createInvitation(
  ctx: AuthContext,
  tx: Executor,
  user: UserRow,
  invitedBy?: string,
): Promise<void> {
  await tx
    .update(invitations)
    .set({ revokedAt: ctx.now() })
    .where(and(eq(invitations.userId, user.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  const { token, hash } = newOpaqueToken();
  await tx.insert(invitations).values({
    userId: user.id,
    tokenHash: hash,
    invitedBy: invitedBy ?? null,
    expiresAt: new Date(ctx.now().getTime() + INVITATION_HOURS * 3_600_000),
  });
  const link = `${ctx.config.publicUrl}/invitations/${token}`;
  await ctx.mailer.send(tx, {
    to: user.email,
    template: 'invitation',
    subject: 'You are invited to Konecta ERP',
    text: `Hello ${user.fullName},\n\nYou have been invited to Konecta ERP. Set up your account within ${INVITATION_HOURS} hours:\n\n${link}\n\nIf you did not expect this, ignore this message.`,
  });
}

async function openInvitation(db: Executor, token: string, now: Date, lock = false) {
  const query = db
    .select({ invitation: invitations, user: users })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.tokenHash, sha256(token)))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  if (!row || row.invitation.revokedAt) throw notFound('This invitation link is not valid. Ask for a new one.');
  if (row.invitation.acceptedAt) throw conflict('This invitation has already been used. Sign in instead.');
  if (row.invitation.expiresAt <= now)
    throw new ProblemError(410, 'This invitation has expired. Ask for a new one.', { title: 'Gone' });
  return row;
}

export async function getInvitation(ctx: AuthContext, token: string) {
  const { invitation, user } = await openInvitation(ctx.db, token, ctx.now());
  return {
    email: user.email,
    fullName: user.fullName,
    username: user.username,
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

async function sendVerificationCode(ctx: AuthContext, tx: Executor, user: UserRow): Promise<void> {
  await tx
    .update(oneTimeCodes)
    .set({ consumedAt: ctx.now() })
    .where(
      and(eq(oneTimeCodes.userId, user.id), eq(oneTimeCodes.purpose, 'verify_email'), isNull(oneTimeCodes.consumedAt)),
    );
  const { code, hash } = newCode(user.id);
  await tx.insert(oneTimeCodes).values({
    userId: user.id,
    purpose: 'verify_email',
    codeHash: hash,
    expiresAt: new Date(ctx.now().getTime() + CODE_MINUTES * 60_000),
  });
  await ctx.mailer.send(tx, {
    to: user.email,
    template: 'verification-code',
    subject: `Your Konecta ERP code: ${code}`,
    text: `Your confirmation code is ${code}. It works for ${CODE_MINUTES} minutes.`,
  });
}

/**
 * The invitee sets their profile and password; a 6-digit code is mailed to confirm the address.
 * The account becomes active only when the code is confirmed.
 */
export async function acceptInvitation(
  ctx: AuthContext,
  token: string,
  input: { password: string; fullName?: string; username?: string; phone?: string },
): Promise<{ email: string; codeExpiresInSeconds: number }> {
  return inTransaction(ctx.db, async (tx) => {
    const { invitation, user } = await openInvitation(tx, token, ctx.now(), true);
    const username = input.username?.trim() ?? user.username;
    assertPasswordAcceptable(input.password, { email: user.email, username });
    if (username.toLowerCase() !== user.username.toLowerCase()) {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.username}) = lower(${username})`);
      if (taken)
        throw unprocessable('The username is taken.', [{ path: 'username', message: 'This username is taken.' }]);
    }
    const [updated] = await tx
      .update(users)
      .set({
        username,
        fullName: input.fullName?.trim() || user.fullName,
        phone: input.phone ?? user.phone,
        passwordHash: await hashPassword(input.password),
        updatedAt: ctx.now(),
      })
      .where(eq(users.id, user.id))
      .returning();
    await tx.update(invitations).set({ acceptedAt: ctx.now() }).where(eq(invitations.id, invitation.id));
    await sendVerificationCode(ctx, tx, updated ?? user);
    await recordAudit(tx, {
      action: 'user.invitation-accepted',
      entityType: 'user',
      entityId: user.id,
      actor: { kind: 'user', id: user.id },
    });
    return { email: user.email, codeExpiresInSeconds: CODE_MINUTES * 60 };
  });
}

const CODE_REFUSED = 'The code is not correct or has expired.';

/**
 * Confirms the emailed code: the account becomes active and is signed in. Codes live 5 minutes;
 * after 5 wrong tries the code is blocked (429) and a new one must be requested.
 */
export async function verifyEmailCode(
  ctx: AuthContext,
  input: { email: string; code: string },
  userAgent?: string,
): Promise<IssuedSession> {
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${input.email.trim()})`)
      .limit(1);
    if (user?.status !== 'invited') return { kind: 'refused' as const };
    const [code] = await tx
      .select()
      .from(oneTimeCodes)
      .where(
        and(
          eq(oneTimeCodes.userId, user.id),
          eq(oneTimeCodes.purpose, 'verify_email'),
          isNull(oneTimeCodes.consumedAt),
        ),
      )
      .orderBy(desc(oneTimeCodes.createdAt))
      .limit(1)
      .for('update');
    if (!code || code.expiresAt <= ctx.now()) return { kind: 'refused' as const };
    if (code.attempts >= MAX_CODE_ATTEMPTS) return { kind: 'blocked' as const };
    if (!sameHash(code.codeHash, codeHash(user.id, input.code))) {
      await tx
        .update(oneTimeCodes)
        .set({ attempts: code.attempts + 1 })
        .where(eq(oneTimeCodes.id, code.id));
      const left = MAX_CODE_ATTEMPTS - code.attempts - 1;
      await recordAudit(tx, {
        action: 'user.code-failed',
        entityType: 'user',
        entityId: user.id,
        actor: { kind: 'system' },
        reason: `${left} attempt(s) left`,
      });
      return left > 0 ? { kind: 'wrong' as const, left } : { kind: 'blocked' as const };
    }
    await tx.update(oneTimeCodes).set({ consumedAt: ctx.now() }).where(eq(oneTimeCodes.id, code.id));
    await tx
      .update(users)
      .set({ status: 'active', emailVerifiedAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(users.id, user.id));
    await recordAudit(tx, {
      action: 'user.activated',
      entityType: 'user',
      entityId: user.id,
      actor: { kind: 'user', id: user.id },
    });
    const principal = await loadPrincipal(ctx, user.id);
    if (!principal) return { kind: 'refused' as const };
    return { kind: 'ok' as const, session: await issueSession(ctx, tx, principal, { userAgent }) };
  });
  switch (outcome.kind) {
    case 'ok':
      return outcome.session;
    case 'blocked':
      throw new ProblemError(429, 'Too many wrong codes. Request a new code.', { headers: { 'Retry-After': '60' } });
    case 'wrong':
      throw unprocessable(CODE_REFUSED, [
        { path: 'code', message: `The code is not correct; ${outcome.left} attempt(s) left.` },
      ]);
    default:
      throw unprocessable(CODE_REFUSED, [{ path: 'code', message: CODE_REFUSED }]);
  }
}

/** Mails a fresh code to an invitee who has set a password; answers the same whatever the address. */
export async function resendVerificationCode(ctx: AuthContext, email: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const [user] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${email.trim()})`).limit(1);
    if (user?.status !== 'invited' || !user.passwordHash) return;
    const [last] = await tx
      .select({ createdAt: oneTimeCodes.createdAt })
      .from(oneTimeCodes)
      .where(and(eq(oneTimeCodes.userId, user.id), eq(oneTimeCodes.purpose, 'verify_email')))
      .orderBy(desc(oneTimeCodes.createdAt))
      .limit(1);
    if (last && ctx.now().getTime() - last.createdAt.getTime() < 30_000) return; // one code per 30 s
    // At most 5 codes an hour, so fresh codes cannot be used to keep guessing (5 tries each).
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(oneTimeCodes)
      .where(
        and(
          eq(oneTimeCodes.userId, user.id),
          eq(oneTimeCodes.purpose, 'verify_email'),
          sql`${oneTimeCodes.createdAt} > now() - interval '1 hour'`,
        ),
      );
    if ((recent?.n ?? 0) >= 5) return;
    await sendVerificationCode(ctx, tx, user);
  });
}
