/**
 * The container image, without Docker: the Dockerfile is read and checked against the catalogue,
 * its stages' scripts are run as the build would run them, and the server bundles are started the
 * way the image starts them, in a temporary folder laid out like the image's `/app` (the bundle,
 * `chunks/`, and a `node_modules` holding only the packages the Dockerfile installs). The folder
 * is outside the repository, so a bundle importing anything else fails here as it would there.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { validate } from 'dockerfile-utils';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BundleResult,
  bundleAllServices,
  bundleService,
  bundleTargets,
  externalsFor,
  repoRoot,
} from '../packages/core/src/build/bundle';
import { catalogue, type ServiceName, serviceNames } from '../packages/core/src/catalogue';
import { createDatabase } from '../packages/core/src/database';
import { migrate } from '../packages/db/src/migrate';

// ---- the Dockerfile, parsed

interface Instruction {
  keyword: string;
  /** Arguments, continuation lines joined. */
  args: string;
  /** The here-document's body, when the instruction has one. */
  heredoc?: string;
  line: number;
}
interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

function parseDockerfile(text: string): Stage[] {
  const lines = text.split('\n');
  const stages: Stage[] = [];
  for (let i = 0; i < lines.length; i++) {
    let source = lines[i] ?? '';
    if (!source.trim() || source.trimStart().startsWith('#')) continue;
    const line = i + 1;
    while (source.endsWith('\\') && i + 1 < lines.length) {
      source = `${source.slice(0, -1).trimEnd()} ${(lines[++i] ?? '').trim()}`;
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(source);
    if (!match) throw new Error(`Dockerfile line ${line}: not an instruction: ${source}`);
    const keyword = (match[1] ?? '').toUpperCase();
    const args = match[2] ?? '';
    let heredoc: string | undefined;
    const marker = /<<-?(["']?)([A-Za-z_]+)\1/.exec(args);
    if (marker) {
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== marker[2]) body.push(lines[i] ?? '');
      heredoc = body.join('\n');
    }
    if (keyword === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`Dockerfile line ${line}: ${keyword} before the first FROM`);
    stage.instructions.push({ keyword, args, heredoc, line });
  }
  return stages;
}

const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfile);
const stageNamed = (name: string): Stage => {
  const stage = stages.find((s) => s.name === name);
  if (!stage) throw new Error(`the Dockerfile has no stage "${name}"`);
  return stage;
};
const finalStage = stages.at(-1) as Stage;
const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const one = (stage: Stage, keyword: string): Instruction => {
  const found = all(stage, keyword);
  if (found.length !== 1)
    throw new Error(`expected one ${keyword} in stage ${stage.name ?? '(final)'}, found ${found.length}`);
  return found[0] as Instruction;
};
/** `KEY=value KEY2=value` (ENV, LABEL) as a record. */
const pairs = (args: string) =>
  Object.fromEntries(args.split(/\s+/).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));

// ---- .dockerignore, matched as Docker matches it (last matching line wins; a match on a folder
// covers everything in it; `**` spans folders)

function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negated = l.startsWith('!');
      const pattern = (negated ? l.slice(1) : l).replace(/^\/+/, '').replace(/\/+$/, '');
      let source = '';
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i] as string;
        if (c === '*' && pattern[i + 1] === '*') {
          i++;
          if (pattern[i + 1] === '/') {
            i++;
            source += '(?:.*/)?';
          } else source += '.*';
        } else if (c === '*') source += '[^/]*';
        else if (c === '?') source += '[^/]';
        else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return { negated, re: new RegExp(`^${source}$`) };
    });
  return (path) => {
    const parts = path.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const rule of rules) if (candidates.some((c) => rule.re.test(c))) excluded = !rule.negated;
    return excluded;
  };
}

// ---- what the image installs

/** External to the bundles but only imported without a DATABASE_URL: not in the image. */
const EMBEDDED_ONLY = ['@electric-sql/pglite', 'drizzle-orm/pglite'];
const shipped = externalsFor('server').filter((name) => !EMBEDDED_ONLY.includes(name));
const workspaces = readdirSync(join(repoRoot, 'packages')).filter((d) =>
  existsSync(join(repoRoot, 'packages', d, 'package.json')),
);

