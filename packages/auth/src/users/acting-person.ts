import { type Caller, type DomainEvent, inTransaction, recordAudit, systemActor } from '@konecta/core';
import type { AuthContext } from '../context';
import { loadPrincipal, permissionsOfRoles, rolesOfUsers } from './principal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who acted, for an event another service published about a person (`actorId`), with the
 * permissions auth knows them to hold now — not what a token claimed minutes ago:
 * - a user: the permissions of their roles while they are active, none once disabled;
 * - the publishing service's own system actor (`system:hr`: its seed and jobs, never a token):
 *   every permission, since the rule was decided where that work was asked for;
 * - anyone else (a service token, nobody, an id auth does not know): no permission at all.
 * So a change an event asks for on a login goes through only when this actor could have made it.
 */
export async function actingPerson(ctx: AuthContext, event: DomainEvent): Promise<Caller> {
  const id = event.actorId ?? 'nobody';
  const service = systemActor(event.source);
  if (id === service.id) return service;
  const principal = UUID.test(id) ? await loadPrincipal(ctx, id) : undefined;
  const active = principal?.user.status === 'active' ? principal : undefined;
  return {
    kind: 'user',
    id,
    roles: active?.roles.map((r) => r.name) ?? [],
    permissions: new Set(active?.permissions ?? []),
  };
}

/** The permissions a login holds that the actor does not (sorted); empty when the actor may change it. */
export async function permissionsBeyond(ctx: AuthContext, actor: Caller, userId: string): Promise<string[]> {
  const held = (await rolesOfUsers(ctx, [userId])).get(userId) ?? [];
  const permissions = await permissionsOfRoles(
    ctx,
    held.map((r) => r.id),
  );
  return permissions.filter((p) => !actor.permissions.has(p)).sort();
}

/**
 * Records (audit and log) that an event's request on a login was refused because the login holds
 * permissions the acting person does not: an administrator who holds them must act instead.
 */
export async function refuseOnBehalf(
  ctx: AuthContext,
  refusal: { action: string; userId: string; actor: Caller; event: DomainEvent; missing: string[]; what: string },
): Promise<void> {
  const shown = refusal.missing.slice(0, 5).join(', ') + (refusal.missing.length > 5 ? ', …' : '');
  const reason = `${refusal.event.type} by ${refusal.actor.id} asked to ${refusal.what}, but the login holds ${refusal.missing.length} permission(s) they do not (${shown}); an administrator holding them must do it`;
  await inTransaction(ctx.db, (tx) =>
    recordAudit(tx, {
      action: refusal.action,
      entityType: 'user',
      entityId: refusal.userId,
      actor: systemActor('auth'),
      service: 'auth',
      reason,
    }),
  );
  ctx.logger.warn(
    { userId: refusal.userId, actorId: refusal.actor.id, eventId: refusal.event.id, missing: refusal.missing.length },
    `refused to ${refusal.what}: the login holds permissions the acting person does not`,
  );
}
