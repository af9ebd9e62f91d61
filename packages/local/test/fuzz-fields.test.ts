/**
 * docs/quality.md: "0 responses ≥ 500 across a fuzz run of every operation in the OpenAPI
 * document", field by field. For every operation of every service's document (a service added
 * later included), the fields are read from the schemas ($refs resolved) and each is sent, in an
 * otherwise plausible request, the values that break careless code: NUL bytes, lone surrogates
 * and over-long text in every string; huge (1e308, 2^63, 2^53 + 1) and negative numbers in every
 * number; impossible dates (2026-02-30, 0000-00-00, 9999-99-99) in every date, month and instant;
 * and values of the wrong type (null, true, [], {}, 12, "12") in every body field —
 * in JSON bodies, query parameters and path parameters, with a token holding every permission.
 * fuzz.test.ts beside it sends whole malformed bodies; this one aims at one field at a time.
 */
import { allPermissions, type DomainServiceName, domainServices } from '@konecta/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BootedServices, bootServices, type Fetch } from './boot-services';

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
type Kind = 'string' | 'date' | 'month' | 'instant' | 'number';

const UUID = '00000000-0000-4000-8000-00000000f022';
const LONG = 'x'.repeat(5_000);
/** Numbers whose JSON text must survive exactly (2^63 and 2^53 + 1 are not JavaScript numbers). */
const NUMBER_TEXT = ['1e308', '-1e308', '9223372036854775808', '9007199254740993', '-1', '-9223372036854775809'];
const bad: Record<Kind, string[]> = {
  string: ['a\u0000b', 'a\ud800b', LONG],
  date: ['2026-02-30', '0000-00-00', '9999-99-99'],
  month: ['2026-13', '0000-00', '9999-99'],
  instant: ['2026-02-30T10:00:00Z', '0000-00-00T00:00:00Z', '9999-99-99T99:99:99Z'],
  number: NUMBER_TEXT,
};
/** In a URL a lone surrogate is what a client can send: its UTF-8 bytes, which are not UTF-8. */
const inUrl = (value: string) => encodeURIComponent(value.replace('\ud800', '')).replace('ab', 'a%ED%A0%80b');

let booted: BootedServices | undefined;
const apps = new Map<DomainServiceName, { fetch: Fetch; token: () => Promise<string> }>();

