import { randomUUID } from 'node:crypto';
import { type Context, type Handler, Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import { TrieRouter } from 'hono/router/trie-router';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { TokenCaller, TokenVerifier } from './auth';
import { catalogue, type ServiceName } from './catalogue';
import type { TrustedProxies } from './client-address';
import { UnsupportedCurrencyError } from './currencies';
import { type ConstraintFields, problemFromDatabaseError } from './db-errors';
import { DecimalError } from './decimal';
import { clientAddress, limitBody, noStoreForApi, refuseAmbiguousPaths, securityHeaders } from './edge';
import { refuseUnstorableText } from './input-text';
import type { Logger } from './logger';
import { CurrencyMismatchError } from './money';
import { openApiDocumentOf } from './openapi-source';
import { type FieldError, PROBLEM_CONTENT_TYPE, ProblemError, problemBody } from './problem';
import { requestContext } from './request-context';
import {
  createRoute,
  honoPath,
  type RouteConfig,
  type RouteDefinition,
  type RouteInput,
  routeChain,
  type ValidationFailure,
} from './routes';
import * as z from './z';

export type AppEnv = {
  Variables: {
    requestId: string;
    caller?: TokenCaller;
    verifier?: TokenVerifier;
    logger: Logger;
    /** The client's address: the connection's peer, or what a trusted proxy says it is. */
    clientAddress?: string;
  };
};

/** Joins route prefixes: `/api/hr` + `/employees/{id}`, `/` + `/health`. */
const joinPath = (a: string, b: string) => `/${`${a}/${b}`.split('/').filter(Boolean).join('/')}`;

/**
 * Hono with declared routes (`./routes.ts`): `openapi(route, handler)` validates the request
 * against the route's schemas before the handler runs, and records the declaration, with the
 * prefixes it is mounted under, for the OpenAPI document made at build time.
 */
export class ServiceRouter extends Hono<AppEnv> {
  readonly definitions: RouteDefinition[] = [];
  /** Title, version and description of the service's OpenAPI document (set on the app). */
  documentInfo?: { title: string; version: string; description?: string };

  openapi<const R extends RouteConfig>(
    route: R,
    handler: (c: Context<AppEnv, string, RouteInput<R>>) => Response | Promise<Response>,
  ): this {
    if (!route.hide) this.definitions.push({ route, path: route.path });
    const chain = routeChain(route, failValidation);
    this.on([route.method.toUpperCase()], [honoPath(route.path)], ...chain, handler as unknown as Handler<AppEnv>);
    return this;
  }

  // biome-ignore lint/suspicious/noExplicitAny: the same parameters as Hono's own route()
  override route(path: string, app: Hono<any, any, any>): any {
    if (app instanceof ServiceRouter)
      for (const d of app.definitions) this.definitions.push({ route: d.route, path: joinPath(path, d.path) });
    return super.route(path, app);
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the client's `X-Request-Id` when it is well-formed, a new one otherwise. */
export function requestIdFrom(incoming: string | undefined): string {
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Turns a zod failure into the `errors` list of a problem: one entry per failing field. */
export function fieldErrors(error: z.core.$ZodError, prefix?: string): FieldError[] {
  return flatIssues(error.issues, []).map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));
}

type Issue = z.core.$ZodIssue;
/**
 * A union (e.g. money or null) that fails reports the branch the value was meant for — the one
 * whose failure is not just "wrong type" — so the error names the inner field (`salaryMin.amount`)
 * instead of the whole union.
 */
function flatIssues(issues: readonly Issue[], base: PropertyKey[]): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors)) {
      const branches = (issue.errors as Issue[][]).filter(
        (branch) => !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0),
      );
      if (branches.length === 1 && branches[0]) return flatIssues(branches[0], path);
    }
    return [{ path, message: issue.message }];
  });
}

/**
 * Validation failures: 422 for a body that parsed but breaks the schema, 400 for bad path,
 * query or header values.
 */
function failValidation(result: ValidationFailure): never {
  const isBody = result.target === 'json' || result.target === 'form';
  throw new ProblemError(
    isBody ? 422 : 400,
    isBody ? 'The request body is invalid.' : `The request ${result.target} is invalid.`,
    {
      errors: fieldErrors(result.error, isBody ? undefined : result.target),
    },
  );
}

/** Every router of every service is made here, so validation answers the same everywhere. */
export function createRouter(): ServiceRouter {
  return new ServiceRouter();
}

