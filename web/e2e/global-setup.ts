import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../../packages/local/src/web-build';

const root = new URL('../..', import.meta.url).pathname;
/** Ports 8980 (gateway) and up: clear of a developer's own `npm start` on 8080. */
const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 900);

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode} before answering`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the app did not answer ${url}/health within ${timeoutMs / 1000} s`);
}

/** How long the app may take to migrate and seed its demo data (a year of ledger) before it answers. */
const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS ?? 300_000);

export default async function setup(project: TestProject) {
  mkdirSync(join(root, 'web/e2e/screenshots'), { recursive: true });
  // An app already running (E2E_BASE_URL, e.g. http://localhost:8680): no build, no start.
  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL.replace(/\/+$/, ''));
    return;
  }
  const webRoot = join(root, 'web/dist/web/browser');
  if (!ensureWebBuild(root, webRoot)) throw new Error('the web app did not build');
  const dataDir = mkdtempSync(join(tmpdir(), 'konecta-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/local/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      KONECTA_DATA_DIR: dataDir,
      KONECTA_PORT_OFFSET: String(PORT_OFFSET),
      KONECTA_SKIP_WEB_BUILD: '1',
      KONECTA_WEB_ROOT: webRoot,
      // Many sign-ins from one address in a few minutes: the per-address limit is not under test here.
      RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const baseUrl = `http://localhost:${8080 + PORT_OFFSET}`;
  try {
    await waitForHealth(baseUrl, child, START_TIMEOUT_MS);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${output.slice(-4000)}`);
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
