import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the app started as `npm start` starts it (fresh data, its own ports), driven
 * in Debian's Chromium through playwright-core. One file at a time: they share one server.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['web/e2e/**/*.e2e.ts'],
    globalSetup: ['web/e2e/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 60_000,
    // The app's start (migrations and the demo seed) runs in the global set-up.
    hookTimeout: 360_000,
  },
});
