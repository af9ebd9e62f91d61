/**
 * Text no database can store (a NUL, a lone UTF-16 surrogate) is refused at the edge for every
 * field of every operation in every service's OpenAPI document: 400 naming the query field or path
 * parameter, 422 naming the JSON body field. Before, 22 of these reached PostgreSQL and answered
 * 500 with the statement and its values in the log. A service added later is covered by the same
 * walk, because the refusal lives in the kernel's app factory, not in the routes.
 */
import { type DomainServiceName, domainServices } from '@konecta/core';
import { createTestKeys, testDeps } from '@konecta/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceModules } from '../src/services';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = { name: string; in: string };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
type Fetch = (request: Request) => Response | Promise<Response>;

const NUL_TEXT = 'a\u0000b';
const UUID = '00000000-0000-4000-8000-000000000000';
const apps = new Map<DomainServiceName, Fetch>();

beforeAll(async () => {
  const keys = await createTestKeys();
  // No database: every request below must be refused before any route could reach one.
  const db = { db: {} as never, ping: async () => {}, kind: 'pglite', close: async () => {} } as never;
  for (const name of domainServices) {
    const app = serviceModules[name].createApp(testDeps(db, keys, { KONECTA_DATA_DIR: 'memory' }));
    apps.set(name, (r) => app.fetch(r));
  }
});

/** The dotted paths of every string in a JSON schema (`lines.0.title`), `$ref`s resolved. */
function stringPaths(schema: Schema | undefined, doc: Document, path: string[] = [], depth = 0): string[][] {
  if (!schema || depth > 8) return [];
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return stringPaths(doc.components?.schemas?.[name], doc, path, depth + 1);
  }
  const found: string[][] = [];
  for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    found.push(...stringPaths(part, doc, path, depth + 1));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('string')) found.push(path);
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    found.push(...stringPaths(child, doc, [...path, key], depth + 1));
  if (schema.items) found.push(...stringPaths(schema.items, doc, [...path, '0'], depth + 1));
  const seen = new Set<string>();
  return found.filter((p) => !seen.has(p.join('.')) && seen.add(p.join('.')));
}

/** A body holding NUL text at exactly this path, nothing else. */
function bodyWith(path: string[]): unknown {
  let value: unknown = NUL_TEXT;
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i] as string;
    value = /^\d+$/.test(key) ? [value] : { [key]: value };
  }
  return value;
}

interface Probe {
  label: string;
  request: Request;
  status: number;
  field: string;
}

function probes(doc: Document): Probe[] {
  const out: Probe[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [lower, op] of Object.entries(methods)) {
      const method = lower.toUpperCase();
      const params = op.parameters ?? [];
      const url = (nulParam?: string) =>
        `http://test${template.replace(/\{([^}]+)\}/g, (_, name) => (name === nulParam ? 'a%00b' : UUID))}`;
      for (const p of params.filter((p) => p.in === 'path'))
        out.push({
          label: `${method} ${template} param ${p.name}`,
          request: new Request(url(p.name), { method }),
          status: 400,
          field: `param.${p.name}`,
        });
      for (const p of params.filter((p) => p.in === 'query'))
        out.push({
          label: `${method} ${template} query ${p.name}`,
          request: new Request(`${url()}?${encodeURIComponent(p.name)}=a%00b`, { method }),
          status: 400,
          field: `query.${p.name}`,
        });
      const schema = op.requestBody?.content?.['application/json']?.schema;
      for (const path of stringPaths(schema, doc))
        out.push({
          label: `${method} ${template} body ${path.join('.') || '(root)'}`,
          request: new Request(url(), {
            method,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(bodyWith(path)),
          }),
          status: 422,
          field: path.join('.') || '(root)',
        });
    }
  }
  return out;
}

const tried: string[] = [];

describe.each(domainServices)('text no database can store, sent to %s', (name) => {
  it('is refused for every query field, path parameter and JSON body field, naming it', async () => {
    const fetch = apps.get(name) as Fetch;
    const doc = (await (await fetch(new Request(`http://test/api/${name}/openapi.json`))).json()) as Document;
    const failures: string[] = [];
    const all = probes(doc); // none yet for a service that only has /health and /ready
    for (const probe of all) {
      tried.push(probe.label);
      const res = await fetch(probe.request);
      const body = (await res.json().catch(() => ({}))) as { errors?: { path: string; message: string }[] };
      const named = body.errors?.some((e) => e.path === probe.field && /NUL/.test(e.message));
      if (res.status !== probe.status || !named)
        failures.push(`${probe.label} → ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 160)}`);
    }
    expect(failures, `${failures.length} of ${all.length} not refused`).toEqual([]);
  });
});

describe('the cases black-box testing found', () => {
  it('were among those tried', () => {
    console.log(`${tried.length} operation/field pairs tried`);
    expect(tried).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login body email',
        'PATCH /api/auth/me body fullName',
        'GET /api/hr/employees query search',
      ]),
    );
  });
});
