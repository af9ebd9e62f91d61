import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config';
import { secretsManagerProvider } from './secrets';

/**
 * Encryption of sensitive fields at rest (national ids, bank and card numbers): AES-256-GCM with
 * a random IV per value, written as `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
export interface FieldCipher {
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
}

export function fieldCipher(loadKey: () => Promise<Buffer>): FieldCipher {
  let key: Promise<Buffer> | undefined;
  const getKey = () => {
    key ??= loadKey().then((k) => {
      if (k.length !== 32) throw new Error('The data key must be 32 bytes');
      return k;
    });
    return key;
  };
  return {
    async encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await getKey(), iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    async decrypt(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Not an encrypted field value');
      const decipher = createDecipheriv('aes-256-gcm', await getKey(), Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** Shown instead of a sensitive value: its last four characters. */
export function masked(last4: string | null | undefined): string | null {
  return last4 ? `•••• ${last4}` : null;
}

const memoryKeys = new Map<string, Buffer>();

/**
 * The deployed data key's secret: either a base64 32-byte key (set by hand), or the random string
 * Secrets Manager generated at deploy (64 alphanumerics, ~380 bits), reduced to 32 bytes by SHA-256.
 */
export function dataKeyFromSecret(secret: string): Buffer {
  const value = secret.trim();
  const decoded = Buffer.from(value, 'base64');
  if (decoded.length === 32 && /^[A-Za-z0-9+/]{43}=$/.test(value)) return decoded;
  if (value.length < 32) throw new Error('the data key secret is too short: expected at least 32 characters');
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * The data key: generated on first local start into `.data/keys/data-key`, read from Secrets
 * Manager (`DATA_KEY_SECRET_ARN`, base64) when deployed.
 */
export function dataKeyLoader(config: Config): () => Promise<Buffer> {
  return async () => {
    if (config.dataKeySecretArn) return dataKeyFromSecret(await secretsManagerProvider().get(config.dataKeySecretArn));
    if (!config.local) throw new Error('DATA_KEY_SECRET_ARN is required outside local stages');
    if (config.dataDir === 'memory') {
      const key = memoryKeys.get('data') ?? randomBytes(32);
      memoryKeys.set('data', key);
      return key;
    }
    const file = join(config.dataDir, 'keys', 'data-key');
    try {
      return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const key = randomBytes(32);
      await mkdir(join(config.dataDir, 'keys'), { recursive: true, mode: 0o700 });
      await writeFile(file, key.toString('base64'), { mode: 0o600, flag: 'wx' }).catch(async (e) => {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      });
      return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    }
  };
}
