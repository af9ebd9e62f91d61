import {
  type Config,
  dataKeyLoader,
  type FieldCipher,
  fieldCipher,
  type Logger,
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
  now: () => Date;
}

export function hrContext(deps: ServiceDeps): HrContext {
  return {
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    cipher: fieldCipher(dataKeyLoader(deps.config)),
    now: () => new Date(),
  };
}
