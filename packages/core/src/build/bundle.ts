/**
 * Bundles a service entry point with esbuild: `lambda.ts` for Lambda (nodejs22.x, which ships
 * AWS SDK v3) and `server.ts` for containers, written to `.build/<kind>/<service>/index.mjs` with
 * the lazily imported modules in `chunks/` beside it. Ship the whole folder.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import {
  domainServices,
  type LambdaFunction,
  lambdaFunctionName,
  lambdaFunctionsOf,
  type ServiceName,
} from '../catalogue';

export type BundleKind = 'lambda' | 'server';

/** Which services have which entry point: every domain service both, the gateway a server only. */
export const bundleTargets: Record<BundleKind, readonly ServiceName[]> = {
  lambda: domainServices,
  server: ['gateway', ...domainServices],
};

/**
 * Every Lambda function of the HTTP APIs: each domain service's `lambda.ts`, then one per route
 * group of the catalogue's `functions` (`packages/<service>/src/functions/<group>.ts`).
 */
export const lambdaFunctions: readonly LambdaFunction[] = domainServices.flatMap(lambdaFunctionsOf);

/** Budget per Lambda bundle (docs/quality.md). */
export const LAMBDA_BUNDLE_BUDGET_BYTES = 300 * 1024;

/** The repository root: four levels above this file (packages/core/src/build). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * Installed beside a bundle rather than inside it: `@node-rs/argon2` is a native addon, shipped
 * beside the Lambda functions that import it (stacks/lambda-packages.ts) and installed by the
 * Dockerfile; exceljs and pdf-lib only beside containers (the Dockerfile), since a Lambda
 * function bundles them (see `documentLibraries`).
 */
export const shippedPackages = ['@node-rs/argon2', 'exceljs', 'pdf-lib'] as const;
export const lambdaShippedPackages = ['@node-rs/argon2'] as const;

/**
 * The XLSX and PDF libraries. Imported with `import()` by the code that makes or reads a file, so
 * in a Lambda bundle (code splitting on) each is a chunk of its own that only a document route
 * loads: bundled and tree-shaken rather than shipped as a whole dependency tree (exceljs alone
 * is 24 MB installed). Those chunks are reported apart from the budget (`onDemandBytes`).
 */
export const documentLibraries = ['exceljs', 'pdf-lib'] as const;

/**
 * Never bundled. The Lambda runtime provides the AWS SDK; PGlite (megabytes of WASM) and its
 * Drizzle driver are only imported dynamically when no DATABASE_URL is set, which a deployed
 * service never runs with (configuration refuses to start without one outside local stages).
 */
export function externalsFor(kind: BundleKind): string[] {
  const embedded = ['@electric-sql/pglite', 'drizzle-orm/pglite'];
  return kind === 'lambda' ? ['@aws-sdk/*', ...embedded, ...lambdaShippedPackages] : [...embedded, ...shippedPackages];
}

/** Lets CommonJS dependencies (postgres' CJS paths) call `require` inside ESM output. */
const BANNER =
  "import { createRequire as __konectaCreateRequire } from 'node:module';" +
  'const require = __konectaCreateRequire(import.meta.url);';

/**
 * Zod 4's `z` namespace re-exports every locale (`z.locales.*`, ~250 KiB minified), and any
 * `import { z } from 'zod'` keeps the whole namespace, so esbuild cannot drop them. Messages are
 * English only, so in a bundle `z.locales` holds `en` alone.
 */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: resolve(args.resolveDir, args.path), namespace: 'zod-english-only' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * Drizzle's `pgTable(name, (t) => …)` form hands the callback every column builder it has
 * (PostGIS, pgvector, network and geometric types…), so any table pulls them all into a bundle.
 * Every table here is declared with the object form (`packages/db`), which never calls it: in a
 * bundle the builder list is a stub that says so if it ever is.
 */
export const drizzleObjectTablesOnly: Plugin = {
  name: 'drizzle-object-tables-only',
  setup(b) {
    b.onResolve({ filter: /^\.\/columns\/all\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]drizzle-orm[\\/]pg-core[\\/]table\.js$/.test(args.importer)
        ? { path: 'drizzle-column-builders', namespace: 'drizzle-object-tables-only' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'drizzle-object-tables-only' }, () => ({
      contents:
        "export function getPgColumnBuilders() { throw new Error('pgTable(name, (t) => …) is not bundled: declare columns as an object'); }",
      loader: 'js',
    }));
  },
};

