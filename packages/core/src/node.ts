import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { catalogue } from './catalogue';
import { type Config, ConfigError, loadConfig } from './config';
import type { Logger } from './logger';
import { PROBLEM_CONTENT_TYPE, problemBody } from './problem';
import { createServiceDeps, openDatabase, type ServiceModule } from './service';

export interface RunningServer {
  port: number;
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Node hands CONNECT to a separate event and, with no listener, drops the connection without a
 * word; answer it like any other method we do not serve.
 */
function refuseConnect(_req: IncomingMessage, socket: Socket): void {
  const body = JSON.stringify(
    problemBody(405, 'CONNECT is not supported: this server is not a proxy.', { requestId: randomUUID() }),
  );
  socket.end(
    [
      'HTTP/1.1 405 Method Not Allowed',
      'Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
      `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}

/** Serves a Hono app with Node's HTTP server. */
export function startServer(
  app: Pick<Hono, 'fetch'>,
  options: { port: number; hostname?: string },
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname ?? '127.0.0.1' }) as Server;
    server.on('connect', refuseConnect);
    const inFlight = new Set<ServerResponse>();
    server.on('request', (_req, res: ServerResponse) => {
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
    });
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      server.keepAliveTimeout = 65_000;
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        server,
        close: (graceMs = 10_000) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), graceMs).unref();
            server.close(() => {
              clearTimeout(force);
              done();
            });
            // Keep-alive clients would hold their connection open until the grace period ends;
            // answers still to come tell them to close it instead.
            for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
            server.closeIdleConnections();
          }),
      });
    });
  });
}

/**
 * On SIGTERM or SIGINT: stop accepting, finish in-flight requests, then run the cleanups
 * (close the database) and exit. A second signal exits at once.
 */
export function onShutdown(logger: Logger, cleanup: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    cleanup()
      .then(() => process.exit(0))
      .catch((err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** Prints a configuration error naming each bad setting, and exits. */
export function exitOnConfigError(err: unknown): never {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78); // EX_CONFIG
  }
  throw err;
}

/**
 * A service's `server.ts`: the container entry point. One service on its catalogue port against
 * `DATABASE_URL` (or the secret), graceful on SIGTERM.
 */
export async function runServiceServer(module: ServiceModule, env = process.env): Promise<RunningServer> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    exitOnConfigError(err);
  }
  const handle = await openDatabase(config);
  const deps = createServiceDeps(module.name, config, handle);
  const app = module.createApp(deps);
  const port = Number(env.PORT ?? catalogue[module.name].port + config.portOffset);
  const running = await startServer(app, { port, hostname: env.HOST ?? '0.0.0.0' });
  deps.logger.info({ port, database: handle.kind }, `${module.name} listening`);
  onShutdown(deps.logger, async () => {
    await running.close();
    await handle.close();
  });
  return running;
}
