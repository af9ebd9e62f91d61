/**
 * `npm start` serves the built web app; this builds it first when there is no build yet, or when
 * a source file is newer than the build (so a pull never serves yesterday's screens).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface WebBuildState {
  /** Why a build is needed, or undefined when the existing one is current. */
  reason?: 'missing' | 'stale';
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** Whether the web app at `webDir` needs building into `outDir` (its browser folder). */
export function webBuildState(webDir: string, outDir: string): WebBuildState {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return { reason: 'missing' };
  const built = statSync(index).mtimeMs;
  const inputs = ['src', 'public'].map((d) => join(webDir, d)).filter(existsSync);
  const files = ['angular.json', 'package.json', 'tsconfig.json', 'tsconfig.app.json'].map((f) => join(webDir, f));
  const newest = Math.max(...inputs.map(newestMtime), ...files.filter(existsSync).map((f) => statSync(f).mtimeMs));
  return newest > built ? { reason: 'stale' } : {};
}

/**
 * Builds when needed, showing the Angular CLI's own progress. Returns false when the build failed
 * (the API still starts; the gateway then serves its landing page).
 */
export function ensureWebBuild(root: string, outDir: string, log: (line: string) => void = console.log): boolean {
  const webDir = join(root, 'web');
  if (!existsSync(join(webDir, 'angular.json'))) return true;
  const { reason } = webBuildState(webDir, outDir);
  if (!reason) return true;
  log(
    reason === 'missing'
      ? 'Building the web app (first start only; this takes a few seconds)…'
      : 'The web app changed since its last build: rebuilding…',
  );
  const result = spawnSync('npm', ['run', 'build', '--workspace', 'web'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
  if (result.status !== 0) {
    log('The web app did not build (see above); starting the API without it.');
    return false;
  }
  return true;
}
