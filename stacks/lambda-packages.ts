/**
 * Ships the packages a Lambda bundle leaves external (the argon2 native addon) beside it, copied
 * from this checkout's `node_modules` with their dependencies: the exact versions of the lock
 * file, offline, and only those the bundle actually imports. (exceljs and pdf-lib are bundled, in
 * chunks that only the document routes load.)
 *
 * SST's own `nodejs.install` runs `npm install --omit=optional`, which drops the platform package
 * holding argon2's binary; copying keeps it. Functions run on x86_64 Linux, so the binary copied
 * must be the linux-x64 one: installing on macOS needs
 * `npm install --no-save --os=linux --cpu=x64 --libc=glibc` first (the error says so).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { lambdaShippedPackages } from '../packages/core/src/build/bundle';
import { domainServices } from './settings';

interface PackageJson {
  name: string;
  version: string;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  napi?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const TARGET = { os: 'linux', cpu: 'x64', libc: 'glibc' };

/** Whether a package's `os`/`cpu`/`libc` fields admit the Lambda platform (absent = any). */
function runsOnTarget(pkg: PackageJson): boolean {
  const admits = (list: string[] | undefined, value: string) => {
    if (!list?.length || list.includes(`!${value}`)) return !list?.includes(`!${value}`);
    const allowed = list.filter((v) => !v.startsWith('!'));
    return allowed.length === 0 || allowed.includes(value);
  };
  return admits(pkg.os, TARGET.os) && admits(pkg.cpu, TARGET.cpu) && admits(pkg.libc, TARGET.libc);
}

/** Node's lookup: `<dir>/node_modules/<name>` from `fromDir` upwards, stopping at the root. */
function packageDir(name: string, fromDir: string, root: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root) return undefined;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** The shipped packages a built function imports (esbuild leaves their names as literals). */
export function importedShippedPackages(outDir: string): string[] {
  const code = filesUnder(outDir)
    .filter((f) => /\.(mjs|cjs|js)$/.test(f))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  return lambdaShippedPackages.filter((name) => code.includes(`"${name}"`) || code.includes(`'${name}'`));
}

/**
 * Copies `names` and everything they depend on into `outDir`, at the same paths relative to
 * `root` as in the checkout, so Node resolves them from the bundle exactly as it does here.
 * Returns the copied packages as `name@version`.
 */
export function copyPackageClosure(names: readonly string[], outDir: string, root: string): string[] {
  const copied = new Map<string, string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = packageDir(name, fromDir, root);
    if (!dir) {
      if (optional) return;
      throw new Error(`cannot ship "${name}" beside the Lambda bundle: it is not installed (run npm install)`);
    }
    if (copied.has(dir)) return;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
    if (!runsOnTarget(pkg)) return;
    const rel = relative(root, dir);
    if (rel.startsWith('..')) throw new Error(`"${name}" resolves outside the repository (${dir})`);
    copied.set(dir, `${pkg.name}@${pkg.version}`);
    cpSync(dir, join(outDir, rel), {
      recursive: true,
      dereference: true,
      filter: (src) => !relative(dir, src).split(sep).includes('node_modules'),
    });
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, false);
    const before = copied.size;
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, true);
    // A napi-rs addon is useless without its platform binary, which is an optional dependency.
    if (pkg.napi && Object.keys(pkg.optionalDependencies ?? {}).length && copied.size === before) {
      throw new Error(
        `"${pkg.name}" has no ${TARGET.os}-${TARGET.cpu} binary installed for Lambda; run ` +
          `"npm install --no-save --os=${TARGET.os} --cpu=${TARGET.cpu} --libc=${TARGET.libc}" and deploy again`,
      );
    }
  };
  for (const name of names) visit(name, root, false);
  return [...copied.values()];
}

/** The service whose `lambda.ts` a handler is (`packages/hr/src/lambda.handler` → hr), if any. */
export function serviceOfApiHandler(handler: string | undefined): string | undefined {
  return /^packages\/([a-z]+)\/src\/lambda\.handler$/.exec(handler ?? '')?.[1];
}

/**
 * SST `hooks.afterBuild`: ships what the freshly built function imports and, beside a service's
 * `lambda.ts` (the function API Gateway sends `/api/<service>/openapi.json` to), the service's
 * OpenAPI document, made here from its routes: the bundles read it (`openapi-file.ts`) and carry
 * no generator.
 */
export function shipImportedPackages(root: string) {
  return async (props: { handler?: string }, outDir: string) => {
    copyPackageClosure(importedShippedPackages(outDir), outDir, root);
    const service = serviceOfApiHandler(props.handler);
    if (service) copyFileSync(join(serviceDocuments(root), `${service}.json`), join(outDir, 'openapi.json'));
  };
}

/** Folder of every domain service's OpenAPI document, by repository root, made once per process. */
const documentFolders = new Map<string, string>();

/**
 * Every domain service's document, made by one process the first time a build needs one: a
 * process per service spent ~3 s of CPU each loading the kernel and the service with tsx.
 */
function serviceDocuments(root: string): string {
  let folder = documentFolders.get(root);
  if (!folder) {
    const made = mkdtempSync(join(tmpdir(), 'konecta-openapi-'));
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/tsx/dist/cli.mjs'),
        join(root, 'packages/core/src/build/openapi-cli.ts'),
        made,
        ...domainServices,
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    folder = made;
    documentFolders.set(root, folder);
  }
  return folder;
}