/**
 * In a Lambda the OpenAPI document is a file made at build time: `openapi-source.ts` (which
 * imports the generator) becomes `openapi-file.ts` (which reads `openapi.json` beside the code),
 * so neither the generator nor zod's JSON Schema conversion ships in a function.
 */
export const openapiFromFile: Plugin = {
  name: 'openapi-from-file',
  setup(b) {
    b.onResolve({ filter: /[\\/]openapi-source(\.ts)?$|^\.\/openapi-source$/ }, (args) =>
      /packages[\\/]core[\\/]src/.test(args.importer)
        ? { path: resolve(dirname(args.importer), 'openapi-file.ts') }
        : undefined,
    );
  },
};

/**
 * postgres.js builds a logical-replication client (`sql.subscribe`) with every instance and
 * carries the large-object API; neither is used here. In a Lambda bundle both are stubs that say
 * so if ever called, which leaves out their code and the second client made at each start.
 */
export const postgresWithoutReplication: Plugin = {
  name: 'postgres-without-replication',
  setup(b) {
    b.onResolve({ filter: /^\.\/(subscribe|large)\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]postgres[\\/]src[\\/]index\.js$/.test(args.importer)
        ? { path: args.path.slice(2, -3), namespace: 'postgres-without-replication' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'postgres-without-replication' }, (args) => ({
      contents:
        args.path === 'subscribe'
          ? "export default function Subscribe() { return () => { throw new Error('postgres.js subscribe() is not bundled'); }; }"
          : "export default function largeObject() { throw new Error('postgres.js largeObject() is not bundled'); }",
      loader: 'js',
    }));
  },
};

/**
 * Hono's default router (a RegExpRouter tried before a TrieRouter) compiles every route into one
 * expression at the first request: the right trade for a container answering many requests. A
 * Lambda function holds a few routes and pays that at each cold start, so its kernel gets Hono's
 * `tiny` preset (PatternRouter: no build step, a fraction of the code), and the router that finds
 * the methods for a 405 is the same PatternRouter. Same routes, same matches. `app.mount()` (other
 * frameworks' apps inside Hono's) is never used: in a Lambda it is a stub that says so.
 */
export const honoPatternRouter: Plugin = {
  name: 'hono-pattern-router',
  setup(b) {
    const fromKernelHttp = (importer: string) => /packages[\\/]core[\\/]src[\\/]http\.ts$/.test(importer);
    b.onResolve({ filter: /^hono$/ }, async (args) =>
      fromKernelHttp(args.importer)
        ? b.resolve('hono/tiny', { kind: args.kind, resolveDir: args.resolveDir })
        : undefined,
    );
    b.onResolve({ filter: /^hono\/router\/trie-router$/ }, (args) =>
      fromKernelHttp(args.importer) ? { path: 'trie-router', namespace: 'hono-pattern-router' } : undefined,
    );
    b.onResolve({ filter: /^\.\/utils\/mount\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]hono[\\/]dist[\\/]hono-base\.js$/.test(args.importer)
        ? { path: 'mount', namespace: 'hono-pattern-router' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'hono-pattern-router' }, (args) =>
      args.path === 'mount'
        ? {
            contents:
              "export function createMountedRequest() { throw new Error('app.mount() is not bundled in a Lambda function'); }",
            loader: 'js',
          }
        : {
            contents: "export { PatternRouter as TrieRouter } from 'hono/router/pattern-router';",
            resolveDir: repoRoot,
            loader: 'js',
          },
    );
  },
};

/**
 * In a Lambda bundle the free names `Headers`, `Request` and `Response` are the light classes of
 * fetch-light.ts (esbuild's `inject`), not Node's: those are undici's, whose loading was about a
 * third of an empty Node's start at every cold start. Globals stay Node's, and so does `fetch`.
 */
export const lambdaInject = [resolve(dirname(fileURLToPath(import.meta.url)), '../fetch-light.ts')];

