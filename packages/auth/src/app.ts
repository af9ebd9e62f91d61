import { createServiceApp, type ServiceDeps, serviceAppOptions } from '@konecta/core';

/** Users, roles and permissions, invitations, sign-in and the key set every service trusts. */
export function createApp(deps: ServiceDeps) {
  return createServiceApp({
    ...serviceAppOptions('auth', deps),
    description: 'Users, roles and permissions, invitations, sign-in and the key set every service trusts.',
  });
}
