import { Agent, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { catalogue, type DomainServiceName, type Logger, ProblemError, unreachable, withTimeout } from '@konecta/core';

/** How the gateway reaches a service: its app in this process, or its HTTP address. */
export type ServiceTarget =
  | { kind: 'in-process'; fetch: (request: Request) => Response | Promise<Response> }
  | { kind: 'http'; baseUrl: string };

/** Hop-by-hop headers (RFC 9110 §7.6.1) never cross the gateway. */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

/** Who the client is and how it reached us is the gateway's to say, never the client's. */
export const SET_BY_GATEWAY = new Set([
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'forwarded',
  'x-real-ip',
]);

function forwardHeaders(source: Headers, extra: Record<string, string>): Headers {
  const headers = new Headers();
  source.forEach((value, key) => {
    if (!HOP_BY_HOP.has(key) && !SET_BY_GATEWAY.has(key)) headers.set(key, value);
  });
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return headers;
}

/**
 * Cleans a service's response headers in place before they are passed on: hop-by-hop headers go,
 * and so do CORS headers, since CORS is the gateway's own answer.
 */
export function cleanResponseHeaders(headers: Headers): void {
  for (const key of [...headers.keys()]) {
    if (HOP_BY_HOP.has(key) || key.startsWith('access-control-')) headers.delete(key);
  }
  const vary = headers.get('vary');
  if (vary) {
    const rest = varyWithoutOrigin(vary);
    if (rest) headers.set('vary', rest);
    else headers.delete('vary');
  }
}

/** `Vary` without `Origin` (the gateway's CORS is its own), empty when nothing is left. */
export function varyWithoutOrigin(vary: string): string {
  return vary
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v && v.toLowerCase() !== 'origin')
    .join(', ');
}

/** The delay before TCP keep-alive probes on an idle connection to a service (Node's default). */
const KEEP_ALIVE_PROBE_MS = 1000;
/** A service's `Keep-Alive: timeout=N` no longer than this is too short to reuse the connection (Node's margin). */
const KEEP_ALIVE_MARGIN_MS = 1000;

/**
 * The keep-alive agent for the services. Node's, when a connection is handed back, reads the
 * service's `Keep-Alive` hint through `res.headers`, which parses every header of every answer into
 * an object (a few per cent of the gateway's CPU per proxied request): this one reads the raw
 * headers (of the answer on the socket, found as Node's finds it), and otherwise does what Node's
 * does for an agent with no timeout of its own.
 */
class ServiceAgent extends Agent {
  override keepSocketAlive(socket: Socket): boolean {
    const raw = (socket as { _httpMessage?: { res?: { rawHeaders: string[] } } })._httpMessage?.res?.rawHeaders ?? [];
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i] as string;
      if (name.length !== 10 || name.toLowerCase() !== 'keep-alive') continue;
      const hint = /^timeout=(\d+)/.exec(raw[i + 1] as string)?.[1];
      if (hint && Number.parseInt(hint, 10) * 1000 <= KEEP_ALIVE_MARGIN_MS) return false;
    }
    socket.setKeepAlive(true, KEEP_ALIVE_PROBE_MS);
    socket.unref();
    if (socket.timeout !== 0) socket.setTimeout(0);
    return true;
  }
}

export const agent = new ServiceAgent({
  keepAlive: true,
  keepAliveMsecs: KEEP_ALIVE_PROBE_MS,
  maxSockets: 512,
  scheduling: 'lifo',
});
const NO_BODY = new Set([204, 205, 304]);

export class GatewayTimeout extends Error {
  override name = 'GatewayTimeout';
}

/**
 * One request over HTTP with a keep-alive agent. Node's http client rather than fetch: in the
 * benchmark fetch (undici plus a timeout signal per request) cost the gateway about a quarter of
 * its CPU. The body is buffered, so the timeout covers the whole answer.
 */
function requestOverHttp(
  url: string,
  init: { method: string; headers: Headers; body?: ArrayBuffer; timeoutMs: number },
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    init.headers.forEach((value, key) => {
      headers[key] = value;
    });
    if (init.body) headers['content-length'] = String(init.body.byteLength);
    const req = httpRequest(url, { method: init.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        const out = new Headers();
        const raw = res.rawHeaders;
        for (let i = 0; i < raw.length; i += 2) out.append(raw[i] as string, raw[i + 1] as string);
        const status = res.statusCode ?? 502;
        const body = NO_BODY.has(status) || init.method === 'HEAD' ? null : Buffer.concat(chunks);
        cleanResponseHeaders(out);
        resolve(new Response(body, { status, headers: out }));
      });
    });
    const timer = setTimeout(() => req.destroy(new GatewayTimeout()), init.timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(init.body ? Buffer.from(init.body) : undefined);
  });
}

/**
 * Sends the request to the service and returns its response, or a problem: 504 when the service
 * does not answer within `timeoutMs`, 503 when nothing listens at its address, 502 for any other
 * failure to get a response. Never hangs.
 */
export async function forward(
  service: DomainServiceName,
  target: ServiceTarget,
  request: Request,
  options: { timeoutMs: number; headers: Record<string, string>; logger?: Logger },
): Promise<Response> {
  const url = new URL(request.url);
  const method = request.method;
  const body = method === 'GET' || method === 'HEAD' ? undefined : await request.arrayBuffer();
  const headers = forwardHeaders(request.headers, options.headers);
  const title = catalogue[service].title;
  try {
    if (target.kind === 'in-process') {
      const inner = new Request(url, { method, headers, body });
      const res = await withTimeout(
        Promise.resolve(target.fetch(inner)),
        options.timeoutMs,
        `${title} did not answer within ${options.timeoutMs} ms`,
      );
      cleanResponseHeaders(res.headers); // the in-process response is ours to pass on as it is
      return res;
    }
    return await requestOverHttp(`${target.baseUrl}${url.pathname}${url.search}`, {
      method,
      headers,
      body,
      timeoutMs: options.timeoutMs,
    });
  } catch (err) {
    throw forwardingProblem(service, err, options);
  }
}

/** 504 for a service that did not answer in time; 503 or 502 (logged) when it could not be reached. */
export function forwardingProblem(
  service: DomainServiceName,
  err: unknown,
  options: { timeoutMs: number; logger?: Logger },
): ProblemError {
  const title = catalogue[service].title;
  if (err instanceof GatewayTimeout || /did not answer within/.test((err as Error).message)) {
    return new ProblemError(504, `${title} did not answer within ${options.timeoutMs} ms.`);
  }
  // The cause is for the log; the client learns only that the service could not be reached.
  options.logger?.warn({ err, service }, 'forwarding failed');
  return unreachable(title, err);
}
