import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseUrlFromSecret,
  loadConfig,
  localSecretsProvider,
  resolveDatabaseUrl,
  SecretNotFoundError,
  type SecretsManagerLike,
  secretsManagerProvider,
} from '../src/index';

/** A Secrets Manager stand-in that counts calls; `answer` decides each reply. */
function fakeSecretsManager(answer: (id: string, call: number) => Promise<{ SecretString?: string }>) {
  const calls: string[] = [];
  const client: SecretsManagerLike = {
    send: (command) => {
      const id = command.input.SecretId ?? '';
      calls.push(id);
      return answer(id, calls.length);
    },
  };
  return { client, calls };
}

describe('secretsManagerProvider', () => {
  it('reads a secret once and serves it from cache until it expires', async () => {
    let clock = 1_000_000;
    const { client, calls } = fakeSecretsManager(async (id, call) => ({ SecretString: `${id}-v${call}` }));
    const secrets = secretsManagerProvider({ client, ttlMs: 60_000, now: () => clock });

    expect(await secrets.get('db')).toBe('db-v1');
    clock += 59_999;
    expect(await secrets.get('db')).toBe('db-v1');
    expect(calls).toEqual(['db']);

    clock += 1;
    expect(await secrets.get('db')).toBe('db-v2');
    expect(calls).toEqual(['db', 'db']);
  });

  it('caches each secret id on its own', async () => {
    const { client, calls } = fakeSecretsManager(async (id) => ({ SecretString: id.toUpperCase() }));
    const secrets = secretsManagerProvider({ client });
    expect(await Promise.all([secrets.get('a'), secrets.get('b'), secrets.get('a')])).toEqual(['A', 'B', 'A']);
    expect(calls.sort()).toEqual(['a', 'b']);
  });

  it('lets concurrent first reads share one call', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { client, calls } = fakeSecretsManager(async () => {
      await gate;
      return { SecretString: 's3cret' };
    });
    const secrets = secretsManagerProvider({ client });
    const reads = Array.from({ length: 5 }, () => secrets.get('jwt-key'));
    release();
    expect(await Promise.all(reads)).toEqual(Array(5).fill('s3cret'));
    expect(calls).toHaveLength(1);
  });

  it('does not cache a failure: the next read asks again', async () => {
    const { client, calls } = fakeSecretsManager(async (_id, call) => {
      if (call === 1) throw new Error('ThrottlingException');
      return { SecretString: 'ok' };
    });
    const secrets = secretsManagerProvider({ client });
    await expect(secrets.get('db')).rejects.toThrow('ThrottlingException');
    expect(await secrets.get('db')).toBe('ok');
    expect(await secrets.get('db')).toBe('ok');
    expect(calls).toHaveLength(2);
  });

  it('treats a secret without a string value as not found', async () => {
    const { client } = fakeSecretsManager(async () => ({}));
    await expect(secretsManagerProvider({ client }).get('binary')).rejects.toBeInstanceOf(SecretNotFoundError);
  });
});

describe('localSecretsProvider', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'konecta-secrets-'));
    await mkdir(join(dataDir, 'secrets'));
    await writeFile(join(dataDir, 'secrets', 'jwt-signing-key'), 'from-file');
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('reads SECRET_<ID> from the environment first', async () => {
    const secrets = localSecretsProvider(dataDir, { SECRET_JWT_SIGNING_KEY: 'from-env', SECRET_DB_PASSWORD: 'pw' });
    expect(await secrets.get('jwt-signing-key')).toBe('from-env');
    expect(await secrets.get('db/password')).toBe('pw');
  });

  it('falls back to <dataDir>/secrets/<id>', async () => {
    expect(await localSecretsProvider(dataDir, {}).get('jwt-signing-key')).toBe('from-file');
  });

  it('names the secret and where it looked when it is missing', async () => {
    const read = localSecretsProvider(dataDir, {}).get('smtp-password');
    await expect(read).rejects.toBeInstanceOf(SecretNotFoundError);
    await expect(read).rejects.toThrow(
      `secret "smtp-password" not found in the environment or ${join(dataDir, 'secrets')}`,
    );
  });

  it('never reads outside the secrets folder', async () => {
    await writeFile(join(dataDir, 'outside'), 'leak');
    await expect(localSecretsProvider(dataDir, {}).get('../outside')).rejects.toBeInstanceOf(SecretNotFoundError);
  });
});

