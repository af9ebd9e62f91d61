import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  catalogue,
  type DomainServiceName,
  isDomainServiceName,
  type Logger,
  PROBLEM_CONTENT_TYPE,
  type ProblemError,
  problemBody,
  requestIdFrom,
  resolveClientAddress,
  SECURITY_HEADERS,
  type TrustedProxies,
  withTimeout,
} from '@konecta/core';
import { RESPONSE_ALREADY_SENT } from '@konecta/core/node';
import {
  agent,
  cleanResponseHeaders,
  forwardingProblem,
  GatewayTimeout,
  HOP_BY_HOP,
  SET_BY_GATEWAY,
  type ServiceTarget,
  varyWithoutOrigin,
} from './proxy';
import { type RateLimiter, tooManyRequests } from './rate-limit';

/**
 * The gateway's pass-through: the plain API read — GET or HEAD of `/api/{service}/…`, no body, no
 * `Origin` — answered below Hono, straight from Node's request to the service and back. It is most
 * of the traffic, and through Hono (routing, ten middleware, Fetch headers and a re-buffered body)
 * the gateway spent about two thirds of the service's own CPU on each one (bench/results).
 *
 * It does what the Hono route does for such a request: request id, client address, rate limit,
 * forwarded headers, the service's answer cleaned of hop-by-hop and CORS headers, secure headers,
 * `no-store`, the access log line, and a problem for a service that is down (503), fails (502) or
 * is late (504, the timeout covering the whole answer). Everything else — a body (size limit), an
 * `Origin` (CORS), an ambiguous path, an unknown service, other methods, a runtime that is not
 * Node's HTTP server (tests' `app.request`, Lambda) — goes through Hono as before.
 */
export interface PassThroughOptions {
  targetOf: (name: DomainServiceName) => ServiceTarget;
  timeoutMs: number;
  trustedProxies: TrustedProxies;
  limiter: RateLimiter;
  logger: Logger;
}

/** What `@hono/node-server` passes to `fetch` as its environment. */
interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

