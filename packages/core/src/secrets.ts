import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config';

/** Where secrets come from: Secrets Manager when deployed, files and environment locally. */
export interface SecretsProvider {
  /** The secret's string value; throws if it does not exist. */
  get(id: string): Promise<string>;
}

export class SecretNotFoundError extends Error {
  constructor(id: string, where: string) {
    super(`secret "${id}" not found in ${where}`);
    this.name = 'SecretNotFoundError';
  }
}

/** Minimal shape of the AWS SDK client we use, so tests can pass a fake without mocking modules. */
export interface SecretsManagerLike {
  send(command: { input: { SecretId?: string } }): Promise<{ SecretString?: string }>;
}

/**
 * Secrets Manager, cached per id for `ttlMs` so a warm Lambda does not call AWS on every request.
 * Concurrent first reads share one call.
 */
export function secretsManagerProvider(
  options: { client?: SecretsManagerLike; ttlMs?: number; now?: () => number } = {},
): SecretsProvider {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; value: Promise<string> }>();
  let client = options.client;
  return {
    async get(id) {
      const hit = cache.get(id);
      if (hit && now() - hit.at < ttl) return hit.value;
      const value = (async () => {
        const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
        client ??= new SecretsManagerClient({}) as unknown as SecretsManagerLike;
        const out = await client.send(new GetSecretValueCommand({ SecretId: id }));
        if (out.SecretString === undefined) throw new SecretNotFoundError(id, 'Secrets Manager');
        return out.SecretString;
      })();
      cache.set(id, { at: now(), value });
      value.catch(() => cache.delete(id));
      return value;
    },
  };
}

/**
 * Local secrets: `SECRET_<ID>` in the environment (id upper-cased, non-alphanumerics as `_`),
 * else the file `<dataDir>/secrets/<id>`.
 */
export function localSecretsProvider(
  dataDir: string,
  env: Record<string, string | undefined> = process.env,
): SecretsProvider {
  return {
    async get(id) {
      const fromEnv = env[`SECRET_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`];
      if (fromEnv !== undefined) return fromEnv;
      try {
        return await readFile(join(dataDir, 'secrets', id.replace(/[^A-Za-z0-9._-]/g, '_')), 'utf8');
      } catch {
        throw new SecretNotFoundError(id, `the environment or ${join(dataDir, 'secrets')}`);
      }
    },
  };
}

export function secretsProviderFor(config: Config): SecretsProvider {
  return config.local ? localSecretsProvider(config.dataDir) : secretsManagerProvider();
}

/** The RDS-generated credentials secret (JSON with host, port, username, password, dbname) as a URL. */
export function databaseUrlFromSecret(
  secret: string,
  options: { host?: string; ssl?: 'require' | 'disable' } = {},
): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    throw new Error('database secret is not JSON');
  }
  const s = parsed as Record<string, unknown>;
  for (const key of ['host', 'username', 'password'] as const) {
    if (typeof s[key] !== 'string' || !s[key]) throw new Error(`database secret is missing "${key}"`);
  }
  const port = s.port ?? 5432;
  const db = typeof s.dbname === 'string' && s.dbname ? s.dbname : 'postgres';
  const host = options.host ?? s.host;
  const query = options.ssl === 'require' ? '?sslmode=require' : '';
  return `postgres://${encodeURIComponent(String(s.username))}:${encodeURIComponent(String(s.password))}@${host}:${port}/${encodeURIComponent(db)}${query}`;
}

/** Fills `config.database.url` from its secret when only the secret is configured. */
export async function resolveDatabaseUrl(config: Config, secrets: SecretsProvider): Promise<string | undefined> {
  if (config.database.url) return config.database.url;
  if (!config.database.secretArn) return undefined;
  return databaseUrlFromSecret(await secrets.get(config.database.secretArn), {
    host: config.database.host,
    ssl: config.database.ssl,
  });
}
