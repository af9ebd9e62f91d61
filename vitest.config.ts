import { statfsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Temporary folders in memory when the machine has room for them: a stack synthesis writes and
 * deletes ~250 MB of function builds, and embedded databases on disk sync their files; on a disk
 * that was seconds of system time per file. A TMPDIR set by the caller wins.
 */
function memoryTmpdir(): Record<string, string> {
  if (process.env.TMPDIR) return {};
  try {
    const shm = statfsSync('/dev/shm');
    return shm.bavail * shm.bsize >= 4 * 1024 ** 3 ? { TMPDIR: '/dev/shm' } : {};
  } catch {
    return {};
  }
}

/**
 * Test files that mock a module (vi.mock): a shared worker would hand them the module already
 * loaded; and the light Fetch classes' test, which compares them with Node's own `Response`, which
 * a file that started a server in the same worker has replaced (@hono/node-server does).
 */
const isolatedFiles = ['packages/auth/test/lockout-race.test.ts', 'packages/core/test/fetch-light.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // A file's set-up may wait for the run's first database states to be built (once per run).
    hookTimeout: 120_000,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...memoryTmpdir() },
    // Two workers per pool match the two cores CI has; the pools run side by side, the stack
    // tests spending much of their time waiting on esbuild and npm.
    poolOptions: {
      // Files share their worker thread instead of each loading and transforming the modules
      // again (~2.5 s of CPU a file), so a file restores what it changes (vi.stubEnv, not
      // process.env assignments) and closes what it opens.
      threads: { maxThreads: 2, minThreads: 1, isolate: false },
      // A process per file: SST keeps the first synthesis's project (its build folder) for the
      // life of the process, and a synthesis changes the working directory.
      forks: { maxForks: 2, minForks: 1 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'packages',
          include: [
            'packages/*/test/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            // The web app's logic (pure functions and services); its screens are tested in
            // Chromium (web/e2e).
            'web/src/**/*.spec.ts',
          ],
          // Files that replace a module with vi.mock need modules loaded afresh: see 'isolated'.
          exclude: isolatedFiles,
          pool: 'threads',
          // Each test file gets a database of its own (embedded, or on the PostgreSQL server of
          // TEST_DATABASE_URL), copied from states built once per run.
          globalSetup: ['./vitest.global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: isolatedFiles,
          pool: 'forks',
          globalSetup: ['./vitest.global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'stacks',
          include: ['stacks/**/*.test.ts'],
          pool: 'forks',
          // Each function is built once per run and shared by every stage synthesized.
          globalSetup: ['./stacks/global-setup.ts'],
        },
      },
    ],
  },
});
