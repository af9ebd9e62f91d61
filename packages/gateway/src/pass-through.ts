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
  type TrustedProxies,
  withTimeout,
} from '@konecta/core';
import { answerHeaders, gatewayHeaders, pairsOf, requestRule } from './pass-through-headers';
import { agent, cleanResponseHeaders, forwardingProblem, GatewayTimeout, type ServiceTarget } from './proxy';
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
 *
 * A service over HTTP is reached from Node's request listener itself (`node`, the app's
 * `handleNodeRequest`), before any Fetch request, environment object or promise is made: the
 * gateway's CPU per proxied request then fell by about a quarter, to within about a fifth of what
 * a bare node:http proxy with no checks costs (bench/results/gateway-2026-12-01T*). A service in
 * this process is reached from in front of Hono's `fetch` (`fetch`), since it answers with a Fetch
 * response anyway.
 */
export interface PassThroughOptions {
  targetOf: (name: DomainServiceName) => ServiceTarget;
  timeoutMs: number;
  trustedProxies: TrustedProxies;
  limiter: RateLimiter;
  logger: Logger;
}

/** What `@hono/node-server` passes to `fetch` as its environment (with the response). */
interface NodeBindings {
  incoming?: IncomingMessage;
}

/** `/api/{service}/` and a path with no `%`, backslash or dot segment: the same path for everyone. */
const PLAIN_API_PATH = /^\/api\/([a-z]+)\/(?:[^%\\?#]*)(?:\?[^#]*)?$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|\?|$)/;
const ROUTE = '/api/:service/*';

/** A request the pass-through takes. */
interface Exchange {
  service: DomainServiceName;
  requestId: string;
  method: string;
  url: string;
  path: string;
  started: number;
  /** Headers for the service, in Node's flat form (name, value, name, value…). */
  headers: string[];
  /** Of the client's headers, what the gateway's own for the service are made from. */
  forwardedFor: string | undefined;
  host: string | undefined;
}

/** The service of a plain API read (see above), or undefined. */
function serviceOf(incoming: IncomingMessage): DomainServiceName | undefined {
  const { method, url = '' } = incoming;
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const service = PLAIN_API_PATH.exec(url)?.[1];
  return service && isDomainServiceName(service) ? service : undefined;
}

/**
 * The exchange for a plain API read of this service, or undefined to send it through Hono after
 * all. One pass over the raw headers both decides and gathers the client's headers for the
 * service: without hop-by-hop ones and those only the gateway may set, repeated ones joined as
 * Fetch joins them.
 */
function exchangeFor(incoming: IncomingMessage, service: DomainServiceName): Exchange | undefined {
  const method = incoming.method as string;
  const url = incoming.url as string;
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (DOT_SEGMENT.test(path)) return undefined;
  const raw = incoming.rawHeaders;
  const headers: string[] = [];
  let requestId: string | undefined;
  let forwardedFor: string | undefined;
  let host: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const rule = requestRule(raw[i] as string);
    const value = (raw[i + 1] as string).trim();
    switch (rule.kind) {
      case 'decline':
        return undefined;
      case 'length':
        if (value !== '0') return undefined;
        break;
      // Read as `incoming.headers` has them: repeated ids and addresses joined, the first Host.
      case 'request-id':
        requestId = requestId === undefined ? value : `${requestId}, ${value}`;
        break;
      case 'forwarded-for':
        forwardedFor = forwardedFor === undefined ? value : `${forwardedFor}, ${value}`;
        break;
      case 'host':
        host ??= value;
        break;
      case 'forward': {
        let at = -1;
        for (let j = 0; j < headers.length; j += 2) {
          if (headers[j] === rule.key) {
            at = j + 1;
            break;
          }
        }
        if (at < 0) headers.push(rule.key, value);
        else headers[at] = `${headers[at]}${rule.key === 'cookie' ? '; ' : ', '}${value}`;
      }
    }
  }
  return {
    service,
    requestId: requestIdFrom(requestId),
    method,
    url,
    path,
    started: performance.now(),
    headers,
    forwardedFor,
    host,
  };
}

/**
 * The rate limit for the client the gateway resolves, then the gateway's own headers for the
 * service: request id, client address and how the client reached the gateway. A problem (429)
 * when the client is over its limit.
 */
function admit(exchange: Exchange, incoming: IncomingMessage, options: PassThroughOptions): ProblemError | undefined {
  const client = resolveClientAddress(incoming.socket.remoteAddress, exchange.forwardedFor, options.trustedProxies);
  const retryAfter = options.limiter.take(client);
  if (retryAfter !== undefined) return tooManyRequests(options.limiter.perMinute, retryAfter);
  exchange.headers.push(
    'x-request-id',
    exchange.requestId,
    'x-forwarded-proto',
    (incoming.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http',
    'x-forwarded-host',
    exchange.host ?? '',
  );
  if (client) exchange.headers.push('x-forwarded-for', client);
  return undefined;
}

/** The pass-through's two entry points (see above). */
export function passThrough(options: PassThroughOptions) {
  return {
    /** The app's `handleNodeRequest`: a service over HTTP. False leaves the request to Hono. */
    node(incoming: IncomingMessage, outgoing: ServerResponse): boolean {
      const service = serviceOf(incoming);
      if (!service) return false;
      const target = options.targetOf(service);
      const address = target.kind === 'http' ? addressOf(target.baseUrl) : undefined;
      if (!address) return false;
      const exchange = exchangeFor(incoming, service);
      if (!exchange) return false;
      const limited = admit(exchange, incoming, options);
      if (limited) sendProblem(outgoing, exchange, limited, options);
      else overHttp(exchange, address, outgoing, options);
      return true;
    },
    /** In front of Hono's `fetch`: a service in this process. Undefined leaves the request to Hono. */
    fetch(request: Request, env: unknown): Promise<Response> | undefined {
      const incoming = (env as NodeBindings | undefined)?.incoming;
      const service = incoming && serviceOf(incoming);
      if (!incoming || !service) return undefined;
      const target = options.targetOf(service);
      if (target.kind !== 'in-process') return undefined;
      const exchange = exchangeFor(incoming, service);
      if (!exchange) return undefined;
      const limited = admit(exchange, incoming, options);
      if (limited) return Promise.resolve(problemResponse(exchange, limited, options));
      return inProcess(exchange, target, request.url, options);
    },
  };
}

async function inProcess(
  exchange: Exchange,
  target: Extract<ServiceTarget, { kind: 'in-process' }>,
  url: string,
  options: PassThroughOptions,
): Promise<Response> {
  let res: Response;
  try {
    const title = catalogue[exchange.service].title;
    const headers = pairsOf(exchange.headers);
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
 * Node's HTTP client with the keep-alive agent, the answer passed to the client as it arrives.
 * The timeout covers the whole answer: before its headers it is a 504 problem; after them the
 * connection is cut, so a client never waits on a service that stopped half-way. A client that
 * goes away takes its request to the service with it.
 */
function overHttp(exchange: Exchange, address: Address, outgoing: ServerResponse, options: PassThroughOptions): void {
  exchange.headers.push('host', address.host);
  let done = false;
  const fail = (err: unknown) => {
    clearTimeout(timer);
    if (done) return;
    done = true;
    upstream.destroy();
    if (!outgoing.headersSent) {
      sendProblem(outgoing, exchange, forwardingProblem(exchange.service, err, options), options);
    } else {
      options.logger.warn({ err, service: exchange.service }, 'forwarding failed after the answer began');
      outgoing.destroy();
    }
  };
  const upstream = httpRequest(
    {
      hostname: address.hostname,
      port: address.port,
      path: exchange.url,
      method: exchange.method,
      // In Node's flat form the headers are written as they are, Host included (see Address).
      headers: exchange.headers,
      agent,
    },
    (res) => {
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('the service closed the connection mid-answer')));
      const headers: string[] = [];
      const length = answerHeaders(res.rawHeaders, exchange.requestId, headers);
      outgoing.writeHead(res.statusCode ?? 502, headers);
      // The body as it comes, its last chunk with the end when the service said how long it is
      // (the usual single chunk then goes out in one write); back-pressure from a slow client.
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received === length) outgoing.end(chunk);
        else if (!outgoing.write(chunk)) {
          res.pause();
          outgoing.once('drain', () => res.resume());
        }
      });
      res.on('end', () => {
        clearTimeout(timer);
        if (done) return;
        done = true;
        if (!outgoing.writableEnded) outgoing.end();
        accessLog(exchange, res.statusCode ?? 502, options.logger);
      });
    },
  );
  const timer = setTimeout(() => fail(new GatewayTimeout()), options.timeoutMs);
  upstream.on('error', fail);
  outgoing.on('close', () => {
    if (!done) {
      done = true;
      clearTimeout(timer);
      upstream.destroy();
    }
  });
  upstream.end();
}