/** What a Lambda function is built with, by `npm run bundle` and by the stacks alike. */
export const lambdaPlugins: Plugin[] = [
  zodEnglishOnly,
  drizzleObjectTablesOnly,
  openapiFromFile,
  postgresWithoutReplication,
  honoPatternRouter,
];

export interface BundleOptions {
  service: ServiceName;
  kind: BundleKind;
  /** A Lambda route group of the service (the catalogue's `functions`); its `lambda.ts` if absent. */
  group?: string;
  /** Repository root; defaults to this checkout. */
  root?: string;
  /** Output root; defaults to `<root>/.build`. */
  outDir?: string;
}

export interface BundleResult {
  service: ServiceName;
  kind: BundleKind;
  group?: string;
  /** `hr`, or `hr-employees` for a route group's function. */
  name: string;
  entry: string;
  /** The entry module, `.build/<kind>/<service>/index.mjs`; chunks sit beside it in `chunks/`. */
  outfile: string;
  /**
   * The code of the function (the budget is on this): the entry and every chunk, except the
   * chunks of `onDemandBytes`.
   */
  bytes: number;
  /**
   * Chunks that only `import()` reaches and that hold third-party libraries alone (the document
   * libraries): loaded by the routes that make a file, never at a cold start. Route code split
   * into lazily loaded chunks still counts in `bytes`.
   */
  onDemandBytes: number;
  /** `openapi.json` beside a Lambda bundle: data read when the document is asked for, not code. */
  documentBytes: number;
  /** The entry module alone (what is parsed before the first request). */
  entryBytes: number;
  files: string[];
  metafile: Metafile;
}

export function entryFor(service: ServiceName, kind: BundleKind, root = repoRoot, group?: string): string {
  if (!bundleTargets[kind].includes(service)) throw new Error(`${service} has no ${kind} entry point`);
  if (group === undefined) return join(root, 'packages', service, 'src', `${kind}.ts`);
  if (kind !== 'lambda' || !lambdaFunctions.some((f) => f.service === service && f.group === group))
    throw new Error(`${service} has no Lambda function for route group "${group}"`);
  return join(root, 'packages', service, 'src', 'functions', `${group}.ts`);
}

/**
 * Bundles one entry point. Code splitting is on so that modules the kernel imports dynamically
 * (postgres.js and its Drizzle driver, the AWS SDK on containers) stay real ES modules in their
 * own chunks: in a single-file build esbuild wraps them in lazy initialisers, and Drizzle's
 * import cycles then let `@konecta/db`'s top-level `sql` templates run before Drizzle's `sql`
 * module is initialised (`TypeError: ... is not a constructor` at load).
 */
export async function bundleService(options: BundleOptions): Promise<BundleResult> {
  const root = options.root ?? repoRoot;
  const entry = entryFor(options.service, options.kind, root, options.group);
  const name =
    options.kind === 'lambda' && isDomain(options.service)
      ? lambdaFunctionName({ service: options.service, group: options.group })
      : options.service;
  const dir = join(options.outDir ?? join(root, '.build'), options.kind, name);
  rmSync(dir, { recursive: true, force: true });
  const result = await build({
    ...buildOptions(options.kind, root),
    entryPoints: { index: entry },
    outdir: dir,
  });
  const outfile = join(dir, 'index.mjs');
  const files = Object.keys(result.metafile.outputs).map((f) => resolve(root, f));
  const onDemand = onDemandChunks(result.metafile).map((f) => resolve(root, f));
  let documentBytes = 0;
  // The document is served by the service's `lambda.ts` (API Gateway routes no group there).
  if (options.kind === 'lambda' && options.group === undefined) {
    const document = join(dir, 'openapi.json');
    // Imported here, not at the top: the stacks import this module for its esbuild settings and
    // must not load the kernel with it.
    const { serviceDocument } = await import('./openapi-document');
    writeFileSync(document, JSON.stringify(await serviceDocument(options.service, root)));
    documentBytes = statSync(document).size;
  }
  return {
    service: options.service,
    kind: options.kind,
    group: options.group,
    name,
    entry,
    outfile,
    bytes: files.filter((f) => !onDemand.includes(f)).reduce((sum, f) => sum + statSync(f).size, 0),
    onDemandBytes: onDemand.reduce((sum, f) => sum + statSync(f).size, 0),
    entryBytes: statSync(outfile).size,
    documentBytes,
    files,
    metafile: result.metafile,
  };
}

