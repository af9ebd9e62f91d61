import {
  authEvents,
  consumeOnce,
  type EventOf,
  executorFor,
  type hrEvents as hrEventContracts,
  type LinkedLogin,
  notFound,
  publishEvent,
  recordAudit,
  systemActor,
} from '@konecta/core';
import { roles, users } from '@konecta/db';
import { eq, sql } from 'drizzle-orm';
import type { AuthContext } from '../context';
import { rolesOfUsers } from './principal';
import { disableUser, inviteUser } from './users';

/** HR's events carry no user's permissions: the auth service itself acts on them. */
const hrEvents = systemActor('auth');

/**
 * `hr.employee.hired`: an existing user with the work email is linked to the employee; otherwise,
 * when HR asked for a login, the person is invited with the Employee role. Either way HR hears
 * back through `auth.user.linked`.
 */
export async function onEmployeeHired(
  ctx: AuthContext,
  event: EventOf<typeof hrEventContracts.employeeHired>,
): Promise<void> {
  const { data } = event;
  await consumeOnce(ctx.db, 'auth.employee-logins', event, async (tx) => {
    const [existing] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${data.workEmail})`)
      .limit(1);
    let userId = existing?.id;
    if (existing) {
      if (existing.employeeId && existing.employeeId !== data.employeeId) return;
      await tx
        .update(users)
        .set({ employeeId: data.employeeId, updatedAt: ctx.now() })
        .where(eq(users.id, existing.id));
      await recordAudit(tx, {
        action: 'user.linked-to-employee',
        entityType: 'user',
        entityId: existing.id,
        actor: hrEvents,
        service: 'auth',
        after: { employeeId: data.employeeId },
      });
    } else if (data.createLogin) {
      const [employeeRole] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.name, 'Employee'));
      const user = await inviteUser(ctx, hrEvents, {
        email: data.workEmail,
        fullName: data.fullName,
        roleIds: employeeRole ? [employeeRole.id] : [],
        employeeId: data.employeeId,
      });
      userId = user.id;
    }
    if (userId) {
      await publishEvent(tx, authEvents.userLinked, {
        subject: userId,
        data: { userId, employeeId: data.employeeId },
      });
    }
  });
}

/** `hr.employee.terminated`: the login is disabled (the last System Admin rule still applies). */
export async function onEmployeeTerminated(
  ctx: AuthContext,
  event: EventOf<typeof hrEventContracts.employeeTerminated>,
): Promise<void> {
  const { employeeId } = event.data;
  await consumeOnce(ctx.db, 'auth.employee-exits', event, async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.employeeId, employeeId)).limit(1);
    if (!user) return;
    try {
      await disableUser(ctx, hrEvents, user.id, 'employment ended');
    } catch (err) {
      ctx.logger.warn({ err, userId: user.id }, 'could not disable the login of a departed employee');
    }
  });
}

/** The login linked to an employee, as another service sees it (HR's employee page asks). */
export async function linkedLogin(ctx: AuthContext, employeeId: string): Promise<LinkedLogin> {
  const db = executorFor(ctx.db);
  const [user] = await db.select().from(users).where(eq(users.employeeId, employeeId)).limit(1);
  if (!user) throw notFound('No login is linked to this employee.');
  const held = (await rolesOfUsers(ctx, [user.id])).get(user.id) ?? [];
  return {
    userId: user.id,
    email: user.email,
    status: user.status,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    roles: held.map((r) => r.name),
  };
}
