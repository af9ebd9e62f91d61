import { defineConfig } from 'vitest/config';

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
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  },
});
