import {
  createServiceClient,
  dataKeyLoader,
  type FieldCipher,
  fieldCipher,
  type ServiceClient,
  type ServiceContext,
  type ServiceDeps,
  serviceContext,
} from '@konecta/core';

/** What the HR service's domain functions work with: the kernel's context plus the field cipher. */
export interface HrContext extends ServiceContext {
  /** Encrypts national ids and payout accounts at rest. */
  cipher: FieldCipher;
  /** Calls to other services with HR's service token (the auth service, for logins). */
  services: ServiceClient;
}

export function hrContext(deps: ServiceDeps): HrContext {
  return {
    ...serviceContext(deps),
    cipher: fieldCipher(dataKeyLoader(deps.config)),
    services: createServiceClient({ service: 'hr', config: deps.config, fetch: deps.fetch, logger: deps.logger }),
  };
}
