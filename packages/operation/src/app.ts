import { createServiceApp, type ServiceDeps, serviceAppOptions } from '@konecta/core';

/** Items, warehouses and the stock ledger, suppliers and purchase orders, projects and time. */
export function createApp(deps: ServiceDeps) {
  return createServiceApp({
    ...serviceAppOptions('operation', deps),
    description: 'Items, warehouses and the stock ledger, suppliers and purchase orders, projects and time.',
  });
}
