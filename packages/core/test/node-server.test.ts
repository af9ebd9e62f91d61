import { type IncomingMessage, request, type ServerResponse } from 'node:http';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type NodeApp, startServer } from '../src/node';
import { sendAsServerCloses } from './raw-socket';

/**
 * `startServer` with an app's own `handleNodeRequest` in front of Hono (the gateway's
 * pass-through): what it takes it answers on Node's response, the rest Hono answers as usual.
 */
function appWithOwnHandler(): NodeApp {
  const app = new Hono();
  app.get('/hono', (c) => c.text('from Hono'));
  app.get('/cookies', (c) => {
    c.header('set-cookie', 'a=1; Path=/', { append: true });
    c.header('set-cookie', 'b=2; Path=/', { append: true });
    return c.text('two cookies');
  });
  return Object.assign(app, {
    handleNodeRequest: (incoming: IncomingMessage, outgoing: ServerResponse) => {
      if (incoming.url === '/own-cookies') {
        // As the gateway's pass-through writes an upstream answer: Node's flat list of pairs.
        outgoing.writeHead(200, ['set-cookie', 'a=1; Path=/', 'set-cookie', 'b=2; Path=/', 'content-length', '11']);
        outgoing.end('two cookies');
        return true;
      }
      if (incoming.url !== '/own') return false;
      outgoing.writeHead(200, ['content-type', 'text/plain', 'content-length', '8']);
      outgoing.end('from own');
      return true;
    },
  });
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
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

describe("an app's own handler in front of Hono", () => {
  it('answers what it takes; Hono answers what it leaves, a missing route included', async () => {
    const server = await startServer(appWithOwnHandler(), { port: 0 });
    try {
      expect(await get(server.port, '/own')).toEqual({ status: 200, body: 'from own' });
      expect(await get(server.port, '/hono')).toEqual({ status: 200, body: 'from Hono' });
      expect((await get(server.port, '/nowhere')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('an answer it writes at once while the server closes still tells the client to close the connection', async () => {
    const server = await startServer(appWithOwnHandler(), { port: 0 });
    // Sent and closed in the same tick: the request is read while the server is closing.
    const { answer, closing } = await sendAsServerCloses(server, 'GET /own HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await answer).toMatch(/^HTTP\/1\.1 200 OK\r\n(.*\r\n)*Connection: close\r\n(.*\r\n)*\r\nfrom own$/i);
    await closing;
  });

  it.each(['/cookies', '/own-cookies'])(
    'an answer with two cookies written while the server closes keeps both, and closes the connection (%s)',
    async (path) => {
      const server = await startServer(appWithOwnHandler(), { port: 0 });
      const { answer, closing } = await sendAsServerCloses(server, `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
      const text = await answer;
      expect(text.match(/^set-cookie: .*$/gim)).toEqual(['set-cookie: a=1; Path=/', 'set-cookie: b=2; Path=/']);
      expect(text).toMatch(/\r\nConnection: close\r\n/i);
      expect(text).toMatch(/two cookies$/);
      await closing;
    },
  );
});
