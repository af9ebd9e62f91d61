import { type ServiceContext, type ServiceDeps, serviceContext } from '@konecta/core';

/** What the finance service's domain functions work with: the kernel's context (base currency and fiscal-year start are in `config`). */
export type FinanceContext = ServiceContext;

export function financeContext(deps: ServiceDeps): FinanceContext {
  return serviceContext(deps);
}
