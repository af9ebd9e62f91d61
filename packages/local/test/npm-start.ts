/**
 * `npm start` exactly as a developer runs it, in its own process group (so a signal can go to the
 * whole group, as Ctrl+C or `kill -- -pgid` sends it), on shifted ports and its own data folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue } from '@konecta/core';
import { processRunning } from '../src/pid-lock';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface NpmStart {
  gateway: string;
  child: ChildProcess;
  /** Everything it printed so far (for failure messages). */
  output(): string;
  /** Resolves with npm's exit code (or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal to the whole process group: npm and the runner. */
  signalGroup(signal: NodeJS.Signals): void;
}

/** The environment of a developer's shell: none of the test runner's own variables. */
function developerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VITEST') || ['NODE_ENV', 'DATABASE_URL', 'TEST_DATABASE_URL', 'KONECTA_STAGE'].includes(key))
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export function npmStart(options: { dataDir: string; portOffset: number }): NpmStart {
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: developerEnv({
      KONECTA_DATA_DIR: options.dataDir,
      KONECTA_PORT_OFFSET: String(options.portOffset),
      // The web app's build is not under test (and takes minutes on two cores).
      KONECTA_SKIP_WEB_BUILD: '1',
      LOG_LEVEL: 'warn',
    }),
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    gateway: `http://127.0.0.1:${catalogue.gateway.port + options.portOffset}`,
    child,
    output: () => output,
    exited,
    signalGroup: (signal) => process.kill(-(child.pid as number), signal),
  };
}

/** Waits until the gateway answers /health, or the process exits, or the deadline passes. */
export async function untilHealthy(app: NpmStart, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let exited = false;
  void app.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`npm start exited before answering:\n${app.output().slice(-4000)}`);
    try {
      const res = await fetch(`${app.gateway}/health`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  app.signalGroup('SIGKILL');
  throw new Error(`npm start did not answer /health within ${deadlineMs / 1000} s:\n${app.output().slice(-4000)}`);
}

/** Stops a run the test no longer needs (after a failure): the whole group, at once. */
export async function killGroup(app: NpmStart | undefined): Promise<void> {
  if (!app) return;
  try {
    app.signalGroup('SIGKILL');
  } catch {
    // the whole group is gone already
  }
  await app.exited;
}

/**
 * Waits until the runner that held `dataDir` has stopped. After SIGKILL to the group, npm's exit
 * can be seen before the runner's (each dies on its own), and a start meanwhile is refused.
 */
export async function untilStopped(dataDir: string, deadlineMs: number): Promise<void> {
  let pid = 0;
  try {
    pid = Number(readFileSync(join(dataDir, 'konecta.pid'), 'utf8'));
  } catch {
    return; // no lock: it stopped cleanly
  }
  const deadline = Date.now() + deadlineMs;
  while (pid && processRunning(pid)) {
    if (Date.now() > deadline) throw new Error(`the runner (pid ${pid}) is still running`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
