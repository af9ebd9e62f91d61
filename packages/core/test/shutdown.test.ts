import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRoute, createServiceApp, type ServiceRouter, serviceAppOptions } from '../src/index';
import { startServer } from '../src/node';
import { createTestDatabase, createTestKeys, type TestDatabase, testDeps } from '../src/testing';
import * as z from '../src/z';
import { sendAsServerCloses } from './raw-socket';

let db: TestDatabase;
let app: ServiceRouter;
let entered: () => void;
let release: () => void;

beforeAll(async () => {
  db = await createTestDatabase();
  app = createServiceApp(serviceAppOptions('hr', testDeps(db, await createTestKeys())), (api) => {
    api.openapi(
      createRoute({
        method: 'post',
        path: '/payroll-runs',
        responses: {
          200: { description: 'Done', content: { 'application/json': { schema: z.looseObject({}) } } },
        },
      }),
      async (c) => {
        entered();
        await new Promise<void>((r) => {
          release = r;
        });
        return c.json({ status: 'paid' }, 200);
      },
    );
  });
});
afterAll(() => db?.close());

/** One request on its own connection (no pooling), resolving with status and body. */
function post(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the error code of a new TCP connection, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

describe('graceful shutdown', () => {
  it('finishes a request in flight after close() and refuses new connections', async () => {
    const server = await startServer(app, { port: 0 });
    expect(await tryConnect(server.port)).toBe('connected');

    const handlerEntered = new Promise<void>((r) => {
      entered = r;
    });
    const inFlight = post(server.port, '/api/hr/payroll-runs');
    await handlerEntered;

    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });
    await vi.waitFor(() => expect(server.server.listening).toBe(false));
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
    expect(closed).toBe(false);

    release();
    expect(await inFlight).toEqual({ status: 200, body: '{"status":"paid"}' });
    await closing;
    expect(closed).toBe(true);
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
  });

  it('tells a keep-alive client in flight to close its connection, so close() need not wait out the grace', async () => {
    const server = await startServer(app, { port: 0 });
    const handlerEntered = new Promise<void>((r) => {
      entered = r;
    });
    const inFlight = fetch(`http://127.0.0.1:${server.port}/api/hr/payroll-runs`, { method: 'POST' });
    await handlerEntered;
    // A grace longer than the test's timeout: close() must finish because the connection closed.
    const closing = server.close(120_000);
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toEqual({ status: 'paid' });
    await closing;
  });

  it('answers a request that reached the server just before close(), rather than resetting it', async () => {
    const server = await startServer(app, { port: 0 });
    // Sent and closed in the same tick: the request is in the server's socket, not yet read.
    const { answer, closing } = await sendAsServerCloses(server, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await answer).toMatch(/^HTTP\/1\.1 200 OK\r\n(.*\r\n)*Connection: close\r\n/i);
    await closing;
  });

  it('closes at once when nothing is in flight, even with idle keep-alive connections', async () => {
    const server = await startServer(app, { port: 0 });
    const res = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(res.status).toBe(200);
    await res.text();
    await server.close();
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
  });
});
