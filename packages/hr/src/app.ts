import { createServiceApp, type ServiceDeps, serviceAppOptions } from '@konecta/core';

/** Departments, positions, employees, attendance, leave, performance, training, recruitment and offboarding. */
export function createApp(deps: ServiceDeps) {
  return createServiceApp({
    ...serviceAppOptions('hr', deps),
    description:
      'Departments, positions, employees, attendance, leave, performance, training, recruitment and offboarding.',
  });
}