/** esbuild's settings for a bundle of `kind`, but for its entry points and output folder. */
function buildOptions(kind: BundleKind, root: string) {
  return {
    absWorkingDir: root,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // Lazily imported modules in chunks of their own, loaded only when used: in a Lambda the
    // document libraries (the stacks build with splitting too), in a container the AWS SDK's clients.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // ESM builds of dependencies where they exist: they tree-shake, CommonJS does not.
    mainFields: ['module', 'main'],
    minify: true,
    // SST keeps names by default (about 7% more code); the stacks turn it off to deploy this build.
    keepNames: false,
    treeShaking: true,
    legalComments: 'none',
    external: externalsFor(kind),
    banner: { js: BANNER },
    plugins: kind === 'lambda' ? lambdaPlugins : [zodEnglishOnly, drizzleObjectTablesOnly],
    inject: kind === 'lambda' ? lambdaInject : [],
    metafile: true,
    logLevel: 'warning',
  } satisfies BuildOptions;
}

/**
 * Every service's entry point of `kind` in one build, sharing its chunks: what the bundles import
 * from outside themselves (a check of the externals), at the cost of parsing each module once
 * rather than once per service. Not a deployable output.
 */
export async function bundleAllServices(kind: BundleKind, outDir: string, root = repoRoot): Promise<Metafile> {
  const entryPoints = Object.fromEntries(
    bundleTargets[kind].map((service) => [service, entryFor(service, kind, root)]),
  );
  const result = await build({ ...buildOptions(kind, root), entryPoints, outdir: join(outDir, `all-${kind}`) });
  return result.metafile;
}

/**
 * Output chunks not reachable from an entry point by static imports, whose code comes only from
 * `node_modules`: libraries loaded on demand.
 */
export function onDemandChunks(metafile: Metafile): string[] {
  const outputs = metafile.outputs;
  const eager = new Set<string>();
  const visit = (file: string) => {
    if (eager.has(file)) return;
    eager.add(file);
    for (const i of outputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  // A chunk that `import()` loads is an entry point too, in the metafile: the bundle's own entry
  // points are those of this repository's code.
  for (const [file, output] of Object.entries(outputs))
    if (output.entryPoint && !output.entryPoint.includes('node_modules/')) visit(file);
  return Object.entries(outputs)
    .filter(([file]) => !eager.has(file) && !file.endsWith('.map'))
    .filter(([, output]) => Object.keys(output.inputs).every((input) => input.includes('node_modules/')))
    .map(([file]) => file);
}

const isDomain = (service: ServiceName): service is LambdaFunction['service'] => service !== 'gateway';

export interface SizeShare {
  /** A package (`hono`, `@hono/zod-openapi`) or a workspace package (`packages/core`). */
  name: string;
  bytes: number;
}

/** Output bytes of a bundle grouped by the package each input came from, largest first. */
export function sizeByPackage(result: Pick<BundleResult, 'metafile'>): SizeShare[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals]
    .map(([name, bytes]) => ({ name, bytes }))
    .filter((s) => s.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/** `node_modules/@scope/pkg/dist/x.js` → `@scope/pkg`; `packages/core/src/x.ts` → `packages/core`. */
export function packageOf(input: string): string {
  const nm = input.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = input.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
  }
  const ws = /^packages\/([^/]+)\//.exec(input);
  return ws ? `packages/${ws[1]}` : input;
}

/** The bundle's largest single inputs, for pointing at what inflates it. */
export function largestInputs(result: Pick<BundleResult, 'metafile'>, count = 10): SizeShare[] {
  const rows: SizeShare[] = [];
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      rows.push({ name: input, bytes: bytesInOutput });
  }
  return rows.sort((a, b) => b.bytes - a.bytes).slice(0, count);
}

export const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export function displayPath(path: string, root = repoRoot): string {
  return relative(root, path) || path;
}