/** `/api/{service}/` and a path with no `%`, backslash or dot segment: the same path for everyone. */
const PLAIN_API_PATH = /^\/api\/([a-z]+)\/(?:[^%\\?#]*)(?:\?[^#]*)?$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|\?|$)/;
const ROUTE = '/api/:service/*';

/** Which requests the pass-through answers (see above); undefined sends it through Hono. */
function passable(incoming: IncomingMessage): DomainServiceName | undefined {
  const { method, url = '', headers } = incoming;
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (headers.origin !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
  if (headers['content-length'] !== undefined && headers['content-length'] !== '0') return undefined;
  const match = PLAIN_API_PATH.exec(url);
  const name = match?.[1];
  if (!name || DOT_SEGMENT.test(url.split('?', 1)[0] ?? '') || !isDomainServiceName(name)) return undefined;
  return name;
}

/** The security headers every app sets (the Hono route's too), lower-cased as Node hands them on. */
const gatewayHeaders: [string, string][] = SECURITY_HEADERS.map(([name, value]) => [name.toLowerCase(), value]);
/** Headers the gateway sets on every answer: the service's own values give way. */
const gatewayHeaderNames = new Set(['x-request-id', 'x-powered-by', ...gatewayHeaders.map(([name]) => name)]);

/** Hop-by-hop headers of an answer, but its length: the body is passed on as it comes. */
const RESPONSE_HOP_BY_HOP = new Set([...HOP_BY_HOP].filter((h) => h !== 'content-length'));

/**
 * Headers for the service: the client's, without hop-by-hop ones and those only the gateway may
 * set, plus the gateway's own. Repeated headers are joined as Fetch joins them.
 */
function headersForService(incoming: IncomingMessage, extra: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = incoming.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const key = (raw[i] as string).toLowerCase();
    if (HOP_BY_HOP.has(key) || SET_BY_GATEWAY.has(key)) continue;
    const value = (raw[i + 1] as string).trim();
    const before = out[key];
    out[key] = before === undefined ? value : `${before}${key === 'cookie' ? '; ' : ', '}${value}`;
  }
  return Object.assign(out, extra);
}

interface Exchange {
  service: DomainServiceName;
  requestId: string;
  method: string;
  path: string;
  started: number;
}

/**
 * The pass-through, or undefined for a request Hono should answer. Set as the gateway app's
 * `fetch` in front of Hono's.
 */
export function passThrough(options: PassThroughOptions) {
  return (request: Request, env: unknown): Promise<Response> | undefined => {
    const { incoming, outgoing } = (env ?? {}) as NodeBindings;
    if (!incoming || !outgoing || !gatewayHeaders.length) return undefined;
    const service = passable(incoming);
    if (!service) return undefined;
    const target = options.targetOf(service);
    const address = target.kind === 'http' ? addressOf(target.baseUrl) : undefined;
    if (target.kind === 'http' && !address) return undefined;
    const started = performance.now();
    const url = incoming.url as string;
    const exchange: Exchange = {
      service,
      requestId: requestIdFrom(incoming.headers['x-request-id'] as string | undefined),
      method: incoming.method as string,
      path: url.split('?', 1)[0] as string,
      started,
    };
    const forwardedFor = incoming.headers['x-forwarded-for'];
    const client = resolveClientAddress(
      incoming.socket.remoteAddress,
      Array.isArray(forwardedFor) ? forwardedFor.join(', ') : forwardedFor,
      options.trustedProxies,
    );
    const retryAfter = options.limiter.take(client);
    if (retryAfter !== undefined) {
      return Promise.resolve(
        problemResponse(exchange, tooManyRequests(options.limiter.perMinute, retryAfter), options),
      );
    }
    const headers = headersForService(incoming, {
      'x-request-id': exchange.requestId,
      'x-forwarded-proto': (incoming.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http',
      'x-forwarded-host': incoming.headers.host ?? '',
      ...(client ? { 'x-forwarded-for': client } : {}),
    });
    return target.kind === 'in-process'
      ? inProcess(exchange, target, request.url, headers, options)
      : overHttp(exchange, address as Address, incoming, outgoing, headers, options);
  };
}

async function inProcess(
  exchange: Exchange,
  target: Extract<ServiceTarget, { kind: 'in-process' }>,
  url: string,
  headers: Record<string, string>,
  options: PassThroughOptions,
): Promise<Response> {
  let res: Response;
  try {
    const title = catalogue[exchange.service].title;
    res = await withTimeout(
      Promise.resolve(target.fetch(new Request(url, { method: exchange.method, headers }))),
      options.timeoutMs,
      `${title} did not answer within ${options.timeoutMs} ms`,
    );
  } catch (err) {
    return problemResponse(exchange, forwardingProblem(exchange.service, err, options), options);
  }
  const answer = res.headers;
  cleanResponseHeaders(answer);
  if (answer.has('x-powered-by')) answer.delete('x-powered-by');
  // A service made by the same factory has set most of these already: set only what differs.
  if (answer.get('x-request-id') !== exchange.requestId) answer.set('x-request-id', exchange.requestId);
  for (const [name, value] of gatewayHeaders) if (answer.get(name) !== value) answer.set(name, value);
  if (!answer.has('cache-control')) answer.set('cache-control', 'no-store');
  accessLog(exchange, res.status, options.logger);
  return res;
}

/**
 * Node's HTTP client with the keep-alive agent, the answer streamed to the client as it arrives.
 * The timeout covers the whole answer: before its headers it is a 504 problem; after them the
 * connection is cut, so a client never waits on a service that stopped half-way.
 */
function overHttp(
  exchange: Exchange,
  address: Address,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  headers: Record<string, string>,
  options: PassThroughOptions,
): Promise<Response> {
  return new Promise((resolve) => {
    let done = false;
    const fail = (err: unknown) => {
      clearTimeout(timer);
      if (done) return;
      done = true;
      if (!outgoing.headersSent) {
        upstream.destroy();
        resolve(problemResponse(exchange, forwardingProblem(exchange.service, err, options), options));
      } else {
        options.logger.warn({ err, service: exchange.service }, 'forwarding failed after the answer began');
        upstream.destroy();
        outgoing.destroy();
      }
    };
    const upstream = httpRequest({ ...address, path: incoming.url, method: exchange.method, headers, agent }, (res) => {
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('the service closed the connection mid-answer')));
      res.on('end', () => {
        clearTimeout(timer);
        if (done) return;
        done = true;
        accessLog(exchange, res.statusCode ?? 502, options.logger);
      });
      outgoing.writeHead(res.statusCode ?? 502, answerHeaders(res.rawHeaders, exchange.requestId));
      res.pipe(outgoing);
      resolve(RESPONSE_ALREADY_SENT);
    });
    const timer = setTimeout(() => fail(new GatewayTimeout()), options.timeoutMs);
    upstream.on('error', fail);
    // A client that goes away takes its request to the service with it.
    outgoing.once('close', () => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        upstream.destroy();
      }
    });
    upstream.end();
  });
}