beforeAll(async () => {
  booted = await bootServices(domainServices);
  const { keys, services } = booted;
  for (const [name, { fetch }] of services) {
    const everything = await keys.tokenFor(allPermissions);
    // The auth service trusts only its own keys: the demo System Admin, signed in afresh when a
    // fuzzed request (a password change, say) ended the session.
    let session: string | undefined;
    const token =
      name === 'auth'
        ? async () => {
            if (session) {
              const me = await fetch(new Request('http://test/api/auth/me', { headers: bearer(session) }));
              if (me.status === 200) return session;
            }
            const res = await fetch(
              new Request('http://test/api/auth/login', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ email: 'admin@konecta.local', password: 'Konecta#2026' }),
              }),
            );
            session = ((await res.json()) as { accessToken: string }).accessToken;
            return session;
          }
        : async () => everything;
    apps.set(name, { fetch, token });
  }
}, 120_000);
afterAll(async () => {
  await booted?.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function resolve(schema: Schema | undefined, doc: Document, depth = 0): Schema | undefined {
  if (!schema || depth > 10) return undefined;
  if (!schema.$ref) return schema;
  return resolve(doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')], doc, depth + 1);
}

const typesOf = (s: Schema) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

function kindOf(s: Schema): Kind | undefined {
  const types = typesOf(s);
  if (types.includes('number') || types.includes('integer')) return 'number';
  if (!types.includes('string') || s.enum || s.const !== undefined || s.format === 'binary') return undefined;
  if (s.format === 'date-time') return 'instant';
  if (s.format === 'date' || s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date';
  if (s.pattern?.startsWith('^\\d{4}-') && !s.pattern.includes('-\\d{2}-')) return 'month';
  return 'string';
}

/**
 * Ids of existing records by resource, from the service's own lists (`departments` → the first
 * department's id), so a fuzzed request about one field reaches the code behind the others.
 */
type Ids = Map<string, string>;

/** The id for a field or path parameter named after a resource (`departmentId`, `roleIds`), when one is known. */
function idFor(name: string | undefined, ids: Ids): string {
  const resource = name
    ?.replace(/Ids?$/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();
  if (!resource) return UUID;
  for (const [list, id] of ids) {
    const last = list.split('/').at(-1) ?? '';
    if (last === `${resource}s` || last.endsWith(`-${resource}s`)) return id;
  }
  return UUID;
}

const hints: Record<string, string> = { currency: 'EGP', code: 'FZ1', email: 'fuzz.field@example.com' };

/** A value the schema accepts, as far as a generator can tell: the request gets past validation. */
function sample(schema: Schema | undefined, doc: Document, ids: Ids, name?: string, depth = 0): unknown {
  const s = resolve(schema, doc);
  if (!s || depth > 8) return null;
  const branch = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].find(
    (b) => !typesOf(resolve(b, doc) ?? {}).includes('null'),
  );
  if (branch) return sample(branch, doc, ids, name, depth + 1);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const types = typesOf(s);
  if (types.includes('object') || s.properties) {
    // Every field, optional ones too: each is then fuzzed inside an otherwise whole request.
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(s.properties ?? {})) out[key] = sample(child, doc, ids, key, depth + 1);
    return out;
  }
  if (types.includes('array')) return [sample(s.items, doc, ids, name, depth + 1)];
  if (types.includes('boolean')) return false;
  if (types.includes('integer') || types.includes('number')) {
    const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    return Math.min(Math.max(low, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
  }
  if (s.format === 'uuid') return idFor(name, ids);
  if (name && hints[name]) return hints[name];
  if (s.format === 'email') return 'fuzz.field@example.com';
  const kind = kindOf(s);
  if (kind === 'date') return '2026-03-02';
  if (kind === 'month') return '2026-03';
  if (kind === 'instant') return '2026-03-02T10:00:00Z';
  if (s.pattern) {
    const pattern = new RegExp(s.pattern);
    const candidates = ['100.00', 'EGP', 'Fuzz_User1', 'AB-123', 'ABC123456', 'ACCT 123456', '123456', 'a.b.c'];
    const fit = candidates.find((c) => pattern.test(c));
    if (fit) return fit;
  }
  return 'Fuzz value'.padEnd(s.minLength ?? 0, 'x');
}

/** The dotted paths of every string, date, instant and number in a schema, with their kind. */
function fields(schema: Schema | undefined, doc: Document, path: string[] = [], depth = 0): [string[], Kind][] {
  const s = resolve(schema, doc);
  if (!s || depth > 8) return [];
  const found: [string[], Kind][] = [];
  for (const part of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])])
    found.push(...fields(part, doc, path, depth + 1));
  const kind = kindOf(s);
  if (kind) found.push([path, kind]);
  for (const [key, child] of Object.entries(s.properties ?? {}))
    found.push(...fields(child, doc, [...path, key], depth + 1));
  if (s.items) found.push(...fields(s.items, doc, [...path, '0'], depth + 1));
  const seen = new Set<string>();
  return found.filter(([p, k]) => !seen.has(`${p.join('.')}:${k}`) && seen.add(`${p.join('.')}:${k}`));
}

/** The base body with `marker` at `path` (objects and arrays made on the way). */
function withValue(base: unknown, path: string[], marker: unknown): unknown {
  if (!path.length) return marker;
  const [head, ...rest] = path as [string, ...string[]];
  if (/^\d+$/.test(head)) {
    const list = Array.isArray(base) ? [...base] : [];
    list[Number(head)] = withValue(list[Number(head)], rest, marker);
    return list;
  }
  const object = base && typeof base === 'object' && !Array.isArray(base) ? { ...base } : {};
  (object as Record<string, unknown>)[head] = withValue((object as Record<string, unknown>)[head], rest, marker);
  return object;
}

/** Values of the wrong type, sent to every body field whatever its kind (JSON text). */
const wrongTypes = ['null', 'true', '[]', '{}', '12', '"12"'];

/** JSON text of the body with the bad value at `path`: numbers and wrong types written exactly as given. */
function bodyText(base: unknown, path: string[], kind: Kind | 'json', value: string): string {
  if (kind !== 'number' && kind !== 'json') return JSON.stringify(withValue(base, path, value));
  const marker = '__fuzz_number__';
  return JSON.stringify(withValue(base, path, marker)).replace(`"${marker}"`, value);
}

/** A path parameter: the id of the resource the path names (`/departments/{id}`), else by its own name. */
function pathId(template: string, param: string, ids: Ids): string {
  const list = template.slice(0, template.indexOf(`/{${param}}`));
  return ids.get(list) ?? idFor(param, ids);
}

/** The first id of every list the document has (`GET /api/hr/departments` → its first item). */
async function existingIds(fetch: Fetch, doc: Document, token: string): Promise<Ids> {
  const ids: Ids = new Map();
  for (const [template, methods] of Object.entries(doc.paths)) {
    if (template.includes('{') || !methods.get) continue;
    const res = await fetch(new Request(`http://test${template}`, { headers: bearer(token) }));
    const body = (await res.json().catch(() => undefined)) as { items?: { id?: unknown }[] } | undefined;
    const id = body?.items?.[0]?.id;
    if (res.status === 200 && typeof id === 'string') ids.set(template, id);
  }
  return ids;
}

interface Probe {
  label: string;
  method: string;
  url: string;
  body?: string;
}

function probes(doc: Document, ids: Ids): Probe[] {
  const out: Probe[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [lower, op] of Object.entries(methods)) {
      const method = lower.toUpperCase();
      // Signing out everywhere would end the fuzzer's own session half-way through.
      if (template.endsWith('/logout-all')) continue;
      const params = op.parameters ?? [];
      const pathWith = (name?: string, value?: string) =>
        template.replace(/\{([^}]+)\}/g, (_, p) =>
          p === name ? inUrl(value ?? '') : encodeURIComponent(pathId(template, p, ids)),
        );
      const queryWith = (name?: string, value?: string) => {
        const pairs = params
          .filter((p) => p.in === 'query' && (p.required || p.name === name))
          .map(
            (p) =>
              `${encodeURIComponent(p.name)}=${p.name === name ? inUrl(value ?? '') : encodeURIComponent(String(sample(p.schema, doc, ids, p.name)))}`,
          );
        return pairs.length ? `?${pairs.join('&')}` : '';
      };
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const base = schema ? sample(schema, doc, ids) : undefined;
      const baseBody = base === undefined ? undefined : JSON.stringify(base);
      for (const p of params.filter((x) => x.in === 'path' || x.in === 'query')) {
        const kind = p.schema ? (kindOf(resolve(p.schema, doc) ?? {}) ?? 'string') : 'string';
        for (const value of bad[kind]) {
          const [path, query] =
            p.in === 'path' ? [pathWith(p.name, value), queryWith()] : [pathWith(), queryWith(p.name, value)];
          out.push({
            label: `${method} ${template} ${p.in} ${p.name}=${value.slice(0, 24)}`,
            method,
            url: `${path}${query}`,
            body: baseBody,
          });
        }
      }
      for (const [path, kind] of schema ? fields(schema, doc) : []) {
        for (const value of wrongTypes) {
          out.push({
            label: `${method} ${template} body ${path.join('.') || '(root)'}=${value}`,
            method,
            url: `${pathWith()}${queryWith()}`,
            body: bodyText(base, path, 'json', value),
          });
        }
        for (const value of bad[kind]) {
          out.push({
            label: `${method} ${template} body ${path.join('.') || '(root)'}=${value.slice(0, 24)}`,
            method,
            url: `${pathWith()}${queryWith()}`,
            body: bodyText(base, path, kind, value),
          });
        }
      }
    }
  }
  return out;
}

