import { describe, expect, it } from 'vitest';
import { LightHeaders, LightRequest, LightResponse } from '../src/fetch-light';
import { type HttpApiEvent, httpApiHandler } from '../src/lambda-http';

/**
 * The light classes against Node's own (undici), case by case: the same calls give the same
 * values, or fail with the same class of error.
 */
type Outcome = { value: unknown } | { error: string };

async function outcome(run: () => unknown): Promise<Outcome> {
  try {
    return { value: await run() };
  } catch (err) {
    return { error: (err as Error).constructor.name };
  }
}

const real = { Headers, Request, Response } as const;

it('compares with Node’s own classes (undici’s), not ones a server replaced them with', async () => {
  expect((await fetch('data:text/plain,x')).constructor).toBe(Response);
  expect(new Request('https://e.com/').headers).toBeInstanceOf(Headers);
});
const light = { Headers: LightHeaders, Request: LightRequest, Response: LightResponse } as unknown as typeof real;
type Classes = typeof real;

async function same(name: string, run: (k: Classes) => unknown) {
  const expected = await outcome(() => run(real));
  const actual = await outcome(() => run(light));
  expect(actual, name).toEqual(expected);
  return expected;
}

const headerCases: [string, (k: Classes) => unknown][] = [
  ['from a record, sorted and lower-cased', (k) => [...new k.Headers({ 'X-B': '2', 'x-a': '1', Accept: 'a/b' })]],
  [
    'from pairs, repeated names joined',
    (k) => [
      ...new k.Headers([
        ['a', '1'],
        ['A', '2'],
        ['b', '3'],
      ]),
    ],
  ],
  ['from another Headers', (k) => [...new k.Headers(new k.Headers({ a: '1', 'set-cookie': 'x=1' }))]],
  [
    'from Node’s own Headers',
    (k) => [
      ...new k.Headers(
        new Headers([
          ['a', '1'],
          ['set-cookie', 'x=1'],
          ['set-cookie', 'y=2'],
        ]),
      ),
    ],
  ],
  ['values trimmed of HTTP whitespace', (k) => new k.Headers({ a: ' \t 1 2 \r\n' }).get('a')],
  [
    'set-cookie kept apart',
    (k) => {
      const h = new k.Headers();
      h.append('Set-Cookie', 'a=1');
      h.append('set-cookie', 'b=2');
      h.append('x', '1');
      return { get: h.get('set-cookie'), list: h.getSetCookie(), entries: [...h], has: h.has('SET-COOKIE') };
    },
  ],
  [
    'set replaces, delete removes, get of nothing is null',
    (k) => {
      const h = new k.Headers({ a: '1', 'set-cookie': 'x=1' });
      h.append('a', '2');
      const joined = h.get('a');
      h.set('a', '3');
      h.set('set-cookie', 'y=2');
      h.delete('missing');
      const afterSet = [...h];
      h.delete('A');
      h.delete('set-cookie');
      return { joined, afterSet, after: [...h], none: h.get('a') };
    },
  ],
  [
    'forEach, keys and values in order',
    (k) => {
      const h = new k.Headers({ b: '2', a: '1', 'set-cookie': 'c=3' });
      const seen: string[] = [];
      h.forEach((value, name) => {
        seen.push(`${name}=${value}`);
      });
      return { seen, keys: [...h.keys()], values: [...h.values()] };
    },
  ],
  ['an invalid name', (k) => new k.Headers({ 'bad name': '1' })],
  ['a name with a colon', (k) => new k.Headers().append('a:b', '1')],
  ['a value with a newline inside', (k) => new k.Headers({ a: '1\n2' })],
  ['a value with NUL', (k) => new k.Headers().set('a', 'x\0y')],
  ['a value beyond Latin-1', (k) => new k.Headers({ a: 'caf\u00e9 \u20ac' })],
  ['a Latin-1 value', (k) => new k.Headers({ a: 'caf\u00e9' }).get('a')],
  ['a pair of three', (k) => new k.Headers([['a', '1', '2']] as unknown as [string, string][])],
  ['a primitive init', (k) => new k.Headers('a' as unknown as HeadersInit)],
  ['get with an invalid name', (k) => new k.Headers().get('a b')],
];

describe('LightHeaders behaves as Fetch’s Headers', () => {
  it.each(headerCases)('%s', async (name, run) => {
    await same(name, run);
  });
});

const bodies: [string, () => unknown][] = [
  ['no body', () => null],
  ['text', () => 'héllo wörld'],
  ['an empty string', () => ''],
  ['bytes', () => new TextEncoder().encode('{"a":1}')],
  ['a view into a larger buffer', () => new Uint8Array(new TextEncoder().encode('xxabcxx').buffer, 2, 3)],
  ['an ArrayBuffer', () => new TextEncoder().encode('ab').buffer],
  ['URL-encoded parameters', () => new URLSearchParams({ a: '1', b: 'two words' })],
  ['a Blob with a type', () => new Blob(['<a/>'], { type: 'application/xml' })],
  ['a stream of two chunks', () => streamOf('chunk one, ', 'chunk two')],
];

