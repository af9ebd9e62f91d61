import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_DIR, driftedFiles, generateApiTypes, openApiDocuments } from '../src/api-types';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let generated: Map<string, string>;
let scratch: string;

let documents: Awaited<ReturnType<typeof openApiDocuments>>;

beforeAll(async () => {
  documents = await openApiDocuments();
  generated = await generateApiTypes();
  scratch = mkdtempSync(join(tmpdir(), 'api-types-'));
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the web app's API types", () => {
  it("are what the services' OpenAPI documents produce now (run `npm run api:types` when this fails)", () => {
    expect(driftedFiles(root, generated)).toEqual([]);
  });

  it('are reported as drifted when a committed file is missing or differs', () => {
    const [first, second] = [...generated.keys()];
    if (!first || !second) throw new Error('expected several generated files');
    for (const [path, text] of generated) {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(
        join(scratch, path),
        path === first ? text.replace('export interface paths', 'interface paths') : text,
      );
    }
    rmSync(join(scratch, second));
    expect(driftedFiles(scratch, generated).sort()).toEqual([first, second].sort());
  });

  it('cover every app, each document an OpenAPI 3.1 one', async () => {
    expect([...documents.keys()].sort()).toEqual([
      'auth',
      'config',
      'discovery',
      'finance',
      'gateway',
      'hr',
      'operation',
      'reporting',
    ]);
    for (const document of documents.values()) expect(document.openapi).toBe('3.1.0');
    expect([...generated.keys()].every((path) => path.startsWith(`${API_TYPES_DIR}/`))).toBe(true);
  });
});

/** Every `allOf` in a document, with where it is. */
function allOfs(node: unknown, at = ''): { at: string; members: unknown[] }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => allOfs(n, `${at}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  const own = 'allOf' in node && Array.isArray(node.allOf) ? [{ at, members: node.allOf }] : [];
  return own.concat(Object.entries(node).flatMap(([k, v]) => allOfs(v, `${at}/${k}`)));
}

describe("the services' OpenAPI documents", () => {
  // `.nullable()` on a named zod schema is written wrongly by zod-to-openapi (#387): either the
  // shared schema itself becomes nullable, or the reference is intersected with null, which no
  // null satisfies. Write `z.union([schema, z.null()])` instead.
  it('never make a named schema nullable, nor intersect a reference with null', () => {
    for (const [name, document] of documents) {
      for (const [schemaName, schema] of Object.entries(document.components?.schemas ?? {})) {
        const type = 'type' in schema ? schema.type : undefined;
        expect(Array.isArray(type) && type.includes('null'), `${name}: components.schemas.${schemaName}`).toBe(false);
      }
      for (const { at, members } of allOfs(document)) {
        expect(JSON.stringify(members), `${name}: ${at}`).not.toMatch(/"null"/);
      }
    }
  });
});
