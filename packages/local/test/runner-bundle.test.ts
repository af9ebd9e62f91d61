import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * `npm start` runs a bundle of the runner (packages/local/start.mjs) that leaves a few dependencies
 * outside, imported by the path esbuild resolved: each must be one plain Node can load (a package's
 * `module` build with extensionless imports is not, and failed a first start that made a PDF).
 */
describe("the local runner's bundle", () => {
  it('imports what it leaves outside from paths plain Node loads', { timeout: 120_000 }, () => {
    execFileSync(process.execPath, [join(root, 'packages/local/start.mjs')], {
      cwd: root,
      env: { ...process.env, KONECTA_BUILD_ONLY: '1' },
      stdio: 'pipe',
    });
    const bundle = readFileSync(join(root, '.data/build/runner.mjs'), 'utf8');
    const outside = [
      ...new Set([...bundle.matchAll(/(?:from |import\()"(\/[^"]*\/node_modules\/[^"]+)"/g)].map((m) => m[1] ?? '')),
    ];
    const packages = outside.map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p)?.[1]);
    for (const expected of ['@electric-sql/pglite', 'drizzle-orm', 'exceljs', 'pdf-lib', '@node-rs/argon2'])
      expect(packages).toContain(expected);
    // Bundled, not outside: the rest of what the runner uses.
    for (const bundled of ['hono', 'zod', 'postgres', 'jose']) expect(packages).not.toContain(bundled);
    const urls = outside.map((p) => pathToFileURL(p).href);
    // A plain Node process, as `npm start` is: no test runner's loader in between.
    const loaded = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        'let n = 0; for (const url of JSON.parse(process.argv[1])) { await import(url); n++; } console.log(n);',
        JSON.stringify(urls),
      ],
      { encoding: 'utf8' },
    );
    expect(Number(loaded.trim())).toBe(urls.length);
  });
});
