import { type FileStore, fileStoreFor, type ServiceContext, type ServiceDeps, serviceContext } from '@konecta/core';

/**
 * What the finance service's domain functions work with: the kernel's context (base currency and
 * fiscal-year start are in `config`) and the file store (receipts).
 */
export interface FinanceContext extends ServiceContext {
  files: FileStore;
}

export function financeContext(deps: ServiceDeps, files: FileStore = fileStoreFor(deps.config)): FinanceContext {
  return { ...serviceContext(deps), files };
}
