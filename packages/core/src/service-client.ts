import { catalogue, type DomainServiceName, localServiceUrl } from './catalogue';
import type { Config } from './config';
import type { Logger } from './logger';
import { ProblemError } from './problem';
import { currentRequest } from './request-context';
import { serviceClientSecret } from './service-credentials';

export interface ServiceClientOptions {
  /** The calling service: its client id at the auth service. */
  service: DomainServiceName;
  config: Config;
  /** The client secret; by default the service's own (see service-credentials.ts). */
  secret?: () => Promise<string>;
  /** How HTTP is done; the local runner answers services of its own process in-process. */
  fetch?: typeof fetch;
  logger?: Logger;
  /** Milliseconds since the epoch; tests move it to expire tokens. */
  now?: () => number;
}

export interface ServiceRequest {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * How one service calls another: with a short-lived service token from the auth service
 * (client-credentials grant), cached and renewed before it expires, one token request at a time
 * however many calls wait for it. The target is found by name through the service catalogue
 * (its local port, or the API's URL when deployed); the request id travels along; a call that
 * gets no answer within `config.services.timeoutMs` fails.
 */
export interface ServiceClient {
  /** A service token valid for a while yet. */
  token(): Promise<string>;
  /**
   * Calls `path` under `target`'s prefix (`request('auth', '/service/users/1')`) and returns the
   * answer when the target gave one it is responsible for (2xx, 404, 409, 422, ...). When it could
   * not be reached, failed, or refused this service's token, throws a problem for the caller's
   * client: 503 (not running), 504 (no answer in time) or 502 (failed or refused).
   */
  request(target: DomainServiceName, path: string, init?: ServiceRequest): Promise<Response>;
}

interface CachedToken {
  value: string;
  /** When to ask for the next one: before the token expires, so no call carries an expired one. */
  renewAt: number;
}

const TOKEN_PATH = `${catalogue.auth.prefix}/service-token`;
const NO_BODY = new Set([101, 204, 205, 304]);

export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const { service, config } = options;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const secret = options.secret ?? (() => serviceClientSecret(config, service));
  const timeoutMs = config.services.timeoutMs;
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  const baseUrl = (target: DomainServiceName) => {
    if (config.services.apiUrl) return config.services.apiUrl;
    if (config.local) return localServiceUrl(target, config.host, config.portOffset);
    throw new ProblemError(503, `This service cannot call ${catalogue[target].title}: API_URL is not configured.`);
  };

  /** One HTTP exchange that never hangs and never throws anything but a problem. */
  const exchange = async (target: DomainServiceName, url: string, init: RequestInit): Promise<Response> => {
    const title = catalogue[target].title;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new ProblemError(504, `${title} did not answer within ${timeoutMs} ms.`));
      }, timeoutMs);
    });
    try {
      // The body is read inside the race, so the time limit covers the whole answer; the race
      // also covers an in-process target that ignores the abort signal.
      const answered = doFetch(url, { ...init, signal: abort.signal }).then(async (res) => {
        const body = NO_BODY.has(res.status) ? null : await res.arrayBuffer();
        return new Response(body, { status: res.status, headers: res.headers });
      });
      return await Promise.race([answered, timedOut]);
    } catch (err) {
      if (err instanceof ProblemError) throw err;
      options.logger?.warn({ err, target }, 'service call failed');
      throw unreachable(title, err);
    } finally {
      clearTimeout(timer);
    }
  };

  const headersFor = (extra: Record<string, string> = {}) => {
    const requestId = currentRequest()?.requestId;
    return { accept: 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}), ...extra };
  };

  const obtainToken = async (): Promise<CachedToken> => {
    const basic = Buffer.from(`${service}:${await secret()}`).toString('base64');
    const res = await exchange('auth', `${baseUrl('auth')}${TOKEN_PATH}`, {
      method: 'POST',
      headers: headersFor({ authorization: `Basic ${basic}` }),
    });
    if (res.status === 401) {
      throw new ProblemError(502, `The auth service refused the client credentials of the ${service} service.`, {
        upstreamStatus: 401,
      });
    }
    if (!res.ok) throw upstreamFailure('auth', res.status);
    const body = (await res.json()) as { accessToken?: unknown; expiresIn?: unknown };
    if (typeof body.accessToken !== 'string' || typeof body.expiresIn !== 'number' || body.expiresIn <= 0) {
      throw new ProblemError(502, 'The auth service answered the service-token request with something else.');
    }
    const lifetimeMs = body.expiresIn * 1000;
    // Renew with a fifth of the lifetime left (a minute at most): clocks differ, calls take time.
    return { value: body.accessToken, renewAt: now() + lifetimeMs - Math.min(60_000, lifetimeMs / 5) };
  };

  /** The cached token while it is fresh; otherwise the one request in flight, shared. */
  const currentToken = async (): Promise<{ value: string; fresh: boolean }> => {
    if (cached && now() < cached.renewAt) return { value: cached.value, fresh: false };
    if (!pending) {
      pending = obtainToken().then(
        (token) => {
          cached = token;
          pending = undefined;
          return token;
        },
        (err) => {
          pending = undefined;
          throw err;
        },
      );
    }
    return { value: (await pending).value, fresh: true };
  };

  const request: ServiceClient['request'] = async (target, path, init = {}) => {
    const url = `${baseUrl(target)}${catalogue[target].prefix}${path}`;
    const send = (token: string) =>
      exchange(target, url, {
        method: init.method ?? 'GET',
        headers: headersFor({
          authorization: `Bearer ${token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        }),
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    const token = await currentToken();
    let res = await send(token.value);
    if (res.status === 401 && !token.fresh) {
      // A cached token the target no longer accepts (keys rotated, client re-keyed): one fresh try.
      if (cached?.value === token.value) cached = undefined;
      res = await send((await currentToken()).value);
    }
    if (res.status === 401 || res.status === 403) {
      throw new ProblemError(502, `${catalogue[target].title} refused the ${service} service's token.`, {
        upstreamStatus: res.status,
      });
    }
    if (res.status >= 500) throw upstreamFailure(target, res.status);
    return res;
  };

  return { token: async () => (await currentToken()).value, request };
}

function upstreamFailure(target: DomainServiceName, status: number): ProblemError {
  const title = catalogue[target].title;
  if (status === 503) return new ProblemError(503, `${title} is unavailable right now.`, { upstreamStatus: status });
  if (status === 504) return new ProblemError(504, `${title} did not answer in time.`, { upstreamStatus: status });
  return new ProblemError(502, `${title} failed to answer (HTTP ${status}).`, { upstreamStatus: status });
}

/** Why a service could not be reached, for the caller's client: 503 when nothing listens, else 502. */
export function unreachable(title: string, err: unknown): ProblemError {
  const code = networkErrorCode(err);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ProblemError(503, `${title} is not running.`, { headers: { 'Retry-After': '5' } });
  }
  // The cause is for the caller's log; a client learns only that the service could not be reached.
  return new ProblemError(502, `${title} could not be reached.`);
}

/** The system error code (`ECONNREFUSED`, ...) of a failed request, wherever fetch nested it. */
export function networkErrorCode(err: unknown): string | undefined {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}
