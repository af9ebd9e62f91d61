import { inTransaction, notFound, recordAudit, unprocessable } from '@konecta/core';
import { refreshTokens, users } from '@konecta/db';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { AuthContext } from '../context';
import { assertPasswordAcceptable, hashPassword, sha256, verifyPassword } from '../passwords';
import { loadPrincipal, toUserView } from '../users/principal';

export async function getMe(ctx: AuthContext, userId: string) {
  const principal = await loadPrincipal(ctx, userId);
  if (!principal) throw notFound('There is no such user.');
  return { ...toUserView(principal.user, principal.roles, ctx.now()), permissions: principal.permissions };
}

export async function updateMe(
  ctx: AuthContext,
  userId: string,
  input: { fullName?: string; phone?: string | null; username?: string },
) {
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw notFound('There is no such user.');
    if (input.username && input.username.toLowerCase() !== before.username.toLowerCase()) {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(sql`lower(${users.username}) = lower(${input.username})`, ne(users.id, userId)));
      if (taken)
        throw unprocessable('The username is taken.', [{ path: 'username', message: 'This username is taken.' }]);
    }
    const [after] = await tx
      .update(users)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(users.id, userId))
      .returning();
    await recordAudit(tx, { action: 'user.profile-updated', entityType: 'user', entityId: userId, before, after });
  });
  return getMe(ctx, userId);
}

/**
 * Changes the caller's own password after checking the current one. Every other sign-in is ended;
 * the one presenting `currentRefreshToken` (this browser) stays.
 */
export async function changeMyPassword(
  ctx: AuthContext,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  currentRefreshToken?: string,
): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw notFound('There is no such user.');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw unprocessable('The current password is not correct.', [
      { path: 'currentPassword', message: 'This is not your current password.' },
    ]);
  }
  if (input.currentPassword === input.newPassword) {
    throw unprocessable('Choose a new password.', [
      { path: 'newPassword', message: 'The new password must differ from the current one.' },
    ]);
  }
  assertPasswordAcceptable(input.newPassword, { email: user.email, username: user.username });
  const hash = await hashPassword(input.newPassword);
  await inTransaction(ctx.db, async (tx) => {
    // Access tokens from before the change stop working on the auth service; this browser's
    // refresh token stays valid and renews it.
    await tx
      .update(users)
      .set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: ctx.now() })
      .where(eq(users.id, userId));
    let keepFamily: string | undefined;
    if (currentRefreshToken) {
      const [current] = await tx
        .select({ familyId: refreshTokens.familyId })
        .from(refreshTokens)
        .where(and(eq(refreshTokens.tokenHash, sha256(currentRefreshToken)), eq(refreshTokens.userId, userId)));
      keepFamily = current?.familyId;
    }
    await tx
      .update(refreshTokens)
      .set({ revokedAt: ctx.now() })
      .where(
        and(
          eq(refreshTokens.userId, userId),
          isNull(refreshTokens.revokedAt),
          keepFamily ? ne(refreshTokens.familyId, keepFamily) : undefined,
        ),
      );
    await recordAudit(tx, {
      action: 'password.changed',
      entityType: 'user',
      entityId: userId,
      reason: 'other sessions ended',
    });
  });
}
