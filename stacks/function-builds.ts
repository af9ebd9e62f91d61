/**
 * Function builds shared between offline syntheses, for the stack tests: a function's bundle
 * depends on its build settings (handler, runtime, `nodejs` options, files copied, build hooks),
 * not on the stage or its environment, so a run that synthesizes several stages builds each
 * function once and the other syntheses take a copy. Builds are kept in a folder for the run
 * (the stacks project's global set-up makes it and removes it); separate processes share it, the
 * first to claim a function builds it while the others wait for it.
 *
 * The key is the build settings themselves (functions by their source text), so a change to how a
 * function is built is a different entry. What a hook reads from outside its settings (a variable
 * it closes over) is not part of the key: keep anything stage-dependent out of the build.
 */
import childProcess from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { useFunctions } from 'sst/constructs/Function.js';
import { useProject } from 'sst/project.js';
import { useRuntimeHandlers } from 'sst/runtime/handlers.js';

type Handlers = ReturnType<typeof useRuntimeHandlers>;
type BuildResult = Awaited<ReturnType<Handlers['build']>>;

/** What a function's build is made from (the props SST's build reads), as stable text. */
export function buildKey(props: Record<string, unknown>): string {
  const { handler, runtime, architecture, nodejs, copyFiles, hooks } = props;
  const text = JSON.stringify({ handler, runtime, architecture, nodejs, copyFiles, hooks }, (_key, value) =>
    typeof value === 'function' ? `function ${value.toString()}` : value,
  );
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** Files of `from` into `to`: hard links (nothing writes to them), copies for source maps. */
function place(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) place(source, target);
    // SST rewrites a function's source map in place (gzipped), then deletes it.
    else if (entry.name.endsWith('.map')) copyFileSync(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

interface Entry {
  handler: string;
  /** The source map's path inside the build folder. */
  sourcemap?: string;
}

const patched = new WeakSet<object>();

/**
 * SST v2 runs `npm install` in every Node function's build folder after esbuild, with a
 * `package.json` listing the packages to install, even when that list is empty (its check is on an
 * array, always true): then npm installs nothing and only writes a `package-lock.json`, at ~0.3 s of
 * CPU a function (~12 s for a synthesis). Here that empty install answers at once; an install with
 * packages to install still runs. Scoped to `folders` (the builds' folders of this process).
 */
function skipEmptyInstalls(folders: string): void {
  const exec = childProcess.exec;
  const skipping = (command: string, options: unknown): boolean => {
    const cwd = (options as { cwd?: unknown } | undefined)?.cwd;
    if (!command.startsWith('npm install ') || typeof cwd !== 'string') return false;
    if (relative(folders, resolve(cwd)).startsWith('..')) return false;
    try {
      const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { dependencies?: object };
      return Object.keys(manifest.dependencies ?? {}).length === 0;
    } catch {
      return false;
    }
  };
  childProcess.exec = ((command: string, options: unknown, callback: unknown) => {
    if (typeof callback === 'function' && skipping(command, options)) {
      process.nextTick(() => (callback as (error: null, stdout: string, stderr: string) => void)(null, '', ''));
      return undefined as never;
    }
    return (exec as (...args: unknown[]) => unknown)(command, options, callback);
  }) as typeof exec;
  // SST imports `exec` by name: its binding follows the module's export only after a sync.
  syncBuiltinESMExports();
}

/** Makes this process's SST builds go through `folder` (call after `setProject`). */
export function shareFunctionBuilds(folder: string): void {
  const handlers = useRuntimeHandlers();
  if (patched.has(handlers)) return;
  patched.add(handlers);
  const build = handlers.build.bind(handlers);
  const artifacts = useProject().paths.artifacts;
  const root = useProject().paths.root;
  skipEmptyInstalls(artifacts);

  handlers.build = async (functionID: string, mode: Parameters<Handlers['build']>[1]): Promise<BuildResult> => {
    const props = useFunctions().fromID(functionID) as Record<string, unknown> | undefined;
    if (mode !== 'deploy' || !props) return build(functionID, mode);
    const key = buildKey(props);
    const entry = join(folder, key);
    const done = join(folder, `${key}.json`);
    const lock = join(folder, `${key}.lock`);
    const out = join(artifacts, functionID);
    for (;;) {
      if (existsSync(done)) {
        const saved = JSON.parse(readFileSync(done, 'utf8')) as Entry;
        rmSync(out, { recursive: true, force: true });
        place(entry, out);
        return {
          type: 'success',
          handler: saved.handler,
          out,
          sourcemap: saved.sourcemap === undefined ? undefined : join(out, saved.sourcemap),
        } as BuildResult;
      }
      if (claim(lock)) break;
      // Another process is building this function: its result is a file away.
      await sleep(100);
    }
    try {
      const result = await build(functionID, mode);
      if (result?.type === 'success') {
        const built = result as BuildResult & { out: string; handler: string; sourcemap?: string };
        const map = built.sourcemap && resolve(root, built.sourcemap);
        // Left by a claimant that died while saving.
        rmSync(`${entry}.partial`, { recursive: true, force: true });
        rmSync(entry, { recursive: true, force: true });
        place(built.out, `${entry}.partial`);
        renameSync(`${entry}.partial`, entry);
        const saved: Entry = { handler: built.handler, sourcemap: map ? relative(built.out, map) : undefined };
        if (saved.sourcemap && (saved.sourcemap.startsWith('..') || isAbsolute(saved.sourcemap))) {
          throw new Error(`source map ${map} is outside the build folder ${built.out}`);
        }
        writeFileSync(`${done}.partial`, JSON.stringify(saved));
        renameSync(`${done}.partial`, done);
      }
      return result;
    } finally {
      rmSync(lock, { force: true });
    }
  };
}

/**
 * Takes the lock file, or leaves it to a live holder. A holder that died (its process is gone)
 * loses the lock; its partial build is discarded by the next claimant.
 */
export function claim(lock: string, read: (path: string) => string = (path) => readFileSync(path, 'utf8')): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  let holder: number;
  try {
    holder = Number(read(lock));
  } catch (err) {
    // Released between the two calls: the next turn finds the build, or claims the lock.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  // An empty file is a claim being written.
  if (!holder || alive(holder)) return false;
  rmSync(lock, { force: true });
  return false; // claimed on the next turn, by whoever writes it first
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
