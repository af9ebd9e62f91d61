import { createServiceApp, type ServiceDeps, serviceAppOptions } from '@konecta/core';

/** Which services and instances are up, where, on which runtime and how healthy. */
export function createApp(deps: ServiceDeps) {
  return createServiceApp({
    ...serviceAppOptions('discovery', deps),
    description: 'Which services and instances are up, where, on which runtime and how healthy.',
  });
}