describe('database URL from the RDS secret', () => {
  it('builds a postgres URL, encoding special characters of the credentials', () => {
    const password = 'p@ss:w/rd#?%&';
    const url = databaseUrlFromSecret(
      JSON.stringify({
        host: 'db.cluster.rds.amazonaws.com',
        port: 5433,
        username: 'app user',
        password,
        dbname: 'konecta',
      }),
    );
    const parsed = new URL(url);
    expect(parsed.protocol).toBe('postgres:');
    expect(parsed.hostname).toBe('db.cluster.rds.amazonaws.com');
    expect(parsed.port).toBe('5433');
    expect(decodeURIComponent(parsed.username)).toBe('app user');
    expect(decodeURIComponent(parsed.password)).toBe(password);
    expect(parsed.pathname).toBe('/konecta');
  });

  it('defaults the port and database name', () => {
    expect(databaseUrlFromSecret(JSON.stringify({ host: 'db', username: 'u', password: 'p' }))).toBe(
      'postgres://u:p@db:5432/postgres',
    );
  });

  it('connects through the proxy endpoint with TLS when a host override is given', () => {
    const secret = JSON.stringify({
      host: 'instance.rds.amazonaws.com',
      username: 'u',
      password: 'p',
      dbname: 'konecta',
    });
    expect(databaseUrlFromSecret(secret, { host: 'proxy.proxy-x.rds.amazonaws.com', ssl: 'require' })).toBe(
      'postgres://u:p@proxy.proxy-x.rds.amazonaws.com:5432/konecta?sslmode=require',
    );
  });

  it('names the missing field, and refuses a secret that is not JSON', () => {
    expect(() => databaseUrlFromSecret(JSON.stringify({ host: 'db', username: 'u' }))).toThrow(
      'database secret is missing "password"',
    );
    expect(() => databaseUrlFromSecret(JSON.stringify({ username: 'u', password: 'p' }))).toThrow('missing "host"');
    expect(() => databaseUrlFromSecret('postgres://u:p@db/x')).toThrow('database secret is not JSON');
  });

  it('resolves the URL from the secret only when no URL is configured', async () => {
    const secret = JSON.stringify({ host: 'db', username: 'u', password: 'p', dbname: 'konecta' });
    const asked: string[] = [];
    const secrets = {
      get: async (id: string) => {
        asked.push(id);
        return secret;
      },
    };
    const base = {
      KONECTA_STAGE: 'dev',
      AUTH_JWKS_URL: 'https://auth.example/jwks.json',
      EVENT_BUS_NAME: 'konecta-dev',
    };

    const fromSecret = loadConfig({ ...base, DATABASE_SECRET_ARN: 'arn:db' });
    // Deployed stages use TLS by default; DATABASE_HOST points the connection at the proxy.
    expect(await resolveDatabaseUrl(fromSecret, secrets)).toBe('postgres://u:p@db:5432/konecta?sslmode=require');
    const viaProxy = loadConfig({ ...base, DATABASE_SECRET_ARN: 'arn:db', DATABASE_HOST: 'proxy' });
    expect(await resolveDatabaseUrl(viaProxy, secrets)).toBe('postgres://u:p@proxy:5432/konecta?sslmode=require');
    expect(asked).toEqual(['arn:db', 'arn:db']);

    const withUrl = loadConfig({ ...base, DATABASE_URL: 'postgres://x@y/z', DATABASE_SECRET_ARN: 'arn:db' });
    expect(await resolveDatabaseUrl(withUrl, secrets)).toBe('postgres://x@y/z');
    expect(await resolveDatabaseUrl(loadConfig({}), secrets)).toBeUndefined();
    expect(asked).toEqual(['arn:db', 'arn:db']);
  });
});
