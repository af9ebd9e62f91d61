import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataKeyFromSecret, fieldCipher } from '../src/crypto';

describe('the deployed data key', () => {
  it('uses a base64 32-byte key as it is', () => {
    const key = randomBytes(32);
    expect(dataKeyFromSecret(key.toString('base64')).equals(key)).toBe(true);
    expect(dataKeyFromSecret(`${key.toString('base64')}\n`).equals(key)).toBe(true);
  });

  it('reduces a generated random string to 32 bytes, the same every time', () => {
    const generated = `${'aZ3'.repeat(21)}q`; // 64 alphanumerics, as Secrets Manager generates
    const key = dataKeyFromSecret(generated);
    expect(key).toHaveLength(32);
    expect(dataKeyFromSecret(generated).equals(key)).toBe(true);
    expect(dataKeyFromSecret(`${generated}x`).equals(key)).toBe(false);
  });

  it('refuses a secret too short to be a key', () => {
    expect(() => dataKeyFromSecret('short')).toThrow('too short');
  });

  it('encrypts and decrypts with a derived key', async () => {
    const key = dataKeyFromSecret('k'.repeat(64));
    const cipher = fieldCipher(async () => key);
    const sealed = await cipher.encrypt('EG12 3456');
    expect(sealed).not.toContain('3456');
    expect(await cipher.decrypt(sealed)).toBe('EG12 3456');
  });
});
