/**
 * Helpers for every package's tests: a fresh migrated database (embedded PGlite by default, a new
 * database on a real PostgreSQL when TEST_DATABASE_URL is set) and real ES256 keys to sign tokens.
 */
import { randomBytes } from 'node:crypto';
import { migrate } from '@konecta/db';
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK, SignJWT } from 'jose';
import { type AccessTokenClaims, createTokenVerifier, type TokenVerifier } from './auth';
import type { Clock } from './calendar';
import { loadConfig } from './config';
import { createDatabase, type DatabaseHandle } from './database';
import { createLogger } from './logger';
import type { ServiceDeps } from './service';

export interface TestDatabase extends DatabaseHandle {
  /** The PostgreSQL database name when on a real server. */
  name?: string;
  url?: string;
}

/** A fresh, migrated database for one test file. Close it in `afterAll`. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let handle: TestDatabase;
  if (serverUrl) {
    const { default: postgres } = await import('postgres');
    const name = `konecta_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const inner = await createDatabase({ url: url.toString(), poolMax: 20 });
    handle = {
      ...inner,
      name,
      url: url.toString(),
      close: async () => {
        await inner.close();
        const drop = postgres(serverUrl, { max: 1, onnotice: () => {} });
        await drop.unsafe(`drop database if exists ${name} with (force)`);
        await drop.end();
      },
    };
  } else {
    handle = await createDatabase({ dataDir: 'memory' });
  }
  if (options.migrate !== false) await migrate(handle.db);
  return handle;
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
