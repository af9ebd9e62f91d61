import {
  type Caller,
  conflict,
  countUpTo,
  executorFor,
  forbidden,
  inTransaction,
  type ListPage,
  notFound,
  type Page,
  pageOf,
  recordAudit,
  type SortKey,
  sortOrder,
} from '@konecta/core';
import { type Executor, roles, userRoles, type userStatus, users } from '@konecta/db';
import { and, asc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AuthContext } from '../context';
import { createInvitation } from '../invitations/invitations';
import { activeSystemAdmins, assertCanGrant, SYSTEM_ADMIN } from '../roles/roles';
import { clearLoginFailures, endAllSessions } from '../sessions/sessions';
import { permissionsOfRoles, rolesOfUsers, toUserView, type UserView } from './principal';

export interface UserFilters extends ListPage {
  search?: string;
  role?: string;
  status?: (typeof userStatus.enumValues)[number];
  sort?: SortKey<'name' | 'email' | 'lastLogin' | 'created'>;
}

// Never-signed-in users sort as the oldest sign-ins: first ascending, last descending.
const sorts = {
  name: users.fullName,
  email: users.email,
  lastLogin: sql`coalesce(${users.lastLoginAt}, '-infinity'::timestamptz)`,
  created: users.createdAt,
};

export async function listUsers(ctx: AuthContext, filters: UserFilters): Promise<Page<UserView>> {
  const db = executorFor(ctx.db);
  const conditions: SQL[] = [];
  if (filters.search) {
    const like = `%${filters.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conditions.push(or(ilike(users.fullName, like), ilike(users.email, like), ilike(users.username, like)) as SQL);
  }
  if (filters.status === 'locked') conditions.push(sql`${users.status} = 'active' and ${users.lockedUntil} > now()`);
  else if (filters.status === 'active') {
    conditions.push(
      sql`${users.status} = 'active' and (${users.lockedUntil} is null or ${users.lockedUntil} <= now())`,
    );
  } else if (filters.status) conditions.push(eq(users.status, filters.status));
  if (filters.role) {
    conditions.push(
      inArray(
        users.id,
        sql`(select ${userRoles.userId} from ${userRoles} join ${roles} on ${roles.id} = ${userRoles.roleId} where ${roles.id}::text = ${filters.role} or lower(${roles.name}) = lower(${filters.role}))`,
      ),
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(...sortOrder(filters.sort, sorts, 'name'), asc(users.id))
    .limit(filters.limit)
    .offset(filters.offset);
  const total = await countUpTo(db, db.select({ id: users.id }).from(users).where(where));
  const roleMap = await rolesOfUsers(
    ctx,
    rows.map((r) => r.id),
  );
  return pageOf(
    rows.map((u) => toUserView(u, roleMap.get(u.id) ?? [], ctx.now())),
    total,
    filters,
  );
}

export async function getUser(ctx: AuthContext, id: string): Promise<UserView> {
  const db = executorFor(ctx.db);
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!user) throw notFound('There is no such user.');
  return toUserView(user, (await rolesOfUsers(ctx, [id])).get(id) ?? [], ctx.now());
}

async function rolesByIds(db: Executor, roleIds: string[]) {
  const unique = [...new Set(roleIds)];
  const found = unique.length ? await db.select().from(roles).where(inArray(roles.id, unique)) : [];
  if (found.length !== unique.length) throw notFound('One of the roles does not exist.');
  return found;
}

/** A username from the email's local part, made unique with a number when taken. */
async function freeUsername(db: Executor, email: string): Promise<string> {
  const base =
    (email.split('@')[0] ?? 'user')
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, '')
      .slice(0, 40) || 'user';
  const taken = await db
    .select({ username: users.username })
    .from(users)
    .where(sql`lower(${users.username}) like ${`${base}%`}`);
  const names = new Set(taken.map((t) => t.username.toLowerCase()));
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}${i}`)) return `${base}${i}`;
}

export interface InviteInput {
  email: string;
  fullName: string;
  roleIds: string[];
  phone?: string;
  employeeId?: string;
}

