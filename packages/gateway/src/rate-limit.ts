import { type AppEnv, ProblemError } from '@konecta/core';
import type { MiddlewareHandler } from 'hono';

/**
 * A fixed one-minute window per client address. Deployed, API Gateway throttles before the
 * gateway; locally and on the Fargate fallback this keeps one client from starving the rest.
 * One limiter serves both the Hono route and the pass-through, so they count together.
 */
export interface RateLimiter {
  /** Counts a request of this client: undefined when it may go on, else seconds until it may retry. */
  take(client: string | undefined): number | undefined;
  readonly perMinute: number;
}

export function createRateLimiter(perMinute: number, now = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    perMinute,
    take(client) {
      if (perMinute <= 0) return undefined;
      // The resolved client address: behind a trusted proxy, each client rather than the proxy.
      const key = client ?? 'unknown';
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= 60_000) {
        if (windows.size > 10_000) windows.clear();
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count > perMinute ? Math.ceil((w.start + 60_000 - t) / 1000) : undefined;
    },
  };
}

/** The problem a client over its limit gets. */
export function tooManyRequests(perMinute: number, retryAfter: number): ProblemError {
  return new ProblemError(429, `More than ${perMinute} requests a minute; slow down.`, {
    headers: { 'Retry-After': String(retryAfter) },
  });
}

export function rateLimit(limiter: RateLimiter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const retryAfter = limiter.take(c.get('clientAddress'));
    if (retryAfter !== undefined) throw tooManyRequests(limiter.perMinute, retryAfter);
    return next();
  };
}
