/**
 * What every service app refuses or adds at the HTTP edge, whatever its routes: text no database
 * can store, ambiguous paths, statement values in the logs, caching of API answers, and a body over
 * the limit that must not break the connection it arrived on.
 */
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  createServiceApp,
  loggableError,
  type ServiceRouter,
  serviceAppOptions,
  unstorableFields,
} from '../src/index';
import { type RunningServer, startServer } from '../src/node';
import { createTestDatabase, createTestKeys, type TestDatabase, testDeps } from '../src/testing';

let db: TestDatabase;
let app: ServiceRouter;
let server: RunningServer;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  const deps = testDeps(db, await createTestKeys());
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ level: 'info', service: 'hr', destination });
  app = createServiceApp({ ...serviceAppOptions('hr', deps), logger }, (api) => {
    // Each value goes to the database as it came, as a route that forgot to check it would send it.
    api.post('/notes/:topic', async (c) => {
      const body = (await c.req.json()) as { lines?: { title?: string }[] };
      const values = [c.req.param('topic'), c.req.query('tag') ?? '', ...(body.lines ?? []).map((l) => l.title ?? '')];
      for (const value of values) await db.db.execute(sql`select ${value}::text`);
      return c.json({ stored: values.length }, 201);
    });
    api.get('/numbers', async (c) => {
      await db.db.execute(sql`select ${c.req.query('n') ?? ''}::int`);
      return c.json({});
    });
    api.get('/broken-query', async () => {
      await db.db.execute(sql`select * from hr.no_such_table where name = ${'Sensitive Value 7731'}`);
      return new Response(null, { status: 204 });
    });
    api.get('/cacheable', (c) => c.json({ keys: [] }, 200, { 'Cache-Control': 'public, max-age=300' }));
  });
  server = await startServer(app, { port: 0 });
});
afterAll(async () => {
  await server?.close(100);
  await db?.close();
});

const postNote = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('text no database can store', () => {
  it('422 naming the body field for a NUL, at any depth, before the route runs', async () => {
    const res = await postNote('/api/hr/notes/general', { lines: [{ title: 'fine' }, { title: 'a\u0000b' }] });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 422,
      errors: [{ path: 'lines.1.title', message: expect.stringMatching(/NUL/) }],
    });
  });

  it('422 for a lone UTF-16 surrogate, which would be stored as U+FFFD', async () => {
    const res = await app.request('/api/hr/notes/general', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"lines":[{"title":"a\\ud800b"}]}',
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([{ path: 'lines.0.title', message: expect.stringMatching(/surrogate/) }]);
    // A whole surrogate pair is ordinary text.
    expect((await postNote('/api/hr/notes/general', { lines: [{ title: 'mañana 😀' }] })).status).toBe(201);
  });

  it('400 naming the query field or path parameter for an encoded NUL', async () => {
    const query = await postNote('/api/hr/notes/general?tag=a%00b', { lines: [] });
    expect(query.status).toBe(400);
    expect((await query.json()).errors).toEqual([{ path: 'query.tag', message: expect.stringMatching(/NUL/) }]);
    const param = await postNote('/api/hr/notes/a%00b', { lines: [] });
    expect(param.status).toBe(400);
    expect((await param.json()).errors).toEqual([{ path: 'param.topic', message: expect.stringMatching(/NUL/) }]);
  });

  it('walks a deeply nested body without overflowing', () => {
    let deep: unknown = 'a\u0000b';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableFields(deep)).toEqual([{ path: `${'0.'.repeat(99_999)}0`, message: expect.any(String) }]);
  });
});

describe('what the log keeps of a failed statement', () => {
  it('logs a server error with its SQL but without the values it ran with', async () => {
    logLines.length = 0;
    const res = await app.request('/api/hr/broken-query');
    expect(res.status).toBe(500);
    const logged = JSON.stringify(logLines);
    expect(logged).toContain('no_such_table');
    expect(logged).not.toContain('Sensitive Value 7731');
  });

  it('does not log a database error the client caused and got a 4xx for', async () => {
    logLines.length = 0;
    const res = await app.request('/api/hr/numbers?n=Secret-4821');
    expect(res.status).toBe(400);
    expect(logLines.filter((l) => l.level !== 'info')).toEqual([]);
    expect(JSON.stringify(logLines)).not.toContain('Secret-4821');
  });

  it('strips the parameters drizzle, postgres.js and PostgreSQL attach to an error', () => {
    const driver = Object.assign(new Error('duplicate key value violates unique constraint "users_email"'), {
      code: '23505',
      detail: 'Key (email)=(jane@example.com) already exists.',
      parameters: ['jane@example.com'],
    });
    const wrapped = Object.assign(
      new Error('Failed query: insert into users (email) values ($1)\nparams: jane@example.com', { cause: driver }),
      { query: 'insert into users (email) values ($1)', params: ['jane@example.com'] },
    );
    const logged = JSON.stringify(loggableError(wrapped));
    expect(logged).not.toContain('jane@example.com');
    expect(logged).toContain('insert into users (email) values ($1)');
    expect(logged).toContain('23505');
  });
});