/** Invites a person: an invited user with roles, and a single-use link mailed to them. */
export async function inviteUser(ctx: AuthContext, caller: Caller, input: InviteInput): Promise<UserView> {
  return inTransaction(ctx.db, async (tx) => {
    const email = input.email.trim();
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`);
    if (existing) throw conflict('A user with this email already exists.', { userId: existing.id });
    if (input.employeeId) {
      const [linked] = await tx.select({ id: users.id }).from(users).where(eq(users.employeeId, input.employeeId));
      if (linked) throw conflict('This employee already has a login.', { userId: linked.id });
    }
    const roleRows = await rolesByIds(tx, input.roleIds);
    assertCanGrant(
      caller,
      await permissionsOfRoles(
        ctx,
        roleRows.map((r) => r.id),
      ),
    );
    const [user] = await tx
      .insert(users)
      .values({
        email,
        username: await freeUsername(tx, email),
        fullName: input.fullName.trim(),
        phone: input.phone ?? null,
        employeeId: input.employeeId ?? null,
        status: 'invited',
      })
      .returning();
    if (!user) throw new Error('user insert returned nothing');
    if (roleRows.length) await tx.insert(userRoles).values(roleRows.map((r) => ({ userId: user.id, roleId: r.id })));
    // invited_by is a user id; the bootstrap and event consumers invite as the system.
    await createInvitation(ctx, tx, user, caller.kind === 'user' ? caller.id : undefined);
    await recordAudit(tx, {
      action: 'user.invited',
      entityType: 'user',
      entityId: user.id,
      after: { email, fullName: user.fullName, roles: roleRows.map((r) => r.name) },
    });
    return toUserView(
      user,
      roleRows.map((r) => ({ id: r.id, name: r.name })),
      ctx.now(),
    );
  });
}

/** Sends a new invitation link (the old one stops working). Only for users still invited. */
export async function resendInvitation(ctx: AuthContext, caller: Caller, id: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!user) throw notFound('There is no such user.');
    if (user.status !== 'invited')
      throw conflict('Only invited users who have not joined yet can be sent an invitation.');
    await createInvitation(ctx, tx, user, caller.id);
    await recordAudit(tx, { action: 'user.invitation-resent', entityType: 'user', entityId: id });
  });
}

export async function updateUser(
  ctx: AuthContext,
  caller: Caller,
  id: string,
  input: { fullName?: string; phone?: string | null; username?: string; email?: string },
): Promise<UserView> {
  return inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!before) throw notFound('There is no such user.');
    // A user manager does not rename, re-address or take the username of someone more powerful.
    await assertNotMorePowerful(ctx, caller, id);
    if (input.email && input.email.toLowerCase() !== before.email.toLowerCase()) {
      if (before.status !== 'invited') {
        throw conflict('The email of a user who has joined cannot change here; it is their sign-in.');
      }
      // Whoever controls an invitee's address gets their roles: only someone who could grant them.
      const roleIds = ((await rolesOfUsers(ctx, [id])).get(id) ?? []).map((r) => r.id);
      assertCanGrant(caller, await permissionsOfRoles(ctx, roleIds));
    }
    const [after] = await tx
      .update(users)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound('There is no such user.');
    await recordAudit(tx, { action: 'user.updated', entityType: 'user', entityId: id, before, after });
    return toUserView(after, (await rolesOfUsers(ctx, [id])).get(id) ?? [], ctx.now());
  });
}

/**
 * Replaces a user's roles. The caller must hold every permission of each role added, and the last
 * active System Admin keeps that role.
 */
export async function setUserRoles(ctx: AuthContext, caller: Caller, id: string, roleIds: string[]): Promise<UserView> {
  return inTransaction(ctx.db, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!user) throw notFound('There is no such user.');
    await assertNotMorePowerful(ctx, caller, id);
    const next = await rolesByIds(tx, roleIds);
    const current = (await rolesOfUsers(ctx, [id])).get(id) ?? [];
    const added = next.filter((r) => !current.some((c) => c.id === r.id));
    assertCanGrant(
      caller,
      await permissionsOfRoles(
        ctx,
        added.map((r) => r.id),
      ),
    );
    const losesAdmin = current.some((r) => r.name === SYSTEM_ADMIN) && !next.some((r) => r.name === SYSTEM_ADMIN);
    if (losesAdmin) await assertNotLastAdmin(ctx, id);
    await tx.delete(userRoles).where(eq(userRoles.userId, id));
    if (next.length) await tx.insert(userRoles).values(next.map((r) => ({ userId: id, roleId: r.id })));
    // Earlier access tokens carry the old permissions: the auth service stops honouring them now
    // (the user's refresh token still works and yields a token with the new roles).
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: ctx.now() })
      .where(eq(users.id, id));
    await recordAudit(tx, {
      action: 'user.roles-changed',
      entityType: 'user',
      entityId: id,
      before: { roles: current.map((r) => r.name).sort() },
      after: { roles: next.map((r) => r.name).sort() },
    });
    return toUserView(
      user,
      next.map((r) => ({ id: r.id, name: r.name })),
      ctx.now(),
    );
  });
}

/** Nobody edits, disables, enables or re-roles an account holding permissions they do not hold. */
async function assertNotMorePowerful(ctx: AuthContext, caller: Caller, userId: string): Promise<void> {
  const targetRoles = (await rolesOfUsers(ctx, [userId])).get(userId) ?? [];
  const held = await permissionsOfRoles(
    ctx,
    targetRoles.map((r) => r.id),
  );
  if (held.some((p) => !caller.permissions.has(p))) {
    throw forbidden('This account holds permissions you do not hold; only someone holding them can change it.');
  }
}

/** Serialises admin changes (advisory lock) so two can never both remove the last admin. */
async function assertNotLastAdmin(ctx: AuthContext, userId: string): Promise<void> {
  const tx = executorFor(ctx.db);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('auth.system-admins'))`);
  const admins = await activeSystemAdmins(ctx);
  if (admins.length === 1 && admins[0] === userId) {
    throw conflict('This is the last active System Admin; make someone else System Admin first.');
  }
}

/** Disables a user: no sign-in, every session ended. Users are never deleted. */
export async function disableUser(ctx: AuthContext, caller: Caller, id: string, reason?: string): Promise<UserView> {
  return inTransaction(ctx.db, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!user) throw notFound('There is no such user.');
    if (id === caller.id) throw conflict('You cannot disable yourself.');
    if (user.status === 'disabled') return getUser(ctx, id);
    await assertNotMorePowerful(ctx, caller, id);
    await assertNotLastAdmin(ctx, id);
    await tx.update(users).set({ status: 'disabled', updatedAt: ctx.now() }).where(eq(users.id, id));
    await endAllSessions(ctx, id);
    await recordAudit(tx, {
      action: 'user.disabled',
      entityType: 'user',
      entityId: id,
      before: { status: user.status },
      after: { status: 'disabled' },
      reason,
    });
    return getUser(ctx, id);
  });
}

/** Re-enables a disabled user (back to invited if they never joined) and lifts any lock-out. */
export async function enableUser(ctx: AuthContext, caller: Caller, id: string): Promise<UserView> {
  return inTransaction(ctx.db, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!user) throw notFound('There is no such user.');
    await assertNotMorePowerful(ctx, caller, id);
    const status =
      user.status === 'disabled' ? (user.passwordHash && user.emailVerifiedAt ? 'active' : 'invited') : user.status;
    await tx
      .update(users)
      .set({ status, lockedUntil: null, failedLogins: 0, updatedAt: ctx.now() })
      .where(eq(users.id, id));
    await clearLoginFailures(ctx, user, 'unlocked-by-admin');
    await recordAudit(tx, {
      action: 'user.enabled',
      entityType: 'user',
      entityId: id,
      before: { status: user.status },
      after: { status },
    });
    return getUser(ctx, id);
  });
}
