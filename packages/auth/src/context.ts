import type { Config, Logger } from '@konecta/core';
import type { Database } from '@konecta/db';
import type { PrivateKeyStore } from './keys/key-store';
import type { KeyRing } from './keys/signing-keys';
import type { Mailer } from './mail/mailer';

/** What the auth service's domain functions work with. */
export interface AuthContext {
  db: Database;
  config: Config;
  logger: Logger;
  keys: KeyRing;
  keyStore: PrivateKeyStore;
  mailer: Mailer;
  now: () => Date;
}
