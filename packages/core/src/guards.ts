import type { Context, MiddlewareHandler } from 'hono';
import { hasPermission, type TokenCaller, TokenError } from './auth';
import type { AppEnv } from './http';
import { ProblemError, unauthorized } from './problem';
import { currentRequest } from './request-context';

// The scheme is case-insensitive (RFC 9110 §11.1).
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i;

/** Verifies the bearer token once per request and remembers the caller. */
async function authenticate(c: Context<AppEnv>): Promise<TokenCaller> {
  const known = c.get('caller');
  if (known) return known;
  const verifier = c.get('verifier');
  if (!verifier) throw new ProblemError(500, 'This service has no token verifier configured.');
  const header = c.req.header('authorization');
  if (!header) throw unauthorized();
  const match = BEARER.exec(header.trim());
  if (!match?.[1]) throw unauthorized('The Authorization header must be "Bearer <token>".');
  let caller: TokenCaller;
  try {
    caller = await verifier.verify(match[1]);
  } catch (err) {
    if (err instanceof TokenError) {
      if (err.reason === 'unavailable') {
        throw new ProblemError(503, err.message, { headers: { 'Retry-After': '5' } });
      }
      throw new ProblemError(401, err.message, {
        // error_description is a quoted string that may not hold `"` or `\` (RFC 6750 §3).
        headers: {
          'WWW-Authenticate': `Bearer error="invalid_token", error_description="${err.message.replace(/["\\]/g, "'")}"`,
        },
      });
    }
    throw err;
  }
  c.set('caller', caller);
  const ctx = currentRequest();
  if (ctx) ctx.caller = caller;
  return caller;
}

/** The route needs a valid access token (user or service) and nothing more. */
export function requireAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await authenticate(c);
    await next();
  };
}

/**
 * The route needs a valid token carrying at least one of these permissions
 * (`hr.employees.read`, ...). Record scope (own, department, all) is the handler's to apply.
 */
export function requirePermission(...anyOf: [string, ...string[]]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = await authenticate(c);
    if (!anyOf.some((p) => hasPermission(caller, p))) {
      throw new ProblemError(403, `This needs the permission ${anyOf.map((p) => `"${p}"`).join(' or ')}.`);
    }
    await next();
  };
}

/**
 * A route for other services only: the token must be a service token (typ `service`) carrying
 * this permission. A user's token is refused whatever it holds, so what such a route answers
 * reaches people only through the calling service's own rules.
 */
export function requireServicePermission(permission: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = await authenticate(c);
    if (caller.kind !== 'service') {
      throw new ProblemError(403, 'Only other services may call this, with a service token.');
    }
    if (!hasPermission(caller, permission)) {
      throw new ProblemError(403, `This needs the permission "${permission}".`);
    }
    await next();
  };
}

/** The authenticated caller; only valid behind requireAuth/requirePermission. */
export function callerOf(c: Context<AppEnv>): TokenCaller {
  const caller = c.get('caller');
  if (!caller) throw unauthorized();
  return caller;
}
