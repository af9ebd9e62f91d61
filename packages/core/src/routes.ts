/**
 * The kernel's route layer over plain Hono: a route is declared once (method, path, request
 * schemas, responses, security, summary, tags), validated here at run time, and written into the
 * service's OpenAPI document at build time (`./openapi.ts`, never in a Lambda bundle).
 *
 * ```ts
 * r.openapi(
 *   createRoute({ method: 'get', path: '/employees/{id}', request: { params: idParam }, responses: { ... } }),
 *   async (c) => c.json(await getEmployee(ctx, c.req.valid('param').id), 200),
 * );
 * ```
 */
import type { Context, Env, MiddlewareHandler, Next } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import * as z from './z';

type Schema = z.core.$ZodType;
type MediaContent = Record<string, { schema: Schema; [key: string]: unknown }>;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteConfig {
  method: HttpMethod;
  /** OpenAPI style: `/employees/{id}`. */
  path: string;
  tags?: string[];
  summary?: string;
  description?: string;
  operationId?: string;
  deprecated?: boolean;
  security?: Record<string, string[]>[];
  /** Run before validation (permission checks answer 401/403 before a 400 or 422). */
  // biome-ignore lint/suspicious/noExplicitAny: middleware of any environment may guard a route
  middleware?: MiddlewareHandler<any> | MiddlewareHandler<any>[];
  /** Registered and validated, but left out of the OpenAPI document. */
  hide?: boolean;
  request?: {
    params?: Schema;
    query?: Schema;
    headers?: Schema;
    body?: { content: MediaContent; required?: boolean; description?: string };
  };
  responses: Record<number, { description: string; content?: MediaContent; headers?: Record<string, unknown> }>;
}

/** Declares a route; the identity, typed so the handler's `c.req.valid(...)` knows the schemas. */
export function createRoute<const R extends RouteConfig>(route: R): R {
  return route;
}

type RequestOf<R> = R extends { request: infer Q } ? Q : object;
type Out<Key extends string, S> = [S] extends [Schema] ? { [K in Key]: z.output<S> } : object;
type BodyOf<R, Media extends string> =
  RequestOf<R> extends { body: { content: infer C } }
    ? C extends Record<Media, { schema: infer S }>
      ? S
      : never
    : never;
type In<Key extends string, S> = [S] extends [Schema] ? { [K in Key]: z.input<S> } : object;

/** What `c.req.valid(target)` answers in a route's handler. */
export type RouteInput<R extends RouteConfig> = {
  in: In<'param', RequestOf<R> extends { params: infer S } ? S : never> &
    In<'query', RequestOf<R> extends { query: infer S } ? S : never> &
    In<'json', BodyOf<R, 'application/json'>>;
  out: Out<'param', RequestOf<R> extends { params: infer S } ? S : never> &
    Out<'query', RequestOf<R> extends { query: infer S } ? S : never> &
    Out<'header', RequestOf<R> extends { headers: infer S } ? S : never> &
    Out<'json', BodyOf<R, 'application/json'>> &
    Out<'form', BodyOf<R, 'multipart/form-data'>>;
};

/** `/employees/{id}` → `/employees/:id`. */
export const honoPath = (path: string) => path.replaceAll(/\/{(.+?)}/g, '/:$1');

/** A failed validation, handed to the router's hook (which answers the problem). */
export interface ValidationFailure {
  target: 'param' | 'query' | 'header' | 'json' | 'form';
  error: z.core.$ZodError;
}

const jsonMedia = (type: string) => /^application\/([a-z-.]+\+)?json/i.test(type);
const formMedia = (type: string) =>
  /^multipart\/form-data/i.test(type) || /^application\/x-www-form-urlencoded/i.test(type);
const JSON_REQUEST = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
const MULTIPART_REQUEST = /^multipart\/form-data(;\s?boundary=[a-zA-Z0-9'"()+_,\-./:=?]+)?$/i;
const URLENCODED_REQUEST = /^application\/x-www-form-urlencoded(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

function matchesMediaType(contentType: string, mediaType: string): boolean {
  if (mediaType === '*/*') return true;
  if (jsonMedia(mediaType)) return JSON_REQUEST.test(contentType);
  if (formMedia(mediaType)) return MULTIPART_REQUEST.test(contentType) || URLENCODED_REQUEST.test(contentType);
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (mediaType.endsWith('/*')) return essence.startsWith(mediaType.slice(0, -1).toLowerCase());
  return essence === mediaType.toLowerCase();
}

async function hasRequestBody(c: Context): Promise<boolean> {
  const raw = c.req.raw;
  if (raw.body === null) return false;
  if (raw.bodyUsed) return (await c.req.arrayBuffer()).byteLength > 0;
  const body = raw.clone().body;
  if (body === null) return false;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      if (value.byteLength > 0) return true;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function validate(target: ValidationFailure['target'], schema: Schema, fail: (f: ValidationFailure) => never) {
  return validator(target, async (value) => {
    const result = await z.safeParseAsync(schema, value);
    if (!result.success) fail({ target, error: result.error });
    return result.data as never;
  });
}

/**
 * The middleware chain of a route: its own middleware, then validation of path, query, headers
 * and body (415 for a body of a media type it does not declare), in the order @hono/zod-openapi
 * used, so answers did not change when the kernel took this over.
 */
export function routeChain(route: RouteConfig, fail: (f: ValidationFailure) => never): MiddlewareHandler[] {
  const chain: MiddlewareHandler[] = [];
  const own = route.middleware ? (Array.isArray(route.middleware) ? route.middleware : [route.middleware]) : [];
  chain.push(...own);
  const request = route.request;
  if (request?.query) chain.push(validate('query', request.query, fail));
  if (request?.params) chain.push(validate('param', request.params, fail));
  if (request?.headers) chain.push(validate('header', request.headers, fail));
  const content = request?.body?.content;
  if (content) {
    const media = Object.keys(content);
    if (media.some((m) => jsonMedia(m) || formMedia(m))) {
      chain.push(async (c: Context, next: Next) => {
        const contentType = c.req.header('content-type');
        if (contentType) {
          if (!media.some((m) => matchesMediaType(contentType, m)))
            throw new HTTPException(415, { message: 'Unsupported Media Type' });
        } else if (await hasRequestBody(c)) throw new HTTPException(415, { message: 'Unsupported Media Type' });
        await next();
      });
    }
    for (const m of media) {
      const schema = content[m]?.schema;
      if (!schema) continue;
      const target = jsonMedia(m) ? 'json' : formMedia(m) ? 'form' : undefined;
      if (!target) continue;
      const check = validate(target, schema, fail);
      if (request?.body?.required) chain.push(check);
      else
        chain.push(async (c: Context, next: Next) => {
          const type = c.req.header('content-type');
          if (type && (target === 'json' ? jsonMedia(type) : formMedia(type))) return check(c, next);
          c.req.addValidatedData(target, {});
          await next();
        });
    }
  }
  return chain;
}

/** A route as registered: its declaration and the path it ends up under (prefixes included). */
export interface RouteDefinition {
  route: RouteConfig;
  /** OpenAPI style, with every prefix the router was mounted under. */
  path: string;
}

export type RouteEnv = Env;