function streamOf(...parts: string[]) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
}

const bytesOf = async (body: { arrayBuffer(): Promise<ArrayBuffer> }) => [...new Uint8Array(await body.arrayBuffer())];

describe('LightResponse behaves as Fetch’s Response', () => {
  it.each(bodies)('a body of %s: content type, text, bytes and a second read', async (name, body) => {
    await same(`${name}: text`, async (k) => {
      const res = new k.Response(body() as BodyInit, { status: 201, statusText: 'Made', headers: { 'x-a': '1' } });
      const before = { status: res.status, ok: res.ok, statusText: res.statusText, used: res.bodyUsed };
      const type = res.headers.get('content-type');
      const text = await res.text();
      const second = await outcome(() => res.text());
      return { before, type, text, used: res.bodyUsed, second, hasBody: res.body !== null };
    });
    await same(`${name}: bytes`, async (k) => bytesOf(new k.Response(body() as BodyInit)));
    await same(`${name}: blob`, async (k) => {
      const blob = await new k.Response(body() as BodyInit).blob();
      return { type: blob.type, text: await blob.text() };
    });
  });

  it('reads JSON, and refuses what is not JSON with the same error', async () => {
    await same('json', (k) => new k.Response('{"a":[1,2]}').json());
    await same('not json', (k) => new k.Response('{nope').json());
  });

  it('refuses statuses out of range and bodies on statuses that have none', async () => {
    for (const status of [199, 600, 200.5, 0, 65736, -1]) {
      await same(`status ${status}`, (k) => new k.Response(null, { status }).status);
    }
    for (const status of [204, 205, 304]) {
      await same(`${status} with a body`, (k) => new k.Response('x', { status }));
      await same(`${status} without`, (k) => new k.Response(null, { status }).status);
    }
    await same('ok for 299 and 300', (k) => [
      new k.Response(null, { status: 299 }).ok,
      new k.Response(null, { status: 300 }).ok,
    ]);
  });

  it('keeps a content type given over the one the body implies', async () => {
    await same('given type', (k) =>
      new k.Response('{}', { headers: { 'Content-Type': 'application/json' } }).headers.get('content-type'),
    );
  });

  it('copies status and headers from a response given as init, and passes an unread body on', async () => {
    await same('rewrap', async (k) => {
      const first = new k.Response('passed on', { status: 202, headers: { 'x-a': '1' } });
      const second = new k.Response(first.body, first);
      second.headers.set('x-b', '2');
      return {
        status: second.status,
        headers: [...second.headers],
        text: await second.text(),
        firstHeaders: [...first.headers],
      };
    });
  });

  it('clones a body so both copies read it, and refuses to clone a read one', async () => {
    for (const [name, body] of bodies) {
      await same(`clone of ${name}`, async (k) => {
        const res = new k.Response(body() as BodyInit);
        const copy = res.clone();
        return [await copy.text(), await res.text(), await outcome(() => res.clone().status)];
      });
    }
  });

  it('reads a body through its stream, after which it is used', async () => {
    await same('stream read', async (k) => {
      const res = new k.Response('streamed');
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const chunks: number[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(...value);
      }
      return {
        text: new TextDecoder().decode(new Uint8Array(chunks)),
        used: res.bodyUsed,
        again: await outcome(() => res.text()),
      };
    });
  });

  it('parses a multipart form as Node does', async () => {
    const form = new FormData();
    form.append('name', 'Ada');
    form.append('file', new Blob(['bytes'], { type: 'text/plain' }), 'a.txt');
    await same('form', async (k) => {
      const parsed = await new k.Response(form).formData();
      const file = parsed.get('file') as File;
      return { name: parsed.get('name'), file: [file.name, file.type, await file.text()] };
    });
    await same('urlencoded form', async (k) => [...(await new k.Response(new URLSearchParams('a=1&b=2')).formData())]);
  });
});

