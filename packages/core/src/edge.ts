import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { peerAddress, resolveClientAddress, type TrustedProxies } from './client-address';
import { ProblemError } from './problem';

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Sets `clientAddress`: the peer, or the address trusted proxies forwarded (see `TRUSTED_PROXIES`). */
export function clientAddress(trust: TrustedProxies): MiddlewareHandler<{ Variables: { clientAddress?: string } }> {
  return async (c, next) => {
    c.set('clientAddress', resolveClientAddress(peerAddress(c), c.req.header('x-forwarded-for'), trust));
    return next();
  };
}

/** The request target as the client sent it, before URL parsing resolved `%2e%2e` and `..`. */
function rawPath(c: Context): string {
  const env = c.env as { incoming?: { url?: string }; event?: { rawPath?: string; path?: string } } | undefined;
  const raw = env?.incoming?.url ?? env?.event?.rawPath ?? env?.event?.path ?? c.req.url;
  return (raw.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i, '').split('?')[0] ?? '').split('#')[0] ?? '';
}

// Encoded dots, slashes and backslashes, raw backslashes, and `.`/`..` segments.
const AMBIGUOUS_PATH = /%2e|%2f|%5c|\\|(?:^|\/)\.\.?(?:\/|$)/i;

/**
 * The response headers of Hono's `secureHeaders()` defaults, Cross-Origin-Resource-Policy
 * `same-site` (the web app is another origin of the same site): fixed values, so a list set after
 * each response rather than the middleware's option handling (content security policies, nonces),
 * which an API does not use and every function would bundle. The gateway's pass-through answers
 * with the same list.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Cross-Origin-Resource-Policy', 'same-site'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of SECURITY_HEADERS) c.res.headers.set(name, value);
    c.res.headers.delete('X-Powered-By');
  };
}

/**
 * 400 for a path whose meaning depends on who decodes it: `/api/hr/%2e%2e/auth/users` is an HR
 * path to a prefix rule and an auth path after URL parsing. No client of ours sends one.
 */
export function refuseAmbiguousPaths(): MiddlewareHandler {
  return async (c, next) => {
    if (AMBIGUOUS_PATH.test(rawPath(c))) {
      throw new ProblemError(400, 'The path contains dot segments or encoded dots, slashes or backslashes.', {
        errors: [{ path: 'path', message: 'Send the path without `.`/`..` segments, %2e, %2f or %5c.' }],
      });
    }
    return next();
  };
}

/**
 * `Cache-Control: no-store` on every `/api/*` answer whose route did not choose its own: they carry
 * personal data, which no browser or shared cache should keep.
 */
export function noStoreForApi(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if ((c.req.path === '/api' || c.req.path.startsWith('/api/')) && !c.res.headers.has('cache-control')) {
      c.res.headers.set('Cache-Control', 'no-store');
    }
  };
}

/** A body this many times the limit is still read to its end, so its connection stays usable. */
const DRAIN_FACTOR = 4;
const DRAIN_TIMEOUT_MS = 5000;

/** Reads and drops what is left of a body; false when it did not end in time. */
async function discardBody(body: ReadableStream<Uint8Array> | null): Promise<boolean> {
  if (!body) return true;
  const reader = body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS);
  });
  const drained = (async () => {
    while (!(await reader.read()).done) {}
    return true;
  })().catch(() => false);
  const ended = await Promise.race([drained, timeout]);
  clearTimeout(timer);
  if (!ended) await reader.cancel().catch(() => {});
  return ended;
}

/**
 * 413 for a body over `maxBytes`. The unread rest of the body would otherwise be taken for the next
 * request on the connection: a body of declared length up to a few times the limit is read to its
 * end so the connection can be kept; anything else is answered with `Connection: close`, and the
 * server closes the connection after the answer.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimitOf(maxBytes);
  // File uploads (a receipt up to 5 MB, a spreadsheet to import) get room for the file and its form.
  const upload = bodyLimitOf(Math.max(maxBytes, UPLOAD_BODY_LIMIT_BYTES));
  return (c, next) =>
    BODYLESS.has(c.req.method) ? next() : UPLOAD_PATH.test(c.req.path) ? upload(c, next) : limit(c, next);
}

/** Paths that take a file as multipart/form-data: `…/receipts`, `…/import`, `…/expense-imports`. */
export const UPLOAD_PATH = /\/(receipts|import|[a-z-]+-imports)$/;
/** A 5 MB file with its multipart envelope. */
export const UPLOAD_BODY_LIMIT_BYTES = 6 * 1024 * 1024;

function bodyLimitOf(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: async (c) => {
      const detail = `The request body is larger than ${maxBytes} bytes.`;
      const declared = Number(c.req.header('content-length'));
      const drainable =
        !c.req.header('transfer-encoding') && Number.isFinite(declared) && declared <= maxBytes * DRAIN_FACTOR;
      if (drainable && (await discardBody(c.req.raw.body))) throw new ProblemError(413, detail);
      throw new ProblemError(413, detail, { headers: { Connection: 'close' } });
    },
  });
}
