import type { Caller } from './auth';
import { allPermissions } from './permissions';

/** The system itself acting, with no person behind the request. */
export type SystemActor = Extract<Caller, { kind: 'system' }>;

const actors = new Map<string, SystemActor>();

/**
 * The one actor for work nobody asked for in a request: a service's bootstrap and seed, its event
 * consumers and its jobs. It holds every permission, because the rules it applies were decided
 * where the work was asked for (the HR hire that invites a login, the catalogue that defines the
 * roles). The audit log records it as kind `system`, id `system:<service>`. Access tokens are
 * `user` or `service` only, so no caller from outside can ever be this actor.
 */
export function systemActor(service: string): SystemActor {
  let actor = actors.get(service);
  if (!actor) {
    actor = Object.freeze({
      kind: 'system' as const,
      id: `system:${service}`,
      roles: Object.freeze([]) as readonly string[],
      permissions: new Set<string>(allPermissions) as ReadonlySet<string>,
    });
    actors.set(service, actor);
  }
  return actor;
}
