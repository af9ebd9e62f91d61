import { type AppEnv, ProblemError } from '@konecta/core';
import type { MiddlewareHandler } from 'hono';

/**
 * A fixed one-minute window per client address. Deployed, API Gateway throttles before the
 * gateway; locally and on the Fargate fallback this keeps one client from starving the rest.
 */
export function rateLimit(perMinute: number, now = Date.now): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    if (perMinute <= 0) return next();
    // The resolved client address: behind a trusted proxy, each client rather than the proxy.
    const key = c.get('clientAddress') ?? 'unknown';
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      if (windows.size > 10_000) windows.clear();
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    if (w.count > perMinute) {
      const retryAfter = Math.ceil((w.start + 60_000 - t) / 1000);
      throw new ProblemError(429, `More than ${perMinute} requests a minute; slow down.`, {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
    return next();
  };
}
