/**
 * `Headers`, `Request` and `Response` for the Lambda bundles, put in place of the globals by
 * esbuild's `inject` (build/bundle.ts) so that nothing else in the process changes. Node's own are
 * undici's, and the first use of any of them loads undici: about a third of an empty Node's start
 * (bench/results/cold-phases-2026-11-30.md), paid at every cold start although an invocation is
 * an event in and an object out. These hold what an invocation needs — headers, a body of text or
 * bytes, reading it once — as Fetch defines it (names checked, values trimmed, `set-cookie` kept
 * apart, entries sorted, errors of the same classes); a body that is a stream is read as a stream, and a
 * `Blob` or `FormData` body, or `formData()`, is handed to Node's own classes when it is used, so
 * it behaves as Fetch does, only later. `fetch()` itself stays Node's. Left out, as nothing here
 * uses them: `Response.json()`, `Response.redirect()`, `Response.error()` and a request's
 * `cache`, `mode`, `credentials` and the like.
 *
 * packages/core/test/fetch-light.test.ts holds these to Node's classes case by case;
 * lambda-handler.test.ts and lambda-bundle-fuzz.test.ts run bundled functions (these classes)
 * against the same functions from source.
 */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** NUL, CR, LF, or anything that is not a byte (Fetch's values are byte strings). */
const BAD_VALUE = /[\0\r\n]|[^\0-\xff]/;
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

function headerName(name: unknown): string {
  const text = String(name);
  if (!TOKEN.test(text)) throw new TypeError(`Invalid header name: "${text}"`);
  return text.toLowerCase();
}

function headerValue(value: unknown): string {
  const text = String(value).replace(EDGE_WHITESPACE, '');
  if (BAD_VALUE.test(text)) throw new TypeError(`Invalid header value: "${text}"`);
  return text;
}

type HeadersLike = Iterable<readonly unknown[]> | Record<string, unknown>;

export class LightHeaders {
  #values = new Map<string, string>();
  #cookies: string[] = [];

  constructor(init?: HeadersLike | LightHeaders | null) {
    if (init == null) return;
    if (init instanceof LightHeaders) {
      this.#values = new Map(init.#values);
      this.#cookies = [...init.#cookies];
    } else if (typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError('Headers: init must be an object or a list of pairs');
    } else if (typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const pair of init as Iterable<readonly unknown[]>) {
        const entry = typeof pair === 'string' ? null : [...pair];
        if (entry?.length !== 2) throw new TypeError('Headers: an entry is not a [name, value] pair');
        this.append(entry[0] as string, entry[1] as string);
      }
    } else {
      for (const name of Object.keys(init)) this.append(name, (init as Record<string, unknown>)[name] as string);
    }
  }

  append(name: string, value: string): void {
    const key = headerName(name);
    const text = headerValue(value);
    if (key === 'set-cookie') this.#cookies.push(text);
    else {
      const before = this.#values.get(key);
      this.#values.set(key, before === undefined ? text : `${before}, ${text}`);
    }
  }

  set(name: string, value: string): void {
    const key = headerName(name);
    const text = headerValue(value);
    if (key === 'set-cookie') this.#cookies = [text];
    else this.#values.set(key, text);
  }

  get(name: string): string | null {
    const key = headerName(name);
    if (key === 'set-cookie') return this.#cookies.length ? this.#cookies.join(', ') : null;
    return this.#values.get(key) ?? null;
  }

  has(name: string): boolean {
    const key = headerName(name);
    return key === 'set-cookie' ? this.#cookies.length > 0 : this.#values.has(key);
  }

  delete(name: string): void {
    const key = headerName(name);
    if (key === 'set-cookie') this.#cookies = [];
    else this.#values.delete(key);
  }

  getSetCookie(): string[] {
    return [...this.#cookies];
  }

  /** Sorted by name, each `set-cookie` an entry of its own, as Fetch iterates. */
  #list(): [string, string][] {
    const names = [...this.#values.keys()];
    if (this.#cookies.length) names.push('set-cookie');
    names.sort();
    const out: [string, string][] = [];
    for (const name of names) {
      if (name === 'set-cookie') for (const cookie of this.#cookies) out.push([name, cookie]);
      else out.push([name, this.#values.get(name) as string]);
    }
    return out;
  }

  forEach(callback: (value: string, name: string, headers: LightHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.#list()) callback.call(thisArg, value, name, this);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#list()[Symbol.iterator]();
  }

  keys(): IterableIterator<string> {
    return this.#list().map(first)[Symbol.iterator]();
  }

  values(): IterableIterator<string> {
    return this.#list().map(second)[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

const first = ([name]: [string, string]) => name;
const second = ([, value]: [string, string]) => value;

/** A body as it is kept: text and bytes as given (bytes copied), anything else as a stream. */
type Source = string | Uint8Array | ReadableStream<Uint8Array> | null;

/** The streams `body` handed out, to the body they came from: passed on unread, they pass the source on. */
const unreadStreams = new WeakMap<ReadableStream<Uint8Array>, LightBody>();

const isStream = (value: unknown): value is ReadableStream<Uint8Array> =>
  typeof (value as ReadableStream | null)?.getReader === 'function';

/** Fetch's "extract a body": the source and the content type it implies. */
function extract(body: unknown): { source: Source; type: string | null } {
  if (body == null) return { source: null, type: null };
  if (typeof body === 'string') return { source: body, type: 'text/plain;charset=UTF-8' };
  if (body instanceof URLSearchParams) {
    return { source: body.toString(), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (body instanceof ArrayBuffer) return { source: new Uint8Array(body.slice(0)), type: null };
  if (ArrayBuffer.isView(body)) {
    const start = body.byteOffset;
    return { source: new Uint8Array(body.buffer.slice(start, start + body.byteLength)), type: null };
  }
  if (isStream(body)) {
    const owner = unreadStreams.get(body);
    if (owner && !body.locked && !owner.bodyUsed) return { source: owner.takeSource(), type: null };
    return { source: body, type: null };
  }
  // Blob, FormData and the like: Node's own Response extracts them (a multipart boundary, a type).
  const real = new globalThis.Response(body as BodyInit);
  return { source: real.body, type: real.headers.get('content-type') };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) throw new TypeError('A body stream must give bytes');
    chunks.push(value);
    length += value.byteLength;
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What `Request` and `Response` share: one body, read at most once. */
abstract class LightBody {
  #source: Source = null;
  #used = false;
  #stream: ReadableStream<Uint8Array> | undefined;
  abstract readonly headers: LightHeaders;

  protected setBody(body: unknown): void {
    const { source, type } = extract(body);
    this.#source = source;
    if (type !== null && !this.headers.has('content-type')) this.headers.set('content-type', type);
  }

  protected setSource(source: Source): void {
    this.#source = source;
  }

  /** The source, handed to a new body: this one counts as read. */
  takeSource(): Source {
    this.#used = true;
    return this.#source;
  }

  get body(): ReadableStream<Uint8Array> | null {
    const source = this.#source;
    if (source === null) return null;
    if (isStream(source)) return source;
    if (!this.#stream) {
      // Pulled only when read (no high-water mark), and reading it is using the body.
      this.#stream = new ReadableStream<Uint8Array>(
        {
          pull: (controller) => {
            this.#used = true;
            controller.enqueue(typeof source === 'string' ? encoder.encode(source) : source);
            controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      unreadStreams.set(this.#stream, this);
    }
    return this.#stream;
  }

  /** Whether there is a body at all, without making a stream of it. */
  get hasBody(): boolean {
    return this.#source !== null;
  }

  /** A null body is never used up, as in Fetch. */
  get bodyUsed(): boolean {
    const source = this.#source;
    if (source === null) return false;
    return this.#used || (isStream(source) && source.locked && !unreadStreams.has(source));
  }

  async #bytes(): Promise<Uint8Array | string> {
    const source = this.#source;
    if (source === null) return new Uint8Array(0);
    if (this.bodyUsed) throw new TypeError('Body has already been read');
    this.#used = true;
    if (isStream(source)) return readAll(source);
    return source;
  }

  async text(): Promise<string> {
    const bytes = await this.#bytes();
    return typeof bytes === 'string' ? bytes : decoder.decode(bytes);
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    const bytes = await this.#bytes();
    return typeof bytes === 'string' ? encoder.encode(bytes) : bytes.slice();
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer as ArrayBuffer;
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' });
  }

  /** Multipart and URL-encoded forms are parsed by Node's own classes. */
  async formData(): Promise<FormData> {
    const type = this.headers.get('content-type');
    const bytes = await this.bytes();
    return new globalThis.Response(bytes, type === null ? {} : { headers: { 'content-type': type } }).formData();
  }

  /** The source for a copy, with this body still readable (a stream is split in two). */
  protected cloneSource(): Source {
    if (this.bodyUsed) throw new TypeError('Body has already been read');
    const source = this.#source;
    if (!isStream(source)) return source;
    const [mine, theirs] = source.tee();
    this.#source = mine;
    return theirs;
  }
}

const NORMALISED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

interface RequestInitLike {
  method?: string;
  headers?: HeadersLike | LightHeaders;
  body?: unknown;
  signal?: AbortSignal | null;
  duplex?: string;
}

interface RequestLike {
  url: string;
  method: string;
  headers: HeadersLike | LightHeaders;
  body: ReadableStream<Uint8Array> | null;
  bodyUsed: boolean;
  signal?: AbortSignal;
}

export class LightRequest extends LightBody {
  readonly url: string;
  readonly method: string;
  readonly headers: LightHeaders;
  #signal: AbortSignal | undefined;

  constructor(input: string | URL | LightRequest | RequestLike, init: RequestInitLike = {}) {
    super();
    const base = typeof input === 'object' && !(input instanceof URL) ? input : undefined;
    let url: URL;
    try {
      url = new URL(base ? base.url : String(input));
    } catch (cause) {
      throw new TypeError(`Invalid URL: ${base ? base.url : String(input)}`, { cause });
    }
    if (url.username || url.password) throw new TypeError('A request URL cannot hold credentials');
    this.url = url.href;
    let method = init.method ?? base?.method ?? 'GET';
    if (init.method !== undefined) {
      const upper = method.toUpperCase();
      if (!TOKEN.test(method) || FORBIDDEN_METHODS.has(upper)) throw new TypeError(`Invalid method: ${method}`);
      if (NORMALISED_METHODS.has(upper)) method = upper;
    }
    this.method = method;
    this.headers = new LightHeaders(init.headers ?? base?.headers);
    this.#signal = init.signal ?? base?.signal ?? undefined;
    const baseHasBody = base instanceof LightRequest ? base.hasBody : base?.body != null;
    if (init.body === undefined && baseHasBody && base?.bodyUsed) {
      throw new TypeError('A request whose body has been read cannot be copied');
    }
    const hasBody = init.body != null || (init.body === undefined && baseHasBody);
    if (hasBody && (method === 'GET' || method === 'HEAD')) {
      throw new TypeError('A GET or HEAD request cannot have a body');
    }
    if (init.body !== undefined) this.setBody(init.body);
    else if (base instanceof LightRequest) this.setSource(base.takeSource());
    else if (base?.body) this.setSource(base.body);
  }

  get signal(): AbortSignal {
    this.#signal ??= new AbortController().signal;
    return this.#signal;
  }

  clone(): LightRequest {
    const copy = new LightRequest(this.url, { method: this.method, headers: this.headers, signal: this.#signal });
    copy.setSource(this.cloneSource());
    return copy;
  }
}

interface ResponseInitLike {
  status?: number;
  statusText?: string;
  headers?: HeadersLike | LightHeaders;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export class LightResponse extends LightBody {
  readonly status: number;
  readonly statusText: string;
  readonly headers: LightHeaders;

  constructor(body: unknown = null, init: ResponseInitLike = {}) {
    super();
    // Fetch reads the status as a WebIDL `unsigned short`: truncated, modulo 2^16.
    const given = Number(init.status ?? 200);
    const status = Number.isFinite(given) ? ((Math.trunc(given) % 65536) + 65536) % 65536 : 0;
    if (status < 200 || status > 599) {
      throw new RangeError(`Invalid status: ${status}`);
    }
    this.status = status;
    this.statusText = init.statusText ?? '';
    this.headers = new LightHeaders(init.headers);
    if (body != null) {
      if (NULL_BODY_STATUSES.has(status)) {
        throw new TypeError(`A ${status} response cannot have a body`);
      }
      this.setBody(body);
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  clone(): LightResponse {
    const copy = new LightResponse(null, this);
    copy.setSource(this.cloneSource());
    return copy;
  }
}

/** The names esbuild's `inject` puts in place of the globals in a Lambda bundle. */
export { LightHeaders as Headers, LightRequest as Request, LightResponse as Response };
