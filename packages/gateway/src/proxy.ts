import { catalogue, type DomainServiceName, ProblemError, withTimeout } from '@konecta/core';

/** How the gateway reaches a service: its app in this process, or its HTTP address. */
export type ServiceTarget =
  | { kind: 'in-process'; fetch: (request: Request) => Response | Promise<Response> }
  | { kind: 'http'; baseUrl: string };

/** Hop-by-hop headers (RFC 9110 §7.6.1) never cross the gateway. */
const HOP_BY_HOP = new Set([
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

function forwardHeaders(source: Headers, extra: Record<string, string>): Headers {
  const headers = new Headers();
  source.forEach((value, key) => {
    if (!HOP_BY_HOP.has(key)) headers.set(key, value);
  });
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return headers;
}

/**
 * Response headers to pass back. fetch has already decoded the body, so its encoding goes; CORS
 * is the gateway's own answer, so the service's CORS headers go too.
 */
function responseHeaders(source: Headers): Headers {
  const headers = new Headers();
  source.forEach((value, key) => {
    if (HOP_BY_HOP.has(key) || key === 'content-encoding' || key.startsWith('access-control-')) return;
    if (key === 'vary') {
      const rest = value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v && v.toLowerCase() !== 'origin');
      if (rest.length) headers.set(key, rest.join(', '));
      return;
    }
    headers.append(key, value);
  });
  return headers;
}

function errorCode(err: unknown): string | undefined {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
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
  options: { timeoutMs: number; headers: Record<string, string> },
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
      return new Response(res.body, { status: res.status, headers: responseHeaders(res.headers) });
    }
    const res = await fetch(`${target.baseUrl}${url.pathname}${url.search}`, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return new Response(res.body, { status: res.status, headers: responseHeaders(res.headers) });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || /did not answer within/.test((err as Error).message)) {
      throw new ProblemError(504, `${title} did not answer within ${options.timeoutMs} ms.`);
    }
    const code = errorCode(err);
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new ProblemError(503, `${title} is not running.`, { headers: { 'Retry-After': '5' } });
    }
    throw new ProblemError(502, `${title} could not be reached (${code ?? name}).`);
  }
}
