/**
 * `npm start`: runs the local runner (src/main.ts) under plain Node from an esbuild bundle that is
 * made once and reused until a source changes, so a restart compiles nothing. The bundle runs in
 * this process (a dynamic import): a signal reaches one process, whose handlers stop it gracefully.
 *
 * Plain JavaScript on purpose: this file is what runs before any TypeScript can.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = join(root, 'packages/local/src/main.ts');
// Inside the checkout, not KONECTA_DATA_DIR: the bundle finds `migrations/` and `swagger-ui-dist`
// by walking up from its own location. `npm run reset` removes it with the data; it is rebuilt.
const buildDir = join(root, '.data', 'build');
const outfile = join(buildDir, 'runner.mjs');
const stampFile = join(buildDir, 'runner.stamp');

/** Files under `dir`, sorted, skipping tests (never part of the runner). */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (!/\.(test|spec)\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * What the bundle is made from: every package's sources and manifest, the lock file (the
 * dependencies it imports from node_modules by absolute path), tsconfig.json, this file (the build
 * options) and the checkout's own path. Migrations are not in it: they are read from `migrations/`
 * when the runner starts, never bundled.
 */
function sourceStamp() {
  const packages = join(root, 'packages');
  const files = [
    ...readdirSync(packages)
      .sort()
      .flatMap((name) => [join(packages, name, 'package.json'), ...filesUnder(join(packages, name, 'src'))]),
    join(root, 'package-lock.json'),
    join(root, 'tsconfig.json'),
    fileURLToPath(import.meta.url),
  ];
  const hash = createHash('sha256').update(`${root}\n`);
  for (const file of files) {
    if (!existsSync(file)) continue;
    const { mtimeMs, size } = statSync(file);
    hash.update(`${relative(root, file)}\t${mtimeMs}\t${size}\n`);
  }
  return hash.digest('hex');
}

/**
 * Dependencies left outside the bundle, imported by the absolute path esbuild resolved them to from
 * the importing package: the embedded database and its Drizzle driver (with all of Drizzle, so
 * there is one copy of it), the native argon2 addon, the document libraries (loaded when a file is
 * made), the AWS SDK (never loaded locally) and the API docs' files. The rest is bundled: loading
 * it from node_modules as hundreds of ES modules took about 0.15 s more of every start.
 */
const OUTSIDE =
  /^(@electric-sql\/pglite|drizzle-orm|@node-rs\/argon2|exceljs|pdf-lib|@aws-sdk\/[^/]+|swagger-ui-dist)(\/|$)/;

/**
 * Bundles the workspace packages and their dependencies but those above. A package may have its
 * own nested copy of a dependency (core's zod 4 beside the root's zod 3): each import is resolved
 * from the module that makes it.
 */
async function buildRunner() {
  const { build } = await import('esbuild');
  const resolving = Symbol('resolving');
  const dependenciesOutside = {
    name: 'some-dependencies-outside',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === resolving || args.path.startsWith('@konecta/')) return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        if (!OUTSIDE.test(args.path)) return undefined;
        const found = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: resolving,
        });
        return found.errors.length ? { errors: found.errors } : { path: found.path, external: true };
      });
    },
  };
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // What Node itself loads for a dependency without an `exports` map: the ones left outside are
    // imported by the path resolved here (pdf-lib's `module` build, say, is not one Node can load).
    mainFields: ['main'],
    // CommonJS dependencies inside an ES module still find `require`.
    banner: {
      js: "import { createRequire as __konectaCreateRequire } from 'node:module'; const require = __konectaCreateRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    plugins: [dependenciesOutside],
    logLevel: 'error',
  });
  // Written beside, then renamed into place: a second `npm start` building at the same moment, or
  // one reading the bundle, never sees half a file.
  mkdirSync(buildDir, { recursive: true });
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
}

const stamp = sourceStamp();
const built = existsSync(outfile) && existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (built !== stamp) {
  const started = performance.now();
  try {
    await buildRunner();
  } catch (err) {
    // esbuild has printed the errors with their file and line.
    console.error(`The local runner did not build: ${err.message.split('\n')[0]}`);
    process.exit(1);
  }
  writeFileSync(`${stampFile}.${process.pid}.tmp`, stamp);
  renameSync(`${stampFile}.${process.pid}.tmp`, stampFile);
  console.log(`Compiled the local runner in ${((performance.now() - started) / 1000).toFixed(1)} s (sources changed).`);
}
// KONECTA_BUILD_ONLY=1: the bundle is made (when a source changed) and nothing is started.
if (process.env.KONECTA_BUILD_ONLY === '1') process.exit(0);
// The embedded database is PostgreSQL compiled to WebAssembly (9 MB). By default V8 compiles it
// twice: quickly (Liftoff), then again optimised (TurboFan) on background threads, which on a
// laptop's few cores competed with the start itself and once blocked the main thread for a
// quarter of a second. Liftoff alone: a restart about a second sooner, queries on the embedded
// database about 1.3 times slower once warm (docs/decisions.md, "The embedded database at start").
// Set before the database module is compiled; it concerns WebAssembly only.
setFlagsFromString('--liftoff-only');
// Source maps stay off by default (reading the map costs a tenth of a second on every start):
// `NODE_OPTIONS=--enable-source-maps npm start` makes stack traces name the TypeScript sources.
await import(pathToFileURL(outfile).href);
