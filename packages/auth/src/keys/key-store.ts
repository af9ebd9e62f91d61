import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '@konecta/core';
import type { JWK } from 'jose';

/** A signing key's private half, kept out of the database. */
export interface PrivateKeyRecord {
  kid: string;
  privateJwk: JWK;
}

/** Where private signing keys live: a file under `.data/` locally, Secrets Manager deployed. */
export interface PrivateKeyStore {
  load(): Promise<PrivateKeyRecord[]>;
  save(records: PrivateKeyRecord[]): Promise<void>;
}

export function fileKeyStore(dataDir: string): PrivateKeyStore {
  const file = join(dataDir, 'keys', 'auth-signing-keys.json');
  return {
    async load() {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as PrivateKeyRecord[];
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
    },
    async save(records) {
      await mkdir(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
      await writeFile(file, JSON.stringify(records, null, 2), { mode: 0o600 });
    },
  };
}

/** Keys held in memory only: tests and throw-away databases. */
export function memoryKeyStore(): PrivateKeyStore {
  let records: PrivateKeyRecord[] = [];
  return {
    load: async () => records,
    save: async (next) => {
      records = next;
    },
  };
}

/** Deployed: one secret holding every private key, read at cold start and written on rotation. */
export function secretsManagerKeyStore(secretId: string): PrivateKeyStore {
  return {
    async load() {
      const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
      const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretId }));
      const parsed = out.SecretString ? (JSON.parse(out.SecretString) as unknown) : [];
      return Array.isArray(parsed) ? (parsed as PrivateKeyRecord[]) : [];
    },
    async save(records) {
      const { SecretsManagerClient, PutSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
      await new SecretsManagerClient({}).send(
        new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(records) }),
      );
    },
  };
}

/**
 * In-memory keys live as long as their database: the bootstrap, the app and the event consumers
 * each build their own context, and must all see the key the bootstrap generated.
 */
const memoryStores = new WeakMap<object, PrivateKeyStore>();

export function keyStoreFor(config: Config, db: object): PrivateKeyStore {
  if (config.auth.signingKeysSecretArn) return secretsManagerKeyStore(config.auth.signingKeysSecretArn);
  if (!config.local) throw new Error('AUTH_SIGNING_KEYS_SECRET_ARN is required outside local stages');
  if (config.dataDir !== 'memory') return fileKeyStore(config.dataDir);
  let store = memoryStores.get(db);
  if (!store) {
    store = memoryKeyStore();
    memoryStores.set(db, store);
  }
  return store;
}
