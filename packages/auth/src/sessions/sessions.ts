import { inTransaction, ProblemError, recordAudit, unauthorized } from '@konecta/core';
import { type Executor, loginAttempts, refreshTokens, users } from '@konecta/db';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { AuthContext } from '../context';
import { issueAccessToken } from '../keys/tokens';
import { hashPassword, needsRehash, newOpaqueToken, sha256, verifyPassword } from '../passwords';
import { loadPrincipal, type Principal, toUserView, type UserView } from '../users/principal';
import { lockSeconds, reserveSignInAttempt, settleSignInAttempt } from './attempts';

export { lockSeconds, MAX_FAILURES } from './attempts';

export interface IssuedSession {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
  user: UserView & { permissions: string[] };
}

const VERIFICATION_REQUIRED = 'verification-required';
const SIGN_IN_FAILED = 'The email or username and password do not match an active account.';

/** Starts (or continues, on rotation) a refresh-token family and signs an access token. */
export async function issueSession(
  ctx: AuthContext,
  tx: Executor,
  principal: Principal,
  options: { familyId?: string; userAgent?: string } = {},
): Promise<IssuedSession> {
  const { token, hash } = newOpaqueToken();
  const refreshExpiresAt = new Date(ctx.now().getTime() + ctx.config.auth.refreshTokenTtlDays * 86_400_000);
  await tx.insert(refreshTokens).values({
    familyId: options.familyId ?? crypto.randomUUID(),
    userId: principal.user.id,
    tokenHash: hash,
    expiresAt: refreshExpiresAt,
    userAgent: options.userAgent?.slice(0, 300) ?? null,
  });
  const access = await issueAccessToken(ctx.keys, ctx.config, {
    id: principal.user.id,
    kind: 'user',
    roles: principal.roles.map((r) => r.name),
    permissions: principal.permissions,
    employeeId: principal.user.employeeId,
    email: principal.user.email,
    name: principal.user.fullName,
    sessionVersion: principal.user.sessionVersion,
  });
  return {
    ...access,
    refreshToken: token,
    refreshExpiresAt,
    user: { ...toUserView(principal.user, principal.roles, ctx.now()), permissions: principal.permissions },
  };
}

/** Ends a user's failure streak (admin unlock, password reset): a success marker per identifier. */
export async function clearLoginFailures(
  ctx: AuthContext,
  user: { id: string; email: string; username: string },
  reason: string,
) {
  await inTransaction(ctx.db, async (tx) => {
    for (const identifier of new Set([user.email.toLowerCase(), user.username.toLowerCase()])) {
      await tx.insert(loginAttempts).values({ identifier, userId: user.id, succeeded: true, reason });
    }
  });
}

/**
 * Signs a person in. Unknown identifier, wrong password, and an account that is disabled or not
 * yet active all get the same answer (except, with the right password, an account waiting for its
 * emailed code: 403 `verification-required`) after the same work (a full argon2 verification), so the
 * answer never tells whether an account exists. Repeated failures on an account (by email and
 * username together) or on an unknown identifier lock it with back-off (429 and Retry-After).
 */
export async function login(
  ctx: AuthContext,
  input: { identifier: string; password: string; ip?: string; userAgent?: string },
): Promise<IssuedSession> {
  const identifier = input.identifier.trim().toLowerCase();
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(or(sql`lower(${users.email}) = ${identifier}`, sql`lower(${users.username}) = ${identifier}`))
    .limit(1);
  // The lock-out is the account's: failures by email and by username count together.
  const identifiers = user ? [...new Set([user.email.toLowerCase(), user.username.toLowerCase()])] : [identifier];
  // Counted before the password is checked, so parallel guesses cannot all be verified.
  const reservation = await reserveSignInAttempt(ctx, { identifier, identifiers, userId: user?.id, ip: input.ip });
  if (reservation.kind === 'locked') {
    throw new ProblemError(429, 'Too many failed sign-ins. Try again later.', {
      headers: { 'Retry-After': String(reservation.retryAfterSeconds) },
    });
  }
  const { attemptId, failuresBefore } = reservation;
  const passwordOk = await verifyPassword(user?.passwordHash, input.password);
  const active = user?.status === 'active';

  // Only someone who knows the password learns that the account waits for its emailed code,
  // so they can be sent to the code page instead of being told the password is wrong.
  if (user && passwordOk && user.status === 'invited' && user.passwordHash && !user.emailVerifiedAt) {
    await settleSignInAttempt(ctx, attemptId, { succeeded: false, reason: VERIFICATION_REQUIRED });
    throw new ProblemError(403, 'Confirm your email address with the code we sent before signing in.', {
      code: VERIFICATION_REQUIRED,
      email: user.email,
    });
  }

  if (!user || !passwordOk || !active) {
    const reason = !user ? 'unknown' : !passwordOk ? 'wrong-password' : `status-${user.status}`;
    await inTransaction(ctx.db, async (tx) => {
      await settleSignInAttempt(ctx, attemptId, { succeeded: false, reason });
      if (user) {
        const count = failuresBefore + 1;
        const lock = lockSeconds(count);
        await tx
          .update(users)
          .set({ failedLogins: count, ...(lock ? { lockedUntil: new Date(ctx.now().getTime() + lock * 1000) } : {}) })
          .where(eq(users.id, user.id));
        await recordAudit(tx, {
          action: lock ? 'user.locked' : 'login.failed',
          entityType: 'user',
          entityId: user.id,
          reason: lock ? `${count} failed sign-ins; locked for ${lock} s` : reason,
          actor: { kind: 'system' },
          service: 'auth',
        });
      }
    });
    throw unauthorized(SIGN_IN_FAILED);
  }

  // A hash made with older settings is stored again at today's, now that the password is known.
  const upgraded = user.passwordHash && needsRehash(user.passwordHash) ? await hashPassword(input.password) : undefined;
  return inTransaction(ctx.db, async (tx) => {
    await settleSignInAttempt(ctx, attemptId, { succeeded: true });
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: ctx.now() })
      .where(eq(users.id, user.id));
    if (upgraded) {
      // Only over the hash that was checked: a password changed meanwhile is not overwritten.
      await tx
        .update(users)
        .set({ passwordHash: upgraded })
        .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash as string)));
    }
    await recordAudit(tx, {
      action: 'login.succeeded',
      entityType: 'user',
      entityId: user.id,
      actor: { kind: 'user', id: user.id },
      service: 'auth',
    });
    const principal = await loadPrincipal(ctx, user.id);
    if (!principal) throw unauthorized(SIGN_IN_FAILED);
    return issueSession(ctx, tx, principal, { userAgent: input.userAgent });
  });
}

