import { createServiceApp, type ServiceDeps, serviceAppOptions } from '@konecta/core';

/** Activity feed, dashboards per role and reports over the views other services publish. */
export function createApp(deps: ServiceDeps) {
  return createServiceApp({
    ...serviceAppOptions('reporting', deps),
    description: 'Activity feed, dashboards per role and reports over the views other services publish.',
  });
}
