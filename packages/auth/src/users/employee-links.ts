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
import { actingPerson, permissionsBeyond, refuseOnBehalf } from './acting-person';
import { rolesOfUsers } from './principal';
import { disableUser, inviteUser } from './users';

/** The auth service itself, carrying out what HR's events ask (once the acting person may ask it). */
const hrEvents = systemActor('auth');

/**
 * `hr.employee.hired`: an existing login with the work email is linked to the employee only when
 * the person who hired holds every permission that login holds (typing an address must not hand
 * HR a System Admin's login: its employee record, and with it a termination that disables it);
 * otherwise it stays unlinked and the refusal is audited (linking it by hand is not offered yet).
 * An unknown address gets an invitation with the Employee role when HR asked for a login. Either
 * way HR hears back through `auth.user.linked` when a login belongs to the employee.
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
      const actor = await actingPerson(ctx, event);
      const missing = await permissionsBeyond(ctx, actor, existing.id);
      if (missing.length) {
        const what = `link the login ${existing.id} to employee ${data.employeeId}`;
        await refuseOnBehalf(ctx, {
          action: 'user.link-refused',
          userId: existing.id,
          actor,
          event,
          missing,
          what,
        });
        return;
      }
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

/**
 * `hr.employee.terminated`: the login is disabled when the person who ended the employment holds
 * every permission it holds (and the last System Admin rule still applies). An HR action never
 * changes a login more powerful than the one acting: that refusal is audited and logged, and the
 * login stays as it is for an administrator holding those permissions to disable.
 */
export async function onEmployeeTerminated(
  ctx: AuthContext,
  event: EventOf<typeof hrEventContracts.employeeTerminated>,
): Promise<void> {
  const { employeeId } = event.data;
  await consumeOnce(ctx.db, 'auth.employee-exits', event, async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.employeeId, employeeId)).limit(1);
    if (!user) return;
    const actor = await actingPerson(ctx, event);
    const missing = await permissionsBeyond(ctx, actor, user.id);
    if (missing.length) {
      const what = `disable the login ${user.id} of employee ${employeeId}`;
      await refuseOnBehalf(ctx, { action: 'user.disable-refused', userId: user.id, actor, event, missing, what });
      return;
    }
    try {
      // As the acting person: the check above is repeated under the row lock disabling takes.
      await disableUser(ctx, actor, user.id, 'employment ended');
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