describe('headers on API answers', () => {
  it('Cache-Control: no-store on every /api answer, unless the route chose its own', async () => {
    expect((await postNote('/api/hr/notes/general', { lines: [] })).headers.get('cache-control')).toBe('no-store');
    expect((await app.request('/api/hr/no-such-route')).headers.get('cache-control')).toBe('no-store');
    expect((await app.request('/api/hr/cacheable')).headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('400 for encoded slashes and backslashes in the path', async () => {
    for (const path of ['/api/hr/..%2Fauth/users', '/api/hr/notes%2fgeneral', '/api/hr/%5Cnotes']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

/** One keep-alive connection: send raw bytes, read whole responses (by Content-Length). */
function rawConnection(port: number) {
  const socket = connect(port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  let ended = false;
  let wake: () => void = () => {};
  const woken = () => new Promise<void>((resolve) => (wake = resolve));
  socket.on('data', (data) => {
    buffer = Buffer.concat([buffer, data]);
    wake();
  });
  for (const event of ['end', 'close', 'error'])
    socket.on(event, () => {
      ended = true;
      wake();
    });
  const parse = () => {
    const end = buffer.indexOf('\r\n\r\n');
    if (end === -1) return undefined;
    const [statusLine = '', ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
    const headers = new Map(
      lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    const length = Number(headers.get('content-length') ?? 0);
    if (buffer.length < end + 4 + length) return undefined;
    const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    buffer = buffer.subarray(end + 4 + length);
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  };
  return {
    send: (data: string | Buffer) => socket.write(data),
    /** The next response, or undefined when the server closed the connection first. */
    async next() {
      for (;;) {
        const response = parse();
        if (response) return response;
        if (ended) return undefined;
        await woken();
      }
    },
    /** Resolves when the server has closed the connection. */
    closed: () => new Promise<void>((resolve) => (ended ? resolve() : socket.once('close', () => resolve()))),
    destroy: () => socket.destroy(),
  };
}

const bigPost = (bytes: number) =>
  `POST /api/hr/notes/general HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ${bytes}\r\nConnection: keep-alive\r\n\r\n`;

describe('a body over the limit', () => {
  it('413, and the next request on the same keep-alive connection is answered', async () => {
    const connection = rawConnection(server.port);
    const size = 1100 * 1024; // over the 1 MiB default
    connection.send(bigPost(size));
    connection.send(Buffer.alloc(size, 'x'));
    const first = await connection.next();
    expect(first?.status).toBe(413);
    connection.send('GET /health HTTP/1.1\r\nHost: test\r\n\r\n');
    const second = await connection.next();
    expect(second?.status).toBe(200);
    expect(JSON.parse(second?.body ?? '{}')).toMatchObject({ status: 'ok' });
    connection.destroy();
  });

  it('a body far over the limit: 413 with Connection: close, and the server closes the connection', async () => {
    const connection = rawConnection(server.port);
    connection.send(bigPost(8 * 1024 * 1024));
    connection.send(Buffer.alloc(64 * 1024, 'x'));
    const response = await connection.next();
    expect(response?.status).toBe(413);
    expect(response?.headers.get('connection')).toBe('close');
    expect(JSON.parse(response?.body ?? '{}')).toMatchObject({ status: 413 });
    await connection.closed();
  });

  it('CONNECT gets a 405 problem instead of a dropped connection', async () => {
    const connection = rawConnection(server.port);
    connection.send('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    const response = await connection.next();
    expect(response?.status).toBe(405);
    expect(response?.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(response?.body ?? '{}')).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    await connection.closed();
  });
});