/** A service's base URL taken apart once, not on every request. */
interface Address {
  hostname: string;
  port: string;
}
const addresses = new Map<string, Address | null>();
/** Undefined for anything but a plain `http://host:port` (a path prefix goes through Hono). */
function addressOf(baseUrl: string): Address | undefined {
  let address = addresses.get(baseUrl);
  if (address === undefined) {
    const url = URL.parse(baseUrl);
    address =
      url?.protocol === 'http:' && url.pathname === '/' && !url.search
        ? { hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || '80' }
        : null;
    addresses.set(baseUrl, address);
  }
  return address ?? undefined;
}

/** The service's headers as the gateway passes them on (see `cleanResponseHeaders`), in Node's flat form. */
function answerHeaders(raw: string[], requestId: string): string[] {
  const own = gatewayHeaderNames;
  const out: string[] = [];
  let cacheControl = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const key = name.toLowerCase();
    if (RESPONSE_HOP_BY_HOP.has(key) || own.has(key) || key.startsWith('access-control-')) continue;
    let value = raw[i + 1] as string;
    if (key === 'vary') {
      value = varyWithoutOrigin(value);
      if (!value) continue;
    } else if (key === 'cache-control') cacheControl = true;
    out.push(name, value);
  }
  out.push('x-request-id', requestId);
  for (const [name, value] of gatewayHeaders) out.push(name, value);
  if (!cacheControl) out.push('cache-control', 'no-store');
  return out;
}

/** The problem answer the Hono route's error handler would give, with the gateway's headers. */
function problemResponse(exchange: Exchange, problem: ProblemError, options: PassThroughOptions): Response {
  if (problem.status >= 500) {
    options.logger.warn({ err: problem, requestId: exchange.requestId }, 'request failed');
  }
  const { title, errors, headers, ...rest } = problem.extra;
  const body = problemBody(problem.status, problem.detail, {
    title,
    errors,
    ...rest,
    instance: exchange.path,
    requestId: exchange.requestId,
  });
  const res = new Response(JSON.stringify(body), {
    status: problem.status,
    headers: [
      ...Object.entries(headers ?? {}),
      ['content-type', PROBLEM_CONTENT_TYPE],
      ['x-request-id', exchange.requestId],
      ...gatewayHeaders,
      ['cache-control', 'no-store'],
    ],
  });
  accessLog(exchange, problem.status, options.logger);
  return res;
}

/** The line `accessLog` (packages/core/src/http.ts) writes for a request through Hono. */
function accessLog(exchange: Exchange, status: number, logger: Logger): void {
  if (!logger.isLevelEnabled('info')) return;
  logger.info(
    {
      requestId: exchange.requestId,
      method: exchange.method,
      path: exchange.path,
      route: ROUTE,
      status,
      durationMs: Math.round((performance.now() - exchange.started) * 10) / 10,
    },
    'request',
  );
}