const SESSION_ENDED = 'The session has ended. Sign in again.';

/**
 * How long a just-rotated refresh token still yields a session: two tabs (or a retried request)
 * refreshing with the same cookie at once both succeed, as with the reuse interval of established
 * identity providers, instead of the slower one ending the sign-in.
 */
export const REFRESH_REUSE_GRACE_MS = 10_000;

/**
 * Rotates a refresh token: the presented one is spent and a new one of the same family issued.
 * The same token presented again within REFRESH_REUSE_GRACE_MS of its rotation gets a fresh pair
 * of the same family; later, it means the token was stolen or replayed: the whole family is revoked.
 */
export async function refreshSession(ctx: AuthContext, token: string, userAgent?: string): Promise<IssuedSession> {
  const hash = sha256(token);
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash)).for('update').limit(1);
    if (!row || row.revokedAt || row.expiresAt <= ctx.now()) return { kind: 'ended' as const };
    if (row.usedAt && ctx.now().getTime() - row.usedAt.getTime() <= REFRESH_REUSE_GRACE_MS) {
      const principal = await loadPrincipal(ctx, row.userId);
      if (principal?.user.status !== 'active') return { kind: 'ended' as const };
      await recordAudit(tx, {
        action: 'session.refreshed-in-grace',
        entityType: 'user',
        entityId: row.userId,
        reason: 'a refresh token rotated moments ago was presented again (another tab or a retry)',
        actor: { kind: 'user', id: row.userId },
        service: 'auth',
      });
      return {
        kind: 'ok' as const,
        session: await issueSession(ctx, tx, principal, { familyId: row.familyId, userAgent }),
      };
    }
    if (row.usedAt) {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: ctx.now() })
        .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
      await recordAudit(tx, {
        action: 'session.reuse-detected',
        entityType: 'user',
        entityId: row.userId,
        reason: 'a spent refresh token was presented again; every session of its sign-in was revoked',
        actor: { kind: 'system' },
        service: 'auth',
      });
      return { kind: 'reused' as const };
    }
    const principal = await loadPrincipal(ctx, row.userId);
    if (principal?.user.status !== 'active') return { kind: 'ended' as const };
    await tx.update(refreshTokens).set({ usedAt: ctx.now() }).where(eq(refreshTokens.id, row.id));
    return {
      kind: 'ok' as const,
      session: await issueSession(ctx, tx, principal, { familyId: row.familyId, userAgent }),
    };
  });
  if (outcome.kind !== 'ok') throw unauthorized(SESSION_ENDED);
  return outcome.session;
}

/** Ends the sign-in this refresh token belongs to. Unknown tokens are ignored (logout is idempotent). */
export async function logout(ctx: AuthContext, token: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256(token)))
      .limit(1);
    if (!row) return;
    await tx
      .update(refreshTokens)
      .set({ revokedAt: ctx.now() })
      .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
    await recordAudit(tx, { action: 'session.ended', entityType: 'user', entityId: row.userId, service: 'auth' });
  });
}

/**
 * Ends every session of a user: refresh tokens revoked and the session version raised, so the
 * auth service also refuses access tokens issued before (other services accept them until they
 * expire, at most ACCESS_TOKEN_TTL_SECONDS).
 */
export async function endAllSessions(ctx: AuthContext, userId: string): Promise<void> {
  const now = ctx.now();
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, userId));
  });
}