const tried: string[] = [];

describe.each(domainServices)('every field of every operation of %s, fuzzed', (name) => {
  it('never answers 5xx', async () => {
    const app = apps.get(name);
    if (!app) throw new Error(`no app for ${name}`);
    const doc = (await (await app.fetch(new Request(`http://test/api/${name}/openapi.json`))).json()) as Document;
    let token = await app.token();
    const all = probes(doc, await existingIds(app.fetch, doc, token));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const probe of all) {
      tried.push(probe.label);
      const headers: Record<string, string> = bearer(token);
      if (probe.body !== undefined) headers['content-type'] = 'application/json';
      let res = await app.fetch(
        new Request(`http://test${probe.url}`, { method: probe.method, headers, body: probe.body }),
      );
      if (res.status === 401 && name === 'auth') {
        token = await app.token(); // a fuzzed request ended the session: sign in and send it again
        res = await app.fetch(
          new Request(`http://test${probe.url}`, {
            method: probe.method,
            headers: { ...headers, ...bearer(token) },
            body: probe.body,
          }),
        );
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (process.env.FUZZ_DEBUG) console.log('PROBE', res.status, probe.label.slice(0, 110));
      if (res.status >= 500) failures.push(`${probe.label} → ${res.status} ${(await res.text()).slice(0, 200)}`);
    }
    console.log(name, all.length, JSON.stringify(Object.fromEntries(statuses)));
    expect(failures, `${failures.length} of ${all.length} requests answered 5xx`).toEqual([]);
  }, 120_000);
});

describe('the fields black-box testing named', () => {
  it('were among those fuzzed', () => {
    console.log(`${tried.length} field/value pairs sent`);
    expect(tried).toEqual(
      expect.arrayContaining([
        'POST /api/hr/employees body hireDate=9999-99-99',
        'POST /api/hr/employees body weeklyHours=9007199254740993',
        'POST /api/hr/employees body firstName=a\u0000b',
        'GET /api/hr/applications/{id}/interviews path id=a\u0000b',
        'GET /api/hr/employees query limit=1e308',
      ]),
    );
  });
});
