import {
  allPermissions,
  defaultRoles,
  inTransaction,
  permissionCatalogue,
  recordAudit,
  systemActor,
} from '@konecta/core';
import { permissions, rolePermissions, roles, userRoles, users } from '@konecta/db';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { AuthContext } from './context';
import { ensureSigningKey } from './keys/signing-keys';
import { hashPassword } from './passwords';
import { activeSystemAdmins, SYSTEM_ADMIN } from './roles/roles';
import { registerServiceClients } from './service-tokens/service-tokens';
import { inviteUser } from './users/users';

/**
 * Reference data every stage needs, run by `npm start` and the deploy-time migration step:
 * the permission catalogue (added, described, and removed when dropped from the code), the
 * default roles (created once with their grants; admins' later edits are kept) and System Admin
 * holding every permission.
 */
export async function syncPermissionCatalogue(ctx: AuthContext): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('auth.catalogue'))`);
    const rows = allPermissions.map((code) => ({
      code,
      domain: code.split('.')[0] ?? code,
      description: permissionCatalogue[code],
    }));
    await tx
      .insert(permissions)
      .values(rows)
      .onConflictDoUpdate({
        target: permissions.code,
        set: { description: sql`excluded.description`, domain: sql`excluded.domain` },
      });
    await tx.delete(permissions).where(notInArray(permissions.code, allPermissions));
    for (const [name, spec] of Object.entries(defaultRoles)) {
      const [existing] = await tx.select().from(roles).where(eq(roles.name, name));
      if (existing && name !== SYSTEM_ADMIN) continue;
      const role =
        existing ??
        (await tx.insert(roles).values({ name, description: spec.description, builtIn: true }).returning())[0];
      if (!role) continue;
      await tx
        .insert(rolePermissions)
        .values(spec.permissions.map((permission) => ({ roleId: role.id, permission })))
        .onConflictDoNothing();
    }
  });
}

export const DEMO_PASSWORD = 'Konecta#2026';

/** One demo user per default role (local stages only). */
export const demoUsers = [
  { email: 'admin@konecta.local', fullName: 'Amira Admin', role: 'System Admin' },
  { email: 'hr.admin@konecta.local', fullName: 'Hana Haddad', role: 'HR Admin' },
  { email: 'hr@konecta.local', fullName: 'Omar Farouk', role: 'HR Staff' },
  { email: 'finance.manager@konecta.local', fullName: 'Mona Fathy', role: 'Finance Manager' },
  { email: 'finance@konecta.local', fullName: 'Karim Nabil', role: 'Finance Staff' },
  { email: 'inventory@konecta.local', fullName: 'Youssef Salem', role: 'Inventory Manager' },
  { email: 'operations@konecta.local', fullName: 'Laila Mostafa', role: 'Operations Staff' },
  { email: 'manager@konecta.local', fullName: 'Tarek Mansour', role: 'Department Manager' },
  { email: 'employee@konecta.local', fullName: 'Nour Adel', role: 'Employee' },
];

/** Creates the demo users that are missing. Refuses to run in a deployed stage. */
export async function seedDemoUsers(ctx: AuthContext): Promise<number> {
  if (!ctx.config.local) throw new Error('Demo users are for local stages only.');
  const existing = await ctx.db
    .select({ email: users.email })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.email})`,
        demoUsers.map((u) => u.email),
      ),
    );
  const missing = demoUsers.filter((u) => !existing.some((e) => e.email.toLowerCase() === u.email));
  if (!missing.length) return 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const roleRows = await ctx.db.select().from(roles);
  await inTransaction(ctx.db, async (tx) => {
    for (const demo of missing) {
      const [user] = await tx
        .insert(users)
        .values({
          email: demo.email,
          username: demo.email.split('@')[0] as string,
          fullName: demo.fullName,
          status: 'active',
          passwordHash,
          emailVerifiedAt: ctx.now(),
        })
        .returning();
      const role = roleRows.find((r) => r.name === demo.role);
      if (user && role) await tx.insert(userRoles).values({ userId: user.id, roleId: role.id });
      await recordAudit(tx, {
        action: 'user.seeded',
        entityType: 'user',
        entityId: user?.id,
        service: 'auth',
        after: { email: demo.email, role: demo.role },
      });
    }
  });
  return missing.length;
}

/**
 * Everything the auth service needs before it serves: catalogue and roles, a signing key, a
 * client (with its secret) for every domain service to obtain service tokens with and, in
 * a deployed stage with no System Admin yet, an invitation to AUTH_BOOTSTRAP_ADMIN_EMAIL (no
 * default password anywhere).
 */
export async function bootstrapAuth(ctx: AuthContext): Promise<{ adminInvited?: string }> {
  await syncPermissionCatalogue(ctx);
  await ensureSigningKey(ctx);
  await registerServiceClients(ctx);
  const email = ctx.config.auth.bootstrapAdminEmail;
  if (!email) return {};
  if ((await activeSystemAdmins(ctx)).length) return {};
  const [pending] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(roles.name, SYSTEM_ADMIN), eq(users.status, 'invited')));
  if (pending) return {};
  const [adminRole] = await ctx.db.select().from(roles).where(eq(roles.name, SYSTEM_ADMIN));
  if (!adminRole) throw new Error('System Admin role missing after catalogue sync');
  await inviteUser(ctx, systemActor('auth'), { email, fullName: 'System Administrator', roleIds: [adminRole.id] });
  return { adminInvited: email };
}
