import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DomainServiceName } from './catalogue';
import type { Config } from './config';
import { localSecretsProvider, SecretNotFoundError, type SecretsProvider, secretsManagerProvider } from './secrets';

/**
 * Each domain service is a client of the auth service (client-credentials grant) with its own
 * secret. Locally the secret is a file, `.data/secrets/service-client-<service>`, created on first
 * start with mode 0600 (`.data/` is never committed); deployed it is a Secrets Manager secret the
 * stack generates, `<SERVICE_CLIENT_SECRET_PREFIX><service>`, which only that service and the
 * deploy's migration step (which registers it) may read.
 */
export function serviceClientSecretId(config: Config, service: DomainServiceName): string {
  if (config.local) return `service-client-${service}`;
  if (!config.services.clientSecretPrefix) {
    throw new Error('SERVICE_CLIENT_SECRET_PREFIX is required outside local stages');
  }
  return `${config.services.clientSecretPrefix}${service}`;
}

/** Throw-away runs (`KONECTA_DATA_DIR=memory`): one secret per service for the life of the process. */
const memorySecrets = new Map<DomainServiceName, string>();
let deployedSecrets: SecretsProvider | undefined;

/** A service's client secret; locally generated the first time anyone asks for it. */
export async function serviceClientSecret(config: Config, service: DomainServiceName): Promise<string> {
  const id = serviceClientSecretId(config, service);
  if (!config.local) {
    deployedSecrets ??= secretsManagerProvider();
    return (await deployedSecrets.get(id)).trim();
  }
  if (config.dataDir === 'memory') {
    let secret = memorySecrets.get(service);
    if (!secret) {
      secret = newSecret();
      memorySecrets.set(service, secret);
    }
    return secret;
  }
  const local = localSecretsProvider(config.dataDir);
  try {
    return (await local.get(id)).trim();
  } catch (err) {
    if (!(err instanceof SecretNotFoundError)) throw err;
  }
  const dir = join(config.dataDir, 'secrets');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // `wx`: when two processes start at once, the first file written wins and both read it.
  await writeFile(join(dir, id), newSecret(), { mode: 0o600, flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  return (await local.get(id)).trim();
}

/** 256 random bits: enough that the auth service may store a fast hash of it. */
function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
