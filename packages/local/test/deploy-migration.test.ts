import { prepareEmbeddedDatabase } from '@konecta/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler } from '../src/deploy-migration';

/**
 * The deploy step on the embedded database: a fresh database gets every migration and each
 * service's bootstrap; a second run (an unchanged redeploy that did rerun) changes nothing.
 */
describe('deploy-time migration step', () => {
  // Stubbed, and restored after the file: test files share their worker process.
  beforeAll(async () => {
    vi.stubEnv('KONECTA_STAGE', 'test');
    vi.stubEnv('KONECTA_DATA_DIR', `${process.env.TMPDIR ?? '/tmp'}/konecta-deploy-migration-${process.pid}`);
    vi.stubEnv('DATABASE_URL', undefined);
    // A new cluster with nothing of ours (copied rather than initdb'ed): the step migrates it.
    await prepareEmbeddedDatabase(process.env.KONECTA_DATA_DIR as string, 'empty');
  });
  afterAll(async () => {
    const { rm } = await import('node:fs/promises');
    await rm(process.env.KONECTA_DATA_DIR as string, { recursive: true, force: true });
    vi.unstubAllEnvs();
  });

  it('applies every migration and bootstraps the services, then is a no-op', async () => {
    const first = await handler();
    expect(first.total).toBeGreaterThan(0);
    expect(first.applied).toBe(first.total);
    expect(first.bootstrapped).toContain('auth');

    const second = await handler();
    expect(second).toEqual({ applied: 0, total: first.total, bootstrapped: first.bootstrapped });
  }, 60_000);
});
