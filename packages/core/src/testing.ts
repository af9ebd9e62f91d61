/**
 * Helpers for every package's tests: a database of its own per test file (embedded PGlite by
 * default, a new database on a real PostgreSQL when TEST_DATABASE_URL is set), copied from a state
 * built once per run (see test-snapshots.ts), and real ES256 keys to sign tokens.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK, SignJWT } from 'jose';
import postgres from 'postgres';
import { type AccessTokenClaims, createTokenVerifier, type TokenVerifier } from './auth';
import type { Clock } from './calendar';
import { loadConfig } from './config';
import { createDatabase, type DatabaseHandle } from './database';
import { createLogger } from './logger';
import type { ServiceDeps } from './service';
import {
  copyEmbeddedTestDatabase,
  createPostgresTestDatabase,
  databaseUrl,
  openPgliteTestDatabase,
  type TestSnapshot,
  type TestState,
  testDataKey,
} from './test-snapshots';

export type { TestSnapshot } from './test-snapshots';

export interface TestDatabase extends DatabaseHandle {
  /** The PostgreSQL database name when on a real server. */
  name?: string;
  url?: string;
}

/**
 * A database of this file's own, migrated (or empty with `migrate: false`, or in a snapshot's
 * state). Close it in `afterAll`.
 */
export async function createTestDatabase(
  options: { migrate?: boolean; snapshot?: TestSnapshot } = {},
): Promise<TestDatabase> {
  const state: TestState = options.snapshot ?? (options.migrate === false ? 'empty' : 'migrated');
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openPgliteTestDatabase(state);
  const name = `konecta_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await createPostgresTestDatabase(serverUrl, name, state);
  const url = databaseUrl(serverUrl, name);
  const inner = await createDatabase({ url, poolMax: 20 });
  return {
    ...inner,
    name,
    url,
    close: async () => {
      await inner.close();
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Puts a migrated (or `empty`, or a snapshot's) embedded database in `dataDir`, where code that
 * opens the database itself from `KONECTA_DATA_DIR` finds it: the local runner, a Lambda instance.
 * A snapshot comes with the run's data key, so the fields its seed encrypted read back.
 */
export async function prepareEmbeddedDatabase(dataDir: string, state: TestState = 'migrated'): Promise<void> {
  await copyEmbeddedTestDatabase(dataDir, state);
  if (typeof state === 'string') return;
  await mkdir(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  await writeFile(join(dataDir, 'keys', 'data-key'), testDataKey(), { mode: 0o600 });
}

/**
 * A data folder (`KONECTA_DATA_DIR`) for one test file's services, holding the run's data key so
 * fields encrypted when a snapshot was seeded read back. Remove it in `afterAll`.
 */
export async function createTestDataDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'konecta-test-data-'));
  await mkdir(join(path, 'keys'), { mode: 0o700 });
  await writeFile(join(path, 'keys', 'data-key'), testDataKey(), { mode: 0o600 });
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export const TEST_ISSUER = 'urn:konecta:test:auth';
export const TEST_AUDIENCE = 'urn:konecta:test:api';

export interface TestKeys {
  kid: string;
  jwks: JSONWebKeySet;
  privateKey: CryptoKey;
  verifier: TokenVerifier;
  /** Signs an access token; claims and options override the defaults (user, 15 minutes). */
  sign(
    claims?: Partial<AccessTokenClaims>,
    options?: { expiresIn?: string | number; notBefore?: string | number; kid?: string },
  ): Promise<string>;
  /** A user token holding these permissions. */
  tokenFor(permissions: string[], claims?: Partial<AccessTokenClaims>): Promise<string>;
}

export async function createTestKeys(kid = `test-${randomBytes(3).toString('hex')}`): Promise<TestKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const jwks = { keys: [jwk] };
  const sign: TestKeys['sign'] = async (claims = {}, options = {}) => {
    const { sub, iss, aud, ...rest } = claims;
    const jwt = new SignJWT({ typ: 'user', ...rest })
      .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? kid })
      .setSubject(sub ?? 'user-1')
      .setIssuer(iss ?? TEST_ISSUER)
      .setAudience(aud ?? TEST_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '15m');
    if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
    return jwt.sign(privateKey);
  };
  return {
    kid,
    jwks,
    privateKey,
    verifier: createTokenVerifier({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, jwks }),
    sign,
    tokenFor: (permissions, claims = {}) => sign({ perms: permissions, roles: ['Test'], ...claims }),
  };
}

/** Deps for a service app under test: test configuration, the test database and test keys. */
export function testDeps(
  db: DatabaseHandle,
  keys: TestKeys,
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): ServiceDeps {
  const config = loadConfig({ KONECTA_STAGE: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...env });
  return {
    config,
    db: db.db,
    logger: createLogger({ level: config.logLevel, service: 'test' }),
    verifier: keys.verifier,
    ready: db.ping,
    ...(options.clock ? { clock: options.clock } : {}),
  };
}

/** JSON body of a response, typed loosely for assertions. */
export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
