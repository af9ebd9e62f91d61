import type { ServiceContext } from '@konecta/core';
import type { PrivateKeyStore } from './keys/key-store';
import type { KeyRing } from './keys/signing-keys';
import type { Mailer } from './mail/mailer';

/** What the auth service's domain functions work with: the kernel's context plus keys and mail. */
export interface AuthContext extends ServiceContext {
  keys: KeyRing;
  keyStore: PrivateKeyStore;
  mailer: Mailer;
}
