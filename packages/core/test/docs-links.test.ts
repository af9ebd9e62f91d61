import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every Markdown file the code, the README or the docs refer to must be in the repository, so a
 * reader who follows "see docs/quality.md" finds it. A reference is a path: from the repository's
 * root or from the referring file's folder. A bare "quality.md" pointing at docs/quality.md fails.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const SCANNED = [
  'README.md',
  'sst.config.ts',
  'Dockerfile',
  'docs',
  'packages',
  'stacks',
  'bench',
  '.ci',
  'web/src',
  'web/e2e',
  'web/README.md',
];
const SKIPPED = new Set(['node_modules', 'dist', '.sst', '.angular', '.data', 'results']);
const TEXT = /\.(ts|mjs|js|md|sh|json)$|^(Dockerfile|run)$/;
const SELF = relative(root, fileURLToPath(import.meta.url));
/** Names that are not references to documents, by file. */
const NOT_REFERENCES: Record<string, string[]> = {
  'bench/run.ts': ['latest.md'], // the report the benchmark writes into bench/results/
};
const MD_REFERENCE = /(?<![\w./-])((?:\.\.?\/)*(?:[\w.-]+\/)*[\w.-]*[\w-]\.md)(#[\w-]+)?(?![\w-])/g;

function* files(path: string): Generator<string> {
  const full = join(root, path);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(full)) {
    if (SKIPPED.has(entry)) continue;
    const child = join(path, entry);
    if (statSync(join(root, child)).isDirectory() || TEXT.test(entry)) yield* files(child);
  }
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

function anchorsIn(path: string): Set<string> {
  const headings = readFileSync(join(root, path), 'utf8').match(/^#{1,6} .+$/gm) ?? [];
  return new Set(headings.map((h) => anchorOf(h.replace(/^#+ /, ''))));
}

function brokenReferences(): string[] {
  const broken: string[] = [];
  for (const file of SCANNED.flatMap((p) => [...files(p)])) {
    if (file === SELF) continue;
    const text = readFileSync(join(root, file), 'utf8').replace(/https?:\/\/\S+/g, '');
    for (const [, ref = '', anchor] of text.matchAll(MD_REFERENCE)) {
      if (NOT_REFERENCES[file]?.includes(ref)) continue;
      const target = [join(root, ref), join(root, dirname(file), ref)].find((p) => existsSync(p));
      if (!target) broken.push(`${file}: ${ref} does not exist`);
      else if (anchor && !anchorsIn(relative(root, target)).has(anchor.slice(1))) {
        broken.push(`${file}: ${ref} has no heading for ${anchor}`);
      }
    }
  }
  return broken;
}

describe('references to documents', () => {
  it('point at Markdown files (and headings) that exist in the repository', () => {
    expect(brokenReferences()).toEqual([]);
  });

  it('are found: the README links the project documents', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const doc of ['architecture', 'product', 'quality', 'decisions']) {
      expect(readme).toContain(`docs/${doc}.md`);
    }
  });
});
