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
  unprocessable,
} from '@konecta/core';
import { type Executor, permissions, rolePermissions, roles, userRoles, users } from '@konecta/db';
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { AuthContext } from '../context';

export const SYSTEM_ADMIN = 'System Admin';

export interface RoleView {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  permissions: string[];
  userCount: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * Nobody hands out what they do not hold: every permission being granted (to a role, or through a
 * role to a user) must be one the caller has.
 */
export function assertCanGrant(caller: Caller, granted: Iterable<string>): void {
  const missing = [...new Set(granted)].filter((p) => !caller.permissions.has(p)).sort();
  if (missing.length) {
    throw forbidden(`You cannot grant permissions you do not hold yourself: ${missing.join(', ')}.`);
  }
}

async function assertKnownPermissions(db: Executor, codes: string[]): Promise<void> {
  if (!codes.length) return;
  const known = await db.select({ code: permissions.code }).from(permissions).where(inArray(permissions.code, codes));
  const knownSet = new Set(known.map((k) => k.code));
  const unknown = codes.filter((c) => !knownSet.has(c));
  if (unknown.length) {
    throw unprocessable(
      'Some permissions do not exist.',
      unknown.map((code) => ({ path: 'permissions', message: `Unknown permission "${code}".` })),
    );
  }
}

/** Every role by name, a page at a time, with its permissions and how many users hold it. */
export async function listRoles(ctx: AuthContext, page: ListPage): Promise<Page<RoleView>> {
  const db = executorFor(ctx.db);
  const rows = await db
    .select()
    .from(roles)
    .orderBy(asc(roles.name), asc(roles.id))
    .limit(page.limit)
    .offset(page.offset);
  return pageOf(await toRoleViews(db, rows), await countUpTo(db, db.select({ id: roles.id }).from(roles)), page);
}

async function toRoleViews(db: Executor, rows: (typeof roles.$inferSelect)[]): Promise<RoleView[]> {
  if (!rows.length) return [];
  const roleIds = rows.map((r) => r.id);
  const grants = await db
    .select({ roleId: rolePermissions.roleId, permission: rolePermissions.permission })
    .from(rolePermissions)
    .where(inArray(rolePermissions.roleId, roleIds))
    .orderBy(asc(rolePermissions.permission));
  const counts = await db
    .select({ roleId: userRoles.roleId, n: count() })
    .from(userRoles)
    .where(inArray(userRoles.roleId, roleIds))
    .groupBy(userRoles.roleId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    builtIn: r.builtIn,
    permissions: grants.filter((g) => g.roleId === r.id).map((g) => g.permission),
    userCount: counts.find((c) => c.roleId === r.id)?.n ?? 0,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function getRole(ctx: AuthContext, id: string): Promise<RoleView> {
  const db = executorFor(ctx.db);
  const [role] = await toRoleViews(db, await db.select().from(roles).where(eq(roles.id, id)));
  if (!role) throw notFound('There is no such role.');
  return role;
}

export async function createRole(
  ctx: AuthContext,
  caller: Caller,
  input: { name: string; description?: string; permissions: string[] },
): Promise<RoleView> {
  const codes = [...new Set(input.permissions)];
  return inTransaction(ctx.db, async (tx) => {
    await assertKnownPermissions(tx, codes);
    assertCanGrant(caller, codes);
    const [clash] = await tx
      .select({ id: roles.id })
      .from(roles)
      .where(sql`lower(${roles.name}) = lower(${input.name})`);
    if (clash) throw conflict(`A role named "${input.name}" already exists.`);
    const [role] = await tx
      .insert(roles)
      .values({ name: input.name.trim(), description: input.description ?? '' })
      .returning();
    if (!role) throw new Error('role insert returned nothing');
    if (codes.length)
      await tx.insert(rolePermissions).values(codes.map((permission) => ({ roleId: role.id, permission })));
    await recordAudit(tx, {
      action: 'role.created',
      entityType: 'role',
      entityId: role.id,
      after: { name: role.name, permissions: codes },
    });
    return getRole(ctx, role.id);
  });
}

export async function updateRole(
  ctx: AuthContext,
  id: string,
  input: { name?: string; description?: string },
): Promise<RoleView> {
  return inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(roles).where(eq(roles.id, id)).for('update');
    if (!before) throw notFound('There is no such role.');
    if (input.name && before.builtIn && input.name !== before.name) {
      throw conflict('Built-in roles keep their names; create a new role instead.');
    }
    if (input.name) {
      const [clash] = await tx
        .select({ id: roles.id })
        .from(roles)
        .where(and(sql`lower(${roles.name}) = lower(${input.name})`, ne(roles.id, id)));
      if (clash) throw conflict(`A role named "${input.name}" already exists.`);
    }
    const [after] = await tx
      .update(roles)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(roles.id, id))
      .returning();
    await recordAudit(tx, { action: 'role.updated', entityType: 'role', entityId: id, before, after });
    return getRole(ctx, id);
  });
}

/**
 * Replaces a role's permissions. Adding needs the caller to hold what is added; the System Admin
 * role always holds everything and cannot be edited.
 */
export async function setRolePermissions(
  ctx: AuthContext,
  caller: Caller,
  id: string,
  codes: string[],
): Promise<RoleView> {
  const next = [...new Set(codes)];
  return inTransaction(ctx.db, async (tx) => {
    const [role] = await tx.select().from(roles).where(eq(roles.id, id)).for('update');
    if (!role) throw notFound('There is no such role.');
    if (role.name === SYSTEM_ADMIN) throw conflict('The System Admin role always holds every permission.');
    await assertKnownPermissions(tx, next);
    const current = (
      await tx.select({ p: rolePermissions.permission }).from(rolePermissions).where(eq(rolePermissions.roleId, id))
    ).map((r) => r.p);
    const added = next.filter((p) => !current.includes(p));
    assertCanGrant(caller, added);
    await tx.delete(rolePermissions).where(eq(rolePermissions.roleId, id));
    if (next.length) await tx.insert(rolePermissions).values(next.map((permission) => ({ roleId: id, permission })));
    await tx.update(roles).set({ updatedAt: ctx.now() }).where(eq(roles.id, id));
    await recordAudit(tx, {
      action: 'role.permissions-changed',
      entityType: 'role',
      entityId: id,
      before: { permissions: current.sort() },
      after: { permissions: [...next].sort() },
    });
    return getRole(ctx, id);
  });
}

/** Deletes a custom role nobody holds; built-in and assigned roles stay. */
export async function deleteRole(ctx: AuthContext, id: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const [role] = await tx.select().from(roles).where(eq(roles.id, id)).for('update');
    if (!role) throw notFound('There is no such role.');
    if (role.builtIn) throw conflict('Built-in roles cannot be deleted.');
    const [held] = await tx.select({ n: count() }).from(userRoles).where(eq(userRoles.roleId, id));
    if (held && held.n > 0) throw conflict(`The role is assigned to ${held.n} user(s); remove it from them first.`);
    await tx.delete(roles).where(eq(roles.id, id));
    await recordAudit(tx, { action: 'role.deleted', entityType: 'role', entityId: id, before: { name: role.name } });
  });
}

/** Active users holding the System Admin role. */
export async function activeSystemAdmins(ctx: AuthContext): Promise<string[]> {
  const db = executorFor(ctx.db);
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(roles.name, SYSTEM_ADMIN), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}