interface LockEntry {
  version?: string;
  optional?: boolean;
  hasInstallScript?: boolean;
  dependencies?: Record<string, string>;
}

// ---- PostgreSQL, if there is one: decided before the tests are collected

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}
const postgresUp = await reachable(ADMIN_URL);
const NO_POSTGRES = `skipped: no PostgreSQL answers at ${new URL(ADMIN_URL).host}`;
if (!postgresUp) console.warn(`stacks/container.test.ts: the hr image test is ${NO_POSTGRES}`);

// ---- running what the image runs

interface Running {
  child: ChildProcess;
  port: number;
  /** The first `... listening` log record. */
  listening: Record<string, unknown>;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}
const children = new Set<ChildProcess>();

/** A clean environment: nothing from this process (no NODE_OPTIONS, NODE_PATH, VITEST). */
function imageEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...pairs(one(finalStage, 'ENV').args),
  };
  return { ...env, LOG_LEVEL: 'info', ...extra };
}

/** A port nothing listens on (the servers log the port they were given, so 0 would not tell). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The image's CMD, in its WORKDIR, until it logs that it listens; `node` is this Node.js. */
function runCmd(appDir: string, env: Record<string, string>): Promise<Running> {
  const [command, ...args] = JSON.parse(one(finalStage, 'CMD').args) as string[];
  const child = spawn(command === 'node' ? process.execPath : (command as string), args, {
    cwd: appDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return new Promise((resolve, reject) => {
    // A deadline for a start that hangs, not a speed check: a loaded machine can take a while.
    const timer = setTimeout(() => reject(new Error(`no "listening" log line within 2 minutes:\n${output}`)), 120_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const record = JSON.parse(line) as Record<string, unknown>;
        if (typeof record.port === 'number' && /listening/.test(String(record.msg))) {
          clearTimeout(timer);
          resolve({ child, port: record.port, listening: record, output: () => output, exited });
        }
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

async function stop(running: Running): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  running.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  // ECS kills a task 30 s after SIGTERM: exiting before that is the requirement, not a speed.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running 30 s after SIGTERM:\n${running.output()}`)), 30_000);
  });
  try {
    return await Promise.race([running.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The HEALTHCHECK's command, as Docker would run it inside the container. */
function healthcheck(port: number): { status: number | null; output: string } {
  const match = /\bCMD\s+(\[.*\])\s*$/.exec(one(finalStage, 'HEALTHCHECK').args);
  const [command, ...args] = JSON.parse(match?.[1] ?? '[]') as string[];
  const result = spawnSync(command === 'node' ? process.execPath : (command as string), args, {
    env: imageEnv({ PORT: String(port) }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// ---- the temporary image folders

let tmp = '';
/** The `node_modules` the deps stage installs, rebuilt from this checkout's copies. */
let runtimeModules = '';
let runtimeLock: { packages: Record<string, LockEntry> } = { packages: {} };
let runtimeManifest: { dependencies: Record<string, string> } = { dependencies: {} };

/**
 * A package folder without its `node_modules` (nested packages are lock entries of their own).
 * Files are hard-linked where the file system allows, as copying thousands of files is slow.
 */
function copyPackage(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) copyPackage(source, target);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

/**
 * `/app` of one service's image: the bundle, its chunks and the runtime packages (a link to the
 * one copy; Node resolves a package's own imports from its real path, which stays in that copy).
 */
function imageFolder(result: BundleResult): string {
  const app = join(tmp, `app-${result.service}`);
  cpSync(dirname(result.outfile), app, { recursive: true });
  symlinkSync(runtimeModules, join(app, 'node_modules'), 'dir');
  mkdirSync(join(app, '.data'));
  return app;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'konecta-image-'));
  // Nothing above the folder may lend it packages.
  for (let dir = dirname(tmp); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) throw new Error(`${dir}/node_modules would leak into the test`);
    if (dirname(dir) === dir) break;
  }
  expect(relative(repoRoot, tmp).startsWith('..')).toBe(true);

  // Stage 3 of the Dockerfile: its script cuts the runtime lock file out of the repository's.
  const deps = join(tmp, 'deps');
  mkdirSync(deps);
  cpSync(join(repoRoot, 'package-lock.json'), join(deps, 'package-lock.json'));
  const script = all(stageNamed('deps'), 'RUN').find((r) => r.heredoc)?.heredoc ?? '';
  const run = spawnSync(process.execPath, ['-'], { cwd: deps, input: script, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the deps stage's script failed:\n${run.stdout}${run.stderr}`);
  runtimeManifest = JSON.parse(readFileSync(join(deps, 'package.json'), 'utf8'));
  runtimeLock = JSON.parse(readFileSync(join(deps, 'package-lock.json'), 'utf8'));

  // What `npm ci --omit=dev` installs from that lock, copied from this checkout (same versions):
  // each package without its nested node_modules, which are entries of their own.
  runtimeModules = join(tmp, 'runtime', 'node_modules');
  for (const [path, entry] of Object.entries(runtimeLock.packages)) {
    if (!path) continue;
    const from = join(repoRoot, path);
    if (!existsSync(from)) {
      if (entry.optional) continue; // another platform's binary
      throw new Error(`${path} is in the lock file but not installed in this checkout`);
    }
    copyPackage(from, join(tmp, 'runtime', path));
  }
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('Dockerfile', () => {
  it('passes dockerfile-utils with no finding', () => {
    const findings = validate(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(findings).toEqual([]);
  });

  it('is multi-stage on one pinned node:22-bookworm-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(stages[0]?.image).toBe('node:22-bookworm-slim');
    const names = new Set<string>();
    for (const stage of stages) {
      expect(stage.image === 'node:22-bookworm-slim' || names.has(stage.image), `FROM ${stage.image}`).toBe(true);
      if (stage.name) names.add(stage.name);
    }
  });

  it("accepts exactly the catalogue's services, each with its catalogue port", () => {
    const check = one(stageNamed('target'), 'RUN').args;
    const ports = Object.fromEntries([...check.matchAll(/(\w+)\) port=(\d+) ;;/g)].map((m) => [m[1], Number(m[2])]));
    expect(ports).toEqual(Object.fromEntries(serviceNames.map((n) => [n, catalogue[n].port])));
    expect(check).toContain(`SERVICE=<${serviceNames.join('|')}>`);

    // The same script as the build runs it (writing elsewhere than /service).
    const marker = join(tmpdir(), `konecta-service-${process.pid}`);
    const sh = (env: Record<string, string>) =>
      spawnSync('sh', ['-c', check.replace('> /service', `> ${marker}`)], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
        encoding: 'utf8',
      });
    try {
      const unknown = sh({ SERVICE: 'payroll', PORT: '8090' });
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain("Unknown service 'payroll'");
      const none = sh({});
      expect(none.status).toBe(1);
      expect(none.stderr).toContain("Unknown service ''");
      const noPort = sh({ SERVICE: 'hr' });
      expect(noPort.status).toBe(1);
      expect(noPort.stderr).toContain('--build-arg PORT=8082');
      const ok = sh({ SERVICE: 'hr', PORT: '8082' });
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      expect(readFileSync(marker, 'utf8').trim()).toBe('hr');
    } finally {
      rmSync(marker, { force: true });
    }
  });

  it('installs dependencies from package.json files and the lock before copying sources, then bundles', () => {
    const build = stageNamed('build').instructions;
    const at = (predicate: (i: Instruction) => boolean) => build.findIndex(predicate);
    const install = at((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
    const sources = at((i) => i.keyword === 'COPY' && /^packages\/ packages\/$/.test(i.args));
    const bundle = at((i) => i.keyword === 'RUN' && i.args.includes(`npm run bundle -- "\${SERVICE}" --kind server`));
    expect(install).toBeGreaterThan(at((i) => i.keyword === 'COPY' && i.args === 'package.json package-lock.json ./'));
    for (const ws of workspaces) {
      const copy = at((i) => i.keyword === 'COPY' && i.args === `packages/${ws}/package.json packages/${ws}/`);
      expect(copy, `COPY packages/${ws}/package.json`).toBeGreaterThanOrEqual(0);
      expect(copy).toBeLessThan(install);
    }
    expect(sources).toBeGreaterThan(install);
    expect(bundle).toBeGreaterThan(sources);
    // The deploy's migration step applies migrations: the image carries none.
    for (const stage of stages) for (const copy of all(stage, 'COPY')) expect(copy.args).not.toMatch(/migrations/);
  });

  it('installs only the externals of the server bundles, from the lock file, without dev packages', () => {
    const deps = stageNamed('deps');
    const script = all(deps, 'RUN').find((r) => r.heredoc)?.heredoc ?? '';
    const listed = /const externals = \[([^\]]*)\]/.exec(script)?.[1] ?? '';
    expect(listed.split(',').map((s) => s.trim().replace(/^'|'$/g, ''))).toEqual(shipped);
    const install = all(deps, 'RUN').find((r) => /\bnpm ci\b/.test(r.args));
    expect(install?.args).toContain('--omit=dev');
    expect(install?.args).toContain('--ignore-scripts');
  });

  it('runs the bundle as node, non-root, with a health check and graceful stop', () => {
    expect(finalStage.image).toBe('base');
    const users = all(finalStage, 'USER');
    expect(users.at(-1)?.args).toBe('node');
    expect(one(finalStage, 'WORKDIR').args).toBe('/app');
    expect(pairs(one(finalStage, 'ENV').args)).toEqual({ NODE_ENV: 'production', HOST: '0.0.0.0', PORT: `\${PORT}` });
    expect(all(finalStage, 'ARG').map((a) => a.args)).toEqual(expect.arrayContaining(['SERVICE', 'PORT']));
    expect(one(finalStage, 'EXPOSE').args).toBe(`\${PORT}`);
    expect(one(finalStage, 'STOPSIGNAL').args).toBe('SIGTERM');
    expect(JSON.parse(one(finalStage, 'CMD').args)).toEqual(['node', 'index.mjs']);
    const check = one(finalStage, 'HEALTHCHECK').args;
    expect(check).toMatch(/CMD \["node", "-e", ".*127\.0\.0\.1:' \+ process\.env\.PORT \+ '\/health/);
    const copies = all(finalStage, 'COPY').map((c) => c.args);
    expect(copies).toEqual([
      '--from=deps /deps/node_modules ./node_modules',
      `--from=build /src/.build/server/\${SERVICE}/ ./`,
    ]);
  });

  it('.dockerignore keeps the build inputs and nothing else of note', () => {
    const ignored = dockerignore(readFileSync(join(repoRoot, '.dockerignore'), 'utf8'));
    const kept = ['package.json', 'package-lock.json', 'tsconfig.json'];
    for (const ws of workspaces) {
      kept.push(`packages/${ws}/package.json`);
      const src = join(repoRoot, 'packages', ws, 'src');
      if (!existsSync(src)) continue;
      for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
        const path = `packages/${ws}/src/${file.split(sep).join('/')}`;
        if (!/\.test\.ts$/.test(path)) kept.push(path);
      }
    }
    expect(kept.filter(ignored)).toEqual([]);
    const excluded = [
      'node_modules/hono/package.json',
      'packages/core/node_modules/zod/index.js',
      '.git/HEAD',
      '.data/keys/data-key',
      '.build/server/hr/index.mjs',
      '.sst/outputs.json',
      'web/node_modules/x/index.js',
      'web/dist/web/browser/index.html',
      'coverage/index.html',
      'packages/hr/test/hr.test.ts',
      'packages/core/src/config.test.ts',
      'bench/run.ts',
      'migrations/meta/_journal.json',
      '.env',
    ];
    expect(excluded.filter((p) => !ignored(p))).toEqual([]);
  });
});

describe("the image's runtime packages", () => {
  it('are the externals at their locked versions, with everything they need and no install script', () => {
    const root = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockEntry>;
    };
    expect(runtimeManifest.dependencies).toEqual(
      Object.fromEntries(shipped.map((name) => [name, root.packages[`node_modules/${name}`]?.version])),
    );
    for (const [path, entry] of Object.entries(runtimeLock.packages)) {
      if (!path) continue;
      expect(root.packages[path]?.version, path).toBe(entry.version);
      expect(entry.hasInstallScript, `${path} has an install script (the image skips them)`).toBeFalsy();
    }
  });

  it('load and work from that node_modules alone', () => {
    const probe = `
      for (const name of ${JSON.stringify(shipped)}) await import(name);
      const { hash, verify } = await import('@node-rs/argon2');
      const { default: ExcelJS } = await import('exceljs');
      const { PDFDocument, StandardFonts } = await import('pdf-lib');
      const book = new ExcelJS.Workbook();
      book.addWorksheet('s').addRow(['a', 1]);
      const read = new ExcelJS.Workbook();
      await read.xlsx.load(await book.xlsx.writeBuffer());
      const pdf = await PDFDocument.create();
      pdf.addPage().drawText('ok', { font: await pdf.embedFont(StandardFonts.TimesRoman) });
      console.log(JSON.stringify({
        argon2: await verify(await hash('secret'), 'secret'),
        rows: read.worksheets[0].rowCount,
        pdf: (await pdf.save()).length > 0,
      }));`;
    const dir = dirname(runtimeModules);
    writeFileSync(join(dir, 'probe.mjs'), probe);
    const run = spawnSync(process.execPath, ['probe.mjs'], { cwd: dir, env: imageEnv({}), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ argon2: true, rows: 1, pdf: true });
  });
});

describe('every server bundle', () => {
  it("imports nothing but Node's modules and the image's packages (PGlite only lazily)", async () => {
    const problems: string[] = [];
    // One build of every server entry point (the deployed bundle is built per service, with the
    // same settings: the images below start two of them).
    const metafile = await bundleAllServices('server', join(tmp, 'build'));
    const built = Object.keys(metafile.outputs).flatMap((f) => /\/all-server\/([a-z]+)\.mjs$/.exec(f)?.[1] ?? []);
    expect(built.sort()).toEqual([...bundleTargets.server].sort());
    for (const [file, output] of Object.entries(metafile.outputs)) {
      for (const im of output.imports) {
        if (!im.external || isBuiltin(im.path)) continue;
        if (shipped.includes(im.path)) continue;
        if (EMBEDDED_ONLY.includes(im.path) && im.kind === 'dynamic-import') continue;
        problems.push(`${file}: ${im.kind} ${im.path}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});

/** Each service's server bundle, built once for the file: the image tests start the ones checked above. */
const bundles = new Map<ServiceName, Promise<BundleResult>>();
function serverBundle(service: ServiceName): Promise<BundleResult> {
  let bundle = bundles.get(service);
  if (!bundle) {
    bundle = bundleService({ service, kind: 'server', outDir: join(tmp, 'build') });
    bundles.set(service, bundle);
  }
  return bundle;
}

async function bundleImage(service: ServiceName): Promise<string> {
  return imageFolder(await serverBundle(service));
}

describe.skipIf(!postgresUp)(postgresUp ? 'the hr image' : `the hr image (${NO_POSTGRES})`, () => {
  const name = `konecta_docker_test_${Date.now().toString(36)}_${process.pid}`;
  let url = '';

  beforeAll(async () => {
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const target = new URL(ADMIN_URL);
    target.pathname = `/${name}`;
    url = target.toString();
    const handle = await createDatabase({ url, poolMax: 1 });
    try {
      await migrate(handle.db);
    } finally {
      await handle.close();
    }
  });

  afterAll(async () => {
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('starts on PostgreSQL, is healthy and ready, and exits 0 on SIGTERM', async () => {
    const app = await bundleImage('hr');
    const running = await runCmd(
      app,
      imageEnv({
        KONECTA_STAGE: 'local',
        DATABASE_URL: url,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        HOME: tmp,
      }),
    );
    expect(running.listening.database).toBe('postgres');
    const base = `http://127.0.0.1:${running.port}`;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', service: 'hr' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: expect.stringMatching(/^ok/) } });
    expect(healthcheck(running.port).status).toBe(0);

    expect(await stop(running)).toEqual({ code: 0, signal: null });
    expect(running.output()).toContain('shutting down');
    expect(healthcheck(running.port).status).toBe(1);
  }, 300_000);
});

describe('the gateway image', () => {
  it('starts, answers /health and exits 0 on SIGTERM', async () => {
    const app = await bundleImage('gateway');
    const running = await runCmd(
      app,
      imageEnv({ KONECTA_STAGE: 'local', PORT: String(await freePort()), HOST: '127.0.0.1', HOME: tmp }),
    );
    const health = await fetch(`http://127.0.0.1:${running.port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ stage: 'local' });
    expect(healthcheck(running.port).status).toBe(0);
    expect(await stop(running)).toEqual({ code: 0, signal: null });
  }, 300_000);
});
