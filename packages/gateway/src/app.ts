import {
  type AppEnv,
  type Config,
  catalogue,
  createRoute,
  createServiceApp,
  type DomainServiceName,
  isDomainServiceName,
  jsonContent,
  type Logger,
  localServiceUrl,
  notFound,
  ProblemError,
} from '@konecta/core';
import type { NodeRequestHandler } from '@konecta/core/node';
import type { MiddlewareHandler } from 'hono';
import { docsRoutes } from './docs';
import { aggregateHealth, systemHealthSchema } from './health';
import { passThrough } from './pass-through';
import { forward, type ServiceTarget } from './proxy';
import { createRateLimiter, rateLimit } from './rate-limit';
import { webHandler } from './web';

export interface GatewayOptions {
  config: Config;
  logger: Logger;
  /** Services running in this process; every other one is reached over HTTP at its catalogue port. */
  inProcess?: Partial<Record<DomainServiceName, (request: Request) => Response | Promise<Response>>>;
  /** Overrides a service's HTTP address (tests, containers). */
  urls?: Partial<Record<DomainServiceName, string>>;
}

const SERVED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * 405 for TRACE and every other method no service serves, before anything is forwarded (a Fetch
 * request cannot even carry TRACE, so forwarding it failed as a 502).
 */
function onlyServedMethods(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SERVED_METHODS.includes(c.req.method)) {
      throw new ProblemError(405, `${c.req.method} is not supported here.`, {
        headers: { Allow: SERVED_METHODS.join(', ') },
      });
    }
    return next();
  };
}

/**
 * The gateway: `/api/{service}/*` to that service by the catalogue, aggregated `/health`,
 * `/docs` for every service's API, and the built web app for everything else.
 */
export function createGatewayApp(options: GatewayOptions) {
  const { config } = options;
  const targets = new Map<DomainServiceName, ServiceTarget>();
  const targetOf = (name: DomainServiceName): ServiceTarget => {
    let target = targets.get(name);
    if (!target) {
      const inProcess = options.inProcess?.[name];
      target = inProcess
        ? { kind: 'in-process', fetch: inProcess }
        : { kind: 'http', baseUrl: options.urls?.[name] ?? localServiceUrl(name, config.host, config.portOffset) };
      targets.set(name, target);
    }
    return target;
  };

  const app = createServiceApp({
    service: 'gateway',
    logger: options.logger,
    corsOrigins: config.http.corsOrigins,
    bodyLimitBytes: config.http.bodyLimitBytes,
    trustedProxies: config.http.trustedProxies,
    checkText: false,
    systemRoutes: false,
    description: 'One entry point: routes /api/{service}/* to each service, aggregates health and API docs.',
  });

  app.use('*', onlyServedMethods());
  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['system'],
      summary: "Every service's health, asked at once",
      responses: { 200: { description: 'Each service up or down', ...jsonContent(systemHealthSchema) } },
    }),
    async (c) => c.json(await aggregateHealth(config, targetOf, c.get('requestId')), 200),
  );
  app.get('/ready', (c) => c.json({ status: 'ready', service: 'gateway' }));
  app.route('/docs', docsRoutes());
  const limiter = createRateLimiter(config.gateway.rateLimitPerMinute);
  app.use('/api/*', rateLimit(limiter));
  app.all('/api/:service/*', (c) => {
    const name = c.req.param('service');
    if (!isDomainServiceName(name)) {
      throw notFound(
        `There is no service "${name}". Services: ${Object.keys(catalogue).filter(isDomainServiceName).join(', ')}.`,
      );
    }
    // The client's own X-Forwarded-For never crosses: the services hear the address the gateway
    // resolved (its peer, or what a trusted proxy in front of it said).
    const client = c.get('clientAddress');
    return forward(name, targetOf(name), c.req.raw, {
      timeoutMs: config.gateway.timeoutMs,
      logger: c.get('logger'),
      headers: {
        'x-request-id': c.get('requestId'),
        'x-forwarded-proto': new URL(c.req.url).protocol.replace(':', ''),
        'x-forwarded-host': c.req.header('host') ?? '',
        ...(client ? { 'x-forwarded-for': client } : {}),
      },
    });
  });
  const web = webHandler(config.gateway.webRoot);
  app.on(['GET', 'HEAD'], '*', async (c, next) => (await web(c)) ?? next());

  // Served by Node's HTTP server, the plain API reads skip Hono (see ./pass-through.ts).
  const fast = passThrough({
    targetOf,
    timeoutMs: config.gateway.timeoutMs,
    trustedProxies: config.http.trustedProxies,
    limiter,
    logger: options.logger,
  });
  const viaHono = app.fetch;
  app.fetch = (request, env, executionCtx) => fast.fetch(request, env) ?? viaHono(request, env, executionCtx);
  const handleNodeRequest: NodeRequestHandler = fast.node;
  return Object.assign(app, { handleNodeRequest });
}