/** Through the context, so headers set before the error (request id, a cleared cookie) stay. */
function problemFor(c: Context<AppEnv>, err: ProblemError): Response {
  const { title, errors, headers, ...rest } = err.extra;
  const body = problemBody(err.status, err.detail, {
    title,
    errors,
    ...rest,
    instance: c.req.path,
    requestId: c.get('requestId'),
  });
  return c.body(JSON.stringify(body), err.status as ContentfulStatusCode, {
    ...headers,
    'content-type': PROBLEM_CONTENT_TYPE,
  });
}

/**
 * Maps anything thrown while handling a request to a problem response; only real bugs are 500.
 * `constraints` names the fields behind the service's database constraints.
 */
export function toProblemError(err: unknown, constraints?: ConstraintFields): ProblemError | undefined {
  if (err instanceof ProblemError) return err;
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 400 && /json/i.test(err.message))
      return new ProblemError(400, 'The request body is not valid JSON.');
    // Hono appends the parser's own error to this one; the client needs only what was wrong.
    if (status === 400 && /formdata/i.test(err.message))
      return new ProblemError(400, 'The request body is not valid form data.');
    return new ProblemError(status, err.message || undefined);
  }
  // Amounts a client sent that domain code could not combine or hold: their input, not our bug.
  if (err instanceof CurrencyMismatchError || err instanceof UnsupportedCurrencyError || err instanceof DecimalError)
    return new ProblemError(422, err.message);
  return problemFromDatabaseError(err, constraints);
}

/**
 * Client errors are answered, not logged (their SQL and values are the client's business); server
 * errors are logged through the logger's `err` serializer, which drops statement parameters.
 */
export function errorHandler(err: Error, c: Context<AppEnv>, constraints?: ConstraintFields): Response {
  const problem = toProblemError(err, constraints);
  if (problem) {
    if (problem.status >= 500) c.get('logger')?.warn({ err, requestId: c.get('requestId') }, 'request failed');
    return problemFor(c, problem);
  }
  c.get('logger')?.error({ err, requestId: c.get('requestId') }, 'unhandled error');
  return problemFor(
    c,
    new ProblemError(500, 'Something went wrong on our side. Quote the request id when reporting it.'),
  );
}

/**
 * 404 for a path no route has, 405 with `Allow` for a path that exists under other methods.
 * Built lazily from the routes actually registered on the app.
 */
function notFoundHandler(app: Hono<AppEnv>) {
  let router: TrieRouter<string> | undefined;
  return (c: Context<AppEnv>) => {
    if (!router) {
      router = new TrieRouter<string>();
      for (const r of app.routes) if (r.method !== 'ALL') router.add(r.method, r.path, r.method);
    }
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter(
      (m) => m !== c.req.method && router?.match(m, c.req.path)[0].length,
    );
    if (methods.length && c.req.method !== 'OPTIONS') {
      if (methods.includes('GET')) methods.push('HEAD');
      return problemFor(
        c,
        new ProblemError(405, `${c.req.method} is not allowed here; use ${methods.join(', ')}.`, {
          headers: { Allow: methods.join(', ') },
        }),
      );
    }
    return problemFor(c, new ProblemError(404, `No route for ${c.req.method} ${c.req.path}.`));
  };
}

/** Request id (accepted from `X-Request-Id` when well-formed), logger and request context. */
export function requestBasics(service: string, logger: Logger, verifier?: TokenVerifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = requestIdFrom(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    c.set('logger', logger);
    if (verifier) c.set('verifier', verifier);
    c.header('X-Request-Id', requestId);
    const ctx = { requestId, service };
    await requestContext.run(ctx, next);
  };
}

/** One JSON line per request: id, method, route, status, duration and user. No query, no body. */
export function accessLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const logger = c.get('logger');
    if (!logger?.isLevelEnabled('info')) return;
    const caller = c.get('caller');
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        route: routePath(c),
        status: c.res.status,
        durationMs: Math.round((performance.now() - start) * 10) / 10,
        userId: caller?.id,
      },
      'request',
    );
  };
}

export interface ServiceAppOptions {
  service: ServiceName;
  logger: Logger;
  verifier?: TokenVerifier;
  corsOrigins: readonly string[];
  bodyLimitBytes: number;
  /** Whose `X-Forwarded-For` to believe; nobody's when absent. */
  trustedProxies?: TrustedProxies;
  /**
   * False for the gateway: refusing unstorable text reads the JSON body, which the gateway passes
   * on untouched; the service behind it refuses it instead.
   */
  checkText?: boolean;
  /** Readiness: resolves when the service can do its work (the database answers). */
  ready?: () => Promise<void>;
  version?: string;
  description?: string;
  /** False for the gateway, which answers `/health` and `/ready` itself. */
  systemRoutes?: boolean;
  /** The fields and messages behind the service's database constraints (see `ConstraintFields`). */
  constraints?: ConstraintFields;
}

