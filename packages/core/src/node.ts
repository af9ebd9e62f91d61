import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { catalogue } from './catalogue';
import { type Config, ConfigError, loadConfig } from './config';
import type { Logger } from './logger';
import { PROBLEM_CONTENT_TYPE, problemBody } from './problem';
import { createServiceDeps, openDatabase, type ServiceModule } from './service';

/**
 * An app's own first look at a request on Node's HTTP server, before Hono's (the gateway's
 * pass-through): true when it has taken the request and answers it itself, false to leave it to
 * Hono. It runs on Node's request and response as they are: no Fetch request, no promise.
 */
export type NodeRequestHandler = (incoming: IncomingMessage, outgoing: ServerResponse) => boolean;

/** What `startServer` serves: a Hono app, perhaps with its own handler in front (see above). */
export interface NodeApp extends Pick<Hono, 'fetch'> {
  handleNodeRequest?: NodeRequestHandler;
}

export interface RunningServer {
  port: number;
  server: Server;
  /**
   * Stops accepting, lets in-flight requests finish (up to `graceMs`, 30 s by default: the longest
   * an API request may run), then resolves.
   */
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

/** Resolves after `turns` passes of the event loop, each with a poll for I/O already waiting. */
async function afterPolls(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Passes of the event loop that may each accept a waiting connection: the listen backlog. */
const MAX_ACCEPT_PASSES = 512;

/**
 * Serves a Hono app with Node's HTTP server (through `@hono/node-server`'s listener, after the app's
 * own `handleNodeRequest` when it has one). `close()` shuts it in this order: connections the
 * kernel already completed are still taken in, and the requests already sent on them read, so a
 * request sent just before the signal is answered rather than reset; then the listener closes (new
 * connections are refused), connections with no request in progress are closed, and every request
 * already being read or answered finishes, its answer telling the client to close the connection.
 */
export function startServer(app: NodeApp, options: { port: number; hostname?: string }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const hostname = options.hostname ?? '127.0.0.1';
    const viaHono = getRequestListener(app.fetch, { hostname });
    const own = app.handleNodeRequest;
    const inFlight = new Set<ServerResponse>();
    let closing: Promise<void> | undefined;
    let idleSwept = false;
    let accepted = 0;
    // One listener with `this` for the response: nothing made per request but the set's entry.
    function answered(this: ServerResponse) {
      inFlight.delete(this);
      // An answer whose headers went out before the close began left a keep-alive connection.
      if (idleSwept) setImmediate(() => server.closeIdleConnections());
    }
    // In flight is counted before the app sees the request: an answer it writes at once is still
    // told to close the connection when the server is closing.
    const server = createServer((incoming, outgoing) => {
      inFlight.add(outgoing);
      // Not `setHeader('Connection', 'close')`: once a header is set, Node's writeHead sets the
      // headers it is given one by one, and of a repeated one (two Set-Cookie) only the last stays.
      // Without keep-alive Node writes `Connection: close` itself and closes after the answer.
      if (closing) outgoing.shouldKeepAlive = false;
      outgoing.on('close', answered);
      if (!own?.(incoming, outgoing)) void viaHono(incoming, outgoing);
    });
    server.on('connect', refuseConnect);
    server.on('connection', () => {
      accepted++;
    });
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      server.keepAliveTimeout = 65_000;
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        server,
        close: (graceMs = 30_000) => {
          closing ??= shut(graceMs);
          return closing;
        },
      });
    });
    server.listen(options.port, hostname);
    const shut = async (graceMs: number) => {
      // Keep-alive clients would hold their connection open until the grace period ends;
      // answers still to come tell them to close it instead.
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      // Connections waiting in the listen backlog are taken in over several passes of the event loop
      // (one a pass when it is busy): pass until one takes in none.
      for (let pass = 0; pass < MAX_ACCEPT_PASSES; pass++) {
        const before = accepted;
        await afterPolls(2);
        if (accepted === before) break;
      }
      const force = setTimeout(() => server.closeAllConnections(), graceMs).unref();
      // net.Server's close, not http.Server's: the latter also drops idle connections at once,
      // including one whose request has arrived but not been read yet.
      const closed = new Promise<void>((done) => net.Server.prototype.close.call(server, () => done()));
      // A poll more reads what the last connections taken in have sent (a request begun is not idle).
      await afterPolls(2);
      idleSwept = true;
      server.closeIdleConnections();
      await closed;
      clearTimeout(force);
    };
  });
}

/** A signal that repeats within this long is the same request to stop (see onShutdown). */
const REPEAT_WINDOW_MS = 500;

/**
 * On SIGTERM or SIGINT: stop accepting, finish in-flight requests, then run the cleanups
 * (close the database) and exit 0. A second signal exits at once (code 1) — except a copy of the
 * first arriving within half a second: `npm start` forwards the SIGTERM or Ctrl+C its process group
 * already delivered, so one stop request reaches the process twice.
 */
export function onShutdown(logger: Logger, cleanup: () => Promise<void>, onStop?: (signal: string) => void): void {
  let first: { signal: string; at: number } | undefined;
  const stop = (signal: NodeJS.Signals) => {
    const at = performance.now();
    if (first) {
      if (signal === first.signal && at - first.at < REPEAT_WINDOW_MS) return;
      logger.warn({ signal }, 'second signal: exiting without finishing');
      process.exit(1);
    }
    first = { signal, at };
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    onStop?.(signal);
    cleanup()
      .then(() => process.exit(0))
      .catch((err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
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
