import { randomUUID } from 'node:crypto';
import type { AccessTokenClaims, Config } from '@konecta/core';
import { SignJWT } from 'jose';
import type { KeyRing } from './signing-keys';

export interface TokenSubject {
  id: string;
  kind: 'user' | 'service';
  roles: string[];
  permissions: string[];
  employeeId?: string | null;
  email?: string;
  name?: string;
  /** The user's session version: raised by disable, reset and logout-all. */
  sessionVersion?: number;
}

/** Signs an ES256 access token with the current key; every service verifies it against the JWKS. */
export async function issueAccessToken(
  keys: KeyRing,
  config: Pick<Config, 'auth'>,
  subject: TokenSubject,
  ttlSeconds = config.auth.accessTokenTtlSeconds,
): Promise<{ accessToken: string; expiresIn: number }> {
  const { kid, key } = await keys.signer();
  const claims: AccessTokenClaims = {
    typ: subject.kind,
    roles: subject.roles,
    perms: subject.permissions,
    ...(subject.employeeId ? { emp: subject.employeeId } : {}),
    ...(subject.email ? { email: subject.email } : {}),
    ...(subject.name ? { name: subject.name } : {}),
    ...(subject.sessionVersion !== undefined ? { sv: subject.sessionVersion } : {}),
  };
  const accessToken = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setSubject(subject.id)
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
  return { accessToken, expiresIn: ttlSeconds };
}
