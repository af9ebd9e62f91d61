import { createServiceApp, type ServiceDeps, serviceAppOptions } from '@konecta/core';

/** Typed configuration per service and stage. */
export function createApp(deps: ServiceDeps) {
  return createServiceApp({
    ...serviceAppOptions('config', deps),
    description: 'Typed configuration per service and stage.',
  });
}