describe('LightRequest behaves as Fetch’s Request', () => {
  it('normalises the URL and the method, and keeps others as given', async () => {
    await same('url and method', (k) => {
      const r = new k.Request('https://Example.com/a b/../c?x=1 2#frag', { method: 'post' });
      return [
        r.url,
        r.method,
        new k.Request('https://e.com/', { method: 'patch' }).method,
        new k.Request('https://e.com').method,
      ];
    });
  });

  it('refuses what Fetch refuses', async () => {
    await same('relative URL', (k) => new k.Request('/relative'));
    await same('credentials in the URL', (k) => new k.Request('https://user:pw@e.com/'));
    await same('invalid method', (k) => new k.Request('https://e.com/', { method: 'BAD METHOD' }));
    await same('forbidden method', (k) => new k.Request('https://e.com/', { method: 'trace' }));
    await same('GET with a body', (k) => new k.Request('https://e.com/', { method: 'GET', body: 'x' }));
    await same('HEAD with a body', (k) => new k.Request('https://e.com/', { method: 'HEAD', body: 'x' }));
  });

  it.each(bodies.filter(([name]) => name !== 'no body'))('reads a body of %s', async (name, body) => {
    await same(name, async (k) => {
      const r = new k.Request('https://e.com/x', {
        method: 'POST',
        body: body() as BodyInit,
        duplex: 'half',
      } as RequestInit);
      return {
        type: r.headers.get('content-type'),
        text: await r.text(),
        used: r.bodyUsed,
        again: await outcome(() => r.text()),
      };
    });
  });

  it('a request without a body reads as empty, any number of times', async () => {
    await same('no body', async (k) => {
      const r = new k.Request('https://e.com/x');
      return [r.body, await r.text(), await r.text(), r.bodyUsed];
    });
  });

  it('makes a request from another, taking its body, and clones one', async () => {
    await same('from a request', async (k) => {
      const first = new k.Request('https://e.com/x', { method: 'PUT', body: 'moved', headers: { 'x-a': '1' } });
      const second = new k.Request(first, { headers: { 'x-b': '2' } });
      return {
        url: second.url,
        method: second.method,
        headers: [...second.headers],
        text: await second.text(),
        firstUsed: first.bodyUsed,
      };
    });
    await same('clone', async (k) => {
      const r = new k.Request('https://e.com/x', { method: 'POST', body: 'twice' });
      const copy = r.clone();
      return [await copy.text(), await r.text(), copy.method, copy.url];
    });
    await same('a body read, then taken', async (k) => {
      const first = new k.Request('https://e.com/x', { method: 'POST', body: 'x' });
      await first.text();
      return new k.Request(first).url;
    });
  });

  it('parses a multipart body as Node does', async () => {
    const form = new FormData();
    form.append('a', '1');
    form.append('f', new Blob(['data'], { type: 'text/csv' }), 'f.csv');
    const encoded = new Response(form);
    const type = encoded.headers.get('content-type') as string;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    await same('multipart', async (k) => {
      const parsed = await new k.Request('https://e.com/', {
        method: 'POST',
        body: bytes,
        headers: { 'content-type': type },
      }).formData();
      return [parsed.get('a'), await (parsed.get('f') as File).text()];
    });
  });

  it('gives every request a signal, the one passed if any', () => {
    const controller = new AbortController();
    expect(new LightRequest('https://e.com/').signal.aborted).toBe(false);
    expect(new LightRequest('https://e.com/', { signal: controller.signal }).signal).toBe(controller.signal);
  });
});

describe('the HTTP API adapter answers light responses as it answers Node’s', () => {
  const event = {
    version: '2.0',
    rawPath: '/api/hr/files/1',
    rawQueryString: 'a=1',
    headers: { host: 'api.example.com', 'x-name': 'caf\u00e9' },
    cookies: ['a=1', 'b=2'],
    requestContext: { domainName: 'api.example.com', http: { method: 'GET' } },
  };
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff]);

  it.each([
    [
      'a binary document (base64)',
      (R: typeof Response) => new R(pdf, { headers: { 'content-type': 'application/pdf' } }),
    ],
    [
      'JSON text with cookies set',
      (R: typeof Response) => {
        const res = new R('{"ok":true}', { status: 201, headers: { 'content-type': 'application/json' } });
        res.headers.append('set-cookie', 'a=1; Path=/');
        res.headers.append('set-cookie', 'b=2; HttpOnly');
        return res;
      },
    ],
    ['an empty 204', (R: typeof Response) => new R(null, { status: 204 })],
    [
      'gzip-encoded text (base64)',
      (R: typeof Response) => new R('x', { headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' } }),
    ],
  ])('%s', async (name, make) => {
    const seen: { url: string; cookie: string | null; name: string | null }[] = [];
    const answer = (R: typeof Response) =>
      httpApiHandler((req) => {
        seen.push({ url: req.url, cookie: req.headers.get('cookie'), name: req.headers.get('x-name') });
        return make(R);
      })(event);
    const fromNode = await answer(Response);
    const fromLight = await answer(LightResponse as unknown as typeof Response);
    expect(fromLight).toEqual(fromNode);
    expect(fromLight.isBase64Encoded).toBe(name.includes('base64'));
    if (name.includes('binary')) expect(Buffer.from(fromLight.body, 'base64')).toEqual(Buffer.from(pdf));
    if (name.includes('cookies')) expect(fromLight.cookies).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(seen[0]).toEqual({
      url: 'https://api.example.com/api/hr/files/1?a=1',
      cookie: 'a=1; b=2',
      name: 'caf%C3%A9',
    });
  });

  it('decodes base64 bodies and answers an event it cannot read with a 400 problem', async () => {
    const bodies: string[] = [];
    const handler = httpApiHandler(async (req) => {
      bodies.push(await req.text());
      return new Response(null, { status: 204 });
    });
    await handler({
      ...event,
      requestContext: { http: { method: 'POST' } },
      body: Buffer.from('{"a":1}').toString('base64'),
      isBase64Encoded: true,
    });
    expect(bodies).toEqual(['{"a":1}']);
    const bad = await handler({ ...event, rawPath: undefined } as unknown as HttpApiEvent);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(bad.body)).toMatchObject({ status: 400, detail: 'The request could not be read.' });
  });
});
