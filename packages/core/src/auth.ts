import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';

/**
 * Who is acting: a signed-in user or another service (both from an access token), or the system
 * itself (`systemActor`: bootstrap, seeds, event consumers, jobs; never from a token).
 */
export type Caller =
  | {
      kind: 'user';
      id: string;
      roles: readonly string[];
      permissions: ReadonlySet<string>;
      employeeId?: string;
      email?: string;
      name?: string;
      /** The user's session version when the token was issued (checked by the auth service). */
      sessionVersion?: number;
    }
  | { kind: 'service'; id: string; roles: readonly string[]; permissions: ReadonlySet<string> }
  | { kind: 'system'; id: `system:${string}`; roles: readonly string[]; permissions: ReadonlySet<string> };

/** A caller proven by an access token: a user or a service, never the system. */
export type TokenCaller = Exclude<Caller, { kind: 'system' }>;

/**
 * The claims the auth service puts in every access token. `typ` tells users from services,
 * `perms` is the union of the roles' permissions, `emp` links the user to an employee.
 */
export interface AccessTokenClaims extends JWTPayload {
  typ: 'user' | 'service';
  roles?: string[];
  perms?: string[];
  emp?: string;
  email?: string;
  name?: string;
  sv?: number;
}

export class TokenError extends Error {
  constructor(
    message: string,
    readonly reason:
      | 'expired'
      | 'not-yet-valid'
      | 'invalid-signature'
      | 'invalid-claims'
      | 'unknown-key'
      | 'malformed'
      | 'unavailable',
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<TokenCaller>;
}

export interface VerifierOptions {
  issuer: string;
  audience: string;
  /** Where the public keys come from: a JWKS URL (cached by key id), or a key set in hand. */
  jwks: URL | JSONWebKeySet | JWTVerifyGetKey;
  /** How a JWKS URL is fetched; lets the local runner call the auth app in-process. */
  fetch?: typeof fetch;
  clockToleranceSeconds?: number;
}

export const ACCESS_TOKEN_ALG = 'ES256';

/**
 * Verifies ES256 access tokens against the auth service's key set: signature by key id, issuer,
 * audience, expiry and not-before. Anything else (alg none, HS256, another key) is refused.
 */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const keys: JWTVerifyGetKey =
    options.jwks instanceof URL
      ? remoteKeys(options.jwks, options.fetch)
      : typeof options.jwks === 'function'
        ? options.jwks
        : createLocalJWKSet(options.jwks);
  return {
    async verify(token) {
      let payload: AccessTokenClaims;
      try {
        ({ payload } = await jwtVerify<AccessTokenClaims>(token, keys, {
          algorithms: [ACCESS_TOKEN_ALG],
          issuer: options.issuer,
          audience: options.audience,
          clockTolerance: options.clockToleranceSeconds ?? 5,
          requiredClaims: ['sub', 'exp', 'iat'],
        }));
      } catch (err) {
        throw toTokenError(err);
      }
      return callerFromClaims(payload);
    },
  };
}

/**
 * The auth service's key set, cached by key id. When it cannot be fetched (auth down, a 5xx, a
 * network error) the token is not at fault: that is "unavailable" (503), never a 401 that would
 * make clients throw a good token away.
 */
function remoteKeys(url: URL, fetchImpl?: typeof fetch): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, {
    cacheMaxAge: 10 * 60_000,
    cooldownDuration: 30_000,
    timeoutDuration: 5_000,
    [customFetch]: fetchImpl ?? getKeySet,
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) throw err;
      throw new TokenError('The signing keys cannot be fetched right now.', 'unavailable');
    }
  };
}

/** A key set larger than this is not one. */
const KEY_SET_MAX_BYTES = 1024 * 1024;

/**
 * The key set fetched with Node's `http`/`https`, loaded at the first fetch, rather than with
 * `fetch`: loading undici (`fetch`) was about a third of an empty Node's start, paid by the first
 * authenticated request of every Lambda cold start (where `Response` is the light one). No
 * redirects are followed (jose asks for none); the timeout is jose's signal; jose reads only a
 * 200's JSON.
 */
async function getKeySet(url: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const target = new URL(String(url));
  const { get } = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  return new Promise((resolve, reject) => {
    const request = get(target, { headers, signal: init.signal ?? undefined }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > KEY_SET_MAX_BYTES) request.destroy(new Error('The key set is too large.'));
        else chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 502;
        resolve(new Response(status === 200 ? Buffer.concat(chunks) : null, { status: status < 200 ? 502 : status }));
      });
    });
    request.on('error', reject);
  });
}

function toTokenError(err: unknown): TokenError {
  if (err instanceof errors.JWTExpired) return new TokenError('The token has expired.', 'expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return new TokenError('The token is not valid yet.', 'not-yet-valid');
    return new TokenError(`The token's "${err.claim}" claim is not accepted.`, 'invalid-claims');
  }
  if (err instanceof errors.JWKSNoMatchingKey)
    return new TokenError('The token was signed by an unknown key.', 'unknown-key');
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return new TokenError('The token signature is invalid.', 'invalid-signature');
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) {
    return new TokenError('The signing keys cannot be fetched right now.', 'unavailable');
  }
  if (err instanceof TokenError) return err;
  return new TokenError('The token is malformed or uses an algorithm that is not accepted.', 'malformed');
}

function stringArray(value: unknown, claim: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new TokenError(`The token's "${claim}" claim is not accepted.`, 'invalid-claims');
  }
  return value as string[];
}

export function callerFromClaims(claims: AccessTokenClaims): TokenCaller {
  const sub = claims.sub;
  if (!sub) throw new TokenError('The token has no subject.', 'invalid-claims');
  const roles = stringArray(claims.roles, 'roles');
  const permissions = new Set(stringArray(claims.perms, 'perms'));
  if (claims.typ === 'service') return { kind: 'service', id: sub, roles, permissions };
  if (claims.typ !== 'user') throw new TokenError('The token\'s "typ" claim is not accepted.', 'invalid-claims');
  return {
    kind: 'user',
    id: sub,
    roles,
    permissions,
    ...(typeof claims.emp === 'string' ? { employeeId: claims.emp } : {}),
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    ...(typeof claims.sv === 'number' ? { sessionVersion: claims.sv } : {}),
  };
}

export function hasPermission(caller: Caller, permission: string): boolean {
  return caller.permissions.has(permission);
}