/** A service's base URL taken apart once, not on every request. */
interface Address {
  hostname: string;
  port: string;
  /** The Host header Node's client would have written for it. */
  host: string;
}
const addresses = new Map<string, Address | null>();
/** Undefined for anything but a plain `http://host:port` (a path prefix goes through Hono). */
function addressOf(baseUrl: string): Address | undefined {
  let address = addresses.get(baseUrl);
  if (address === undefined) {
    const url = URL.parse(baseUrl);
    address =
      url?.protocol === 'http:' && url.pathname === '/' && !url.search
        ? { hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || '80', host: url.host }
        : null;
    addresses.set(baseUrl, address);
  }
  return address ?? undefined;
}

/** The problem answer the Hono route's error handler would give, with the gateway's headers, in Node's flat form. */
function problemAnswer(
  exchange: Exchange,
  problem: ProblemError,
  options: PassThroughOptions,
): { status: number; headers: string[]; body: string } {
  if (problem.status >= 500) {
    options.logger.warn({ err: problem, requestId: exchange.requestId }, 'request failed');
  }
  const { title, errors, headers, ...rest } = problem.extra;
  const body = JSON.stringify(
    problemBody(problem.status, problem.detail, {
      title,
      errors,
      ...rest,
      instance: exchange.path,
      requestId: exchange.requestId,
    }),
  );
  const flat: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) flat.push(name, value);
  flat.push('content-type', PROBLEM_CONTENT_TYPE, 'x-request-id', exchange.requestId);
  for (const [name, value] of gatewayHeaders) flat.push(name, value);
  flat.push('cache-control', 'no-store');
  accessLog(exchange, problem.status, options.logger);
  return { status: problem.status, headers: flat, body };
}

/** The problem as a Fetch response (a service in this process). */
function problemResponse(exchange: Exchange, problem: ProblemError, options: PassThroughOptions): Response {
  const { status, headers, body } = problemAnswer(exchange, problem, options);
  return new Response(body, { status, headers: pairsOf(headers) });
}

/** The problem written to Node's response (a service over HTTP). */
function sendProblem(outgoing: ServerResponse, exchange: Exchange, problem: ProblemError, options: PassThroughOptions) {
  const { status, headers, body } = problemAnswer(exchange, problem, options);
  headers.push('content-length', String(Buffer.byteLength(body)));
  outgoing.writeHead(status, headers);
  outgoing.end(body);
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
