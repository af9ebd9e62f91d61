import { executorFor } from '@konecta/core';
import { rolePermissions, roles, userRoles, users } from '@konecta/db';
import { asc, eq, inArray } from 'drizzle-orm';
import type { AuthContext } from '../context';

export type UserRow = typeof users.$inferSelect;

export interface UserView {
  id: string;
  email: string;
  username: string;
  fullName: string;
  phone: string | null;
  status: 'invited' | 'active' | 'disabled' | 'locked';
  roles: { id: string; name: string }[];
  employeeId: string | null;
  lastLoginAt: string | null;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

/** "locked" is not stored: it is an active user whose lock-out has not run out. */
export function displayStatus(user: UserRow, now: Date): UserView['status'] {
  if (user.status === 'active' && user.lockedUntil && user.lockedUntil > now) return 'locked';
  return user.status;
}

export function toUserView(user: UserRow, roleList: { id: string; name: string }[], now: Date): UserView {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    fullName: user.fullName,
    phone: user.phone,
    status: displayStatus(user, now),
    roles: roleList,
    employeeId: user.employeeId,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** Roles of several users at once (one query, not one per user). */
export async function rolesOfUsers(
  ctx: AuthContext,
  userIds: string[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const db = executorFor(ctx.db);
  const out = new Map<string, { id: string; name: string }[]>();
  if (!userIds.length) return out;
  const rows = await db
    .select({ userId: userRoles.userId, id: roles.id, name: roles.name })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(roles.name));
  for (const r of rows) {
    const list = out.get(r.userId) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.userId, list);
  }
  return out;
}

/** The union of the permissions of these roles. */
export async function permissionsOfRoles(ctx: AuthContext, roleIds: string[]): Promise<string[]> {
  const db = executorFor(ctx.db);
  if (!roleIds.length) return [];
  const rows = await db
    .selectDistinct({ permission: rolePermissions.permission })
    .from(rolePermissions)
    .where(inArray(rolePermissions.roleId, roleIds))
    .orderBy(asc(rolePermissions.permission));
  return rows.map((r) => r.permission);
}

export interface Principal {
  user: UserRow;
  roles: { id: string; name: string }[];
  permissions: string[];
}

/** A user with their roles and effective permissions: what a token is made from. */
export async function loadPrincipal(ctx: AuthContext, userId: string): Promise<Principal | undefined> {
  const db = executorFor(ctx.db);
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return undefined;
  const roleList = (await rolesOfUsers(ctx, [user.id])).get(user.id) ?? [];
  return {
    user,
    roles: roleList,
    permissions: await permissionsOfRoles(
      ctx,
      roleList.map((r) => r.id),
    ),
  };
}