const healthSchema = z.openapi(
  z.object({ status: z.literal('ok'), service: z.string(), version: z.string(), uptimeSeconds: z.number() }),
  'Health',
);
const readySchema = z.openapi(
  z.object({ status: z.literal('ready'), service: z.string(), checks: z.record(z.string(), z.string()) }),
  'Readiness',
);
export const problemSchema = z.openapi(
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
    requestId: z.optional(z.string()),
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
  'Problem',
);

/** `{ content: { 'application/json': { schema } } }` for request bodies and responses. */
export function jsonContent<T extends z.core.$ZodType>(schema: T) {
  return { content: { 'application/json': { schema } } };
}

/** Standard error responses for route declarations: `responses: { 200: ..., ...problemResponses(401, 403) }`. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: problemBody(s, undefined).title,
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    ]),
  );
}

const startedAt = Date.now();

function systemRoutes(service: string, version: string, ready?: () => Promise<void>): ServiceRouter {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['system'],
      summary: 'Liveness: the process answers',
      responses: { 200: { description: 'Alive', content: { 'application/json': { schema: healthSchema } } } },
    }),
    (c) =>
      c.json(
        { status: 'ok' as const, service, version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) },
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/ready',
      tags: ['system'],
      summary: 'Readiness: the database answers',
      responses: {
        200: { description: 'Ready', content: { 'application/json': { schema: readySchema } } },
        ...problemResponses(503),
      },
    }),
    async (c) => {
      const started = performance.now();
      try {
        if (ready) await withTimeout(ready(), 3000, 'database check timed out');
      } catch (err) {
        c.get('logger')?.warn({ err }, 'readiness check failed');
        throw new ProblemError(503, 'The database is not reachable.', { headers: { 'Retry-After': '2' } });
      }
      const ms = Math.round(performance.now() - started);
      return c.json(
        { status: 'ready' as const, service, checks: { database: ready ? `ok (${ms} ms)` : 'not used' } },
        200,
      );
    },
  );
  return r;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The app factory every service uses. Middleware: request id and context, access log, secure
 * headers, `no-store` on API answers, refusal of ambiguous paths, the client's address, CORS,
 * body-size limit, refusal of text no database can store; problem responses for every error;
 * `/health`, `/ready` and `/openapi.json` both at the root (container health checks) and under
 * the service prefix (what the gateway and API Gateway route). `routes` adds the service's own
 * routes under its prefix.
 */
export function createServiceApp(options: ServiceAppOptions, routes?: (api: ServiceRouter) => void): ServiceRouter {
  const entry = catalogue[options.service];
  const version = options.version ?? process.env.KONECTA_VERSION ?? '0.1.0';
  const app = createRouter();
  app.use('*', requestBasics(options.service, options.logger, options.verifier));
  app.use('*', accessLog());
  app.use('*', securityHeaders());
  app.use('*', noStoreForApi());
  app.use('*', refuseAmbiguousPaths());
  app.use('*', clientAddress(options.trustedProxies ?? { kind: 'none' }));
  // CORS and the body limit only for requests they concern: each forces Hono to build the full
  // Fetch request or response objects, a measurable cost on every plain GET (see bench/).
  const corsHandler = cors({
    origin: [...options.corsOrigins],
    credentials: true,
    allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'Location', 'Content-Disposition'],
    maxAge: 600,
  });
  app.use('*', (c, next) => (c.req.header('origin') ? corsHandler(c, next) : next()));
  app.use('*', limitBody(options.bodyLimitBytes));
  if (options.checkText !== false) app.use('*', refuseUnstorableText());

  const system =
    options.systemRoutes === false ? createRouter() : systemRoutes(options.service, version, options.ready);
  const api = createRouter();
  api.route('/', system);
  routes?.(api);
  app.documentInfo = { title: `Konecta ERP — ${entry.title}`, version, description: options.description };
  if (entry.prefix === '/') {
    app.route('/', api);
  } else {
    app.route('/', system);
    app.route(entry.prefix, api);
  }
  // Made at build time for a Lambda (served from the file beside the bundle), on first request
  // elsewhere: the generator is never part of a function (packages/core/src/openapi-source.ts).
  let document: Promise<unknown> | undefined;
  const doc = async (c: Context<AppEnv>) => {
    document ??= openApiDocumentOf(app).catch((err) => {
      document = undefined;
      throw err;
    });
    return c.json((await document) as object);
  };
  app.get('/openapi.json', doc);
  if (entry.prefix !== '/') app.get(`${entry.prefix}/openapi.json`, doc);
  app.notFound(notFoundHandler(app));
  app.onError((err, c) => errorHandler(err, c, options.constraints));
  return app;
}
