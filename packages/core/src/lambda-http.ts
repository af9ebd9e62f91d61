import { PROBLEM_CONTENT_TYPE, problemBody } from './problem';

/**
 * API Gateway HTTP API (payload 2.0) events to Fetch and back: the only events the services' API
 * functions receive (stacks/ServiceApi.ts). It answers as Hono's `hono/aws-lambda` adapter does
 * for that payload (which it replaces: it handles five kinds of event and imports Node's streams
 * at load), and it makes its requests with the global `Request`, which in a Lambda bundle is the
 * light one (fetch-light.ts), so no undici at a cold start.
 */
export interface HttpApiEvent {
  version?: string;
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { domainName?: string; http: { method: string; sourceIp?: string } };
}

export interface HttpApiResult {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

export type FetchHandler = (request: Request, env: unknown) => Response | Promise<Response>;
export type HttpApiHandler = (event: HttpApiEvent, context?: unknown) => Promise<HttpApiResult>;

/** Header values that are not ASCII are percent-encoded, as Hono's adapter did (Fetch refuses most). */
const NOT_ASCII = /[^\0-\x7f]/;

function toRequest(event: HttpApiEvent): Request {
  const { requestContext } = event;
  if (typeof event.rawPath !== 'string' || typeof requestContext?.http?.method !== 'string') {
    throw new TypeError('Not an API Gateway HTTP API (payload 2.0) event.');
  }
  const host = requestContext.domainName ?? event.headers?.host ?? 'localhost';
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const headers = new Headers();
  if (Array.isArray(event.cookies)) headers.set('cookie', event.cookies.join('; '));
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value) headers.set(name, NOT_ASCII.test(value) ? encodeURIComponent(value) : value);
  }
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (event.body) {
    body = event.isBase64Encoded ? new Uint8Array(Buffer.from(event.body, 'base64')) : encoder.encode(event.body);
    headers.set('content-length', String(body.byteLength));
  }
  return new Request(`https://${host}${event.rawPath}${query}`, { method: requestContext.http.method, headers, body });
}

const encoder = new TextEncoder();

/** Text types travel as text, everything else (and any content encoding) as base64. */
const TEXT_TYPE = /^text\/(?:plain|html|css|javascript|csv)|(?:\/|\+)(?:json|xml)\s*(?:;|$)/i;
const BINARY_XML = /^application\/vnd\.(?:apple\.installer|mozilla\.xul)\+xml\s*(?:;|$)/i;

function isBinary(res: Response): boolean {
  const type = res.headers.get('content-type');
  const encoding = res.headers.get('content-encoding');
  if (encoding && !/^identity$/i.test(encoding)) return true;
  return type !== null && (BINARY_XML.test(type) || !TEXT_TYPE.test(type));
}

async function toResult(res: Response): Promise<HttpApiResult> {
  const isBase64Encoded = isBinary(res);
  const body = isBase64Encoded ? Buffer.from(await res.arrayBuffer()).toString('base64') : await res.text();
  const result: HttpApiResult = { statusCode: res.status, headers: {}, body, isBase64Encoded };
  const cookies = res.headers.getSetCookie();
  if (cookies.length) {
    result.cookies = cookies;
    res.headers.delete('set-cookie');
  }
  res.headers.forEach((value, name) => {
    result.headers[name] = value;
  });
  return result;
}

/** The request that could not be made from the event: a problem, as every other refusal. */
function badEvent(err: unknown): Response {
  const invalid = err instanceof TypeError;
  const status = invalid ? 400 : 500;
  const detail = invalid ? 'The request could not be read.' : undefined;
  return new Response(JSON.stringify(problemBody(status, detail)), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
  });
}

/** A Lambda handler that answers HTTP API events with `fetch` (a Hono app's). */
export function httpApiHandler(fetch: FetchHandler): HttpApiHandler {
  return async (event, lambdaContext) => {
    let request: Request;
    try {
      request = toRequest(event);
    } catch (err) {
      if (!(err instanceof TypeError)) console.error('Lambda event could not be read:', err);
      return toResult(badEvent(err));
    }
    const res = await fetch(request, { event, requestContext: event.requestContext, lambdaContext });
    return toResult(res);
  };
}
