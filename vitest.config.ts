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

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'stacks/**/*.test.ts',
      // The web app's logic (pure functions and services); its screens are tested in Chromium (web/e2e).
      'web/src/**/*.spec.ts',
    ],
    // Each test file gets its own embedded database (or a fresh PostgreSQL database), copied from
    // states built once per run; two workers match the two cores CI has.
    globalSetup: ['./vitest.global-setup.ts'],
    pool: 'forks',
    // Files run one after another in their worker's process rather than each in a new one: loading
    // and transforming the modules again cost ~2.5 s of CPU per file. So a file restores what it
    // changes (vi.stubEnv, not process.env assignments) and closes what it opens.
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false } },
    testTimeout: 30_000,
    // A file's set-up may wait for the run's first database states to be built (once per run).
    hookTimeout: 120_000,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...memoryTmpdir() },
  },
});
