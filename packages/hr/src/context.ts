import {
  type Config,
  createServiceClient,
  dataKeyLoader,
  type FieldCipher,
  fieldCipher,
  type Logger,
  type ServiceClient,
  type ServiceDeps,
} from '@konecta/core';
import type { Database } from '@konecta/db';

/** What the HR service's domain functions work with. */
export interface HrContext {
  db: Database;
  config: Config;
  logger: Logger;
  /** Encrypts national ids and payout accounts at rest. */
  cipher: FieldCipher;
  /** Calls to other services with HR's service token (the auth service, for logins). */
  services: ServiceClient;
  now: () => Date;
}

export function hrContext(deps: ServiceDeps): HrContext {
  return {
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    cipher: fieldCipher(dataKeyLoader(deps.config)),
    services: createServiceClient({ service: 'hr', config: deps.config, fetch: deps.fetch, logger: deps.logger }),
    now: () => new Date(),
  };
}
