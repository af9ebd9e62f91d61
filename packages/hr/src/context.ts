import {
  dataKeyLoader,
  type FieldCipher,
  fieldCipher,
  type ServiceContext,
  type ServiceDeps,
  serviceContext,
} from '@konecta/core';

/** What the HR service's domain functions work with: the kernel's context plus the field cipher. */
export interface HrContext extends ServiceContext {
  /** Encrypts national ids and payout accounts at rest. */
  cipher: FieldCipher;
}

export function hrContext(deps: ServiceDeps): HrContext {
  return { ...serviceContext(deps), cipher: fieldCipher(dataKeyLoader(deps.config)) };
}
