import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, catalogue, loadConfig, type ServiceName } from '@konecta/core';
import { createTestDatabase, prepareEmbeddedDatabase, type TestDatabase } from '@konecta/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPlatform, parseRunnerArgs, startLocal } from '../src';
import { freePortOffset } from './ports';

// Shifted ports so the suite never collides with a running `npm start`.
const OFFSET = await freePortOffset(21000);
const gatewayUrl = `http://127.0.0.1:${catalogue.gateway.port + OFFSET}`;
// Starting every service migrates and seeds for real: seconds when idle, far more on a loaded
// machine. The signal is startLocal resolving; this is only the deadline for a hung start.
const DEADLINE = 300_000;

let external: TestDatabase | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  // A new data folder, as on a first `npm start` (keys live there even with a server database).
  env = {
    KONECTA_STAGE: 'test',
    KONECTA_PORT_OFFSET: String(OFFSET),
    LOG_LEVEL: 'silent',
    KONECTA_DATA_DIR: mkdtempSync(join(tmpdir(), 'konecta-local-')),
  };
  if (process.env.TEST_DATABASE_URL) {
    external = await createTestDatabase({ migrate: false });
    env.DATABASE_URL = external.url as string;
  } else {
    // Its embedded cluster copied rather than initdb'ed.
    await prepareEmbeddedDatabase(env.KONECTA_DATA_DIR as string, 'empty');
  }
});
afterAll(async () => {
  await external?.close();
  if (env.KONECTA_DATA_DIR) rmSync(env.KONECTA_DATA_DIR, { recursive: true, force: true });
});

// Every start is closed after its test, even one that failed or outlived its test, so the next
// test never finds the ports or the data folder taken.
const starts: Promise<LocalPlatform>[] = [];
const start = (config: Config, services: ServiceName[]) => {
  const started = startLocal(config, services);
  starts.push(started);
  return started;
};
afterEach(async () => {
  for (const started of starts.splice(0)) await (await started.catch(() => undefined))?.close();
}, DEADLINE);

describe('npm start (the local runner)', { timeout: DEADLINE }, () => {
  it('migrates, starts every service and the gateway, answers health, and restarts on its data', async () => {
    const config = loadConfig(env);
    const first = await start(config, parseRunnerArgs([]).services);
    try {
      expect(first.migrationsApplied).toBeGreaterThan(0);
      expect(Object.keys(first.urls).sort()).toEqual(
        ['auth', 'config', 'discovery', 'finance', 'gateway', 'hr', 'operation', 'reporting'].sort(),
      );
      const health = await fetch(`${gatewayUrl}/health`);
      expect(health.status).toBe(200);
      const body = (await health.json()) as { status: string; services: { name: string; state: string }[] };
      expect(body.services).toHaveLength(7);
      expect(body.services.every((s) => s.state === 'up')).toBe(true);

      const unknown = await fetch(`${gatewayUrl}/api/hr/definitely-not-here`);
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toBe('application/problem+json');
      expect(((await unknown.json()) as { requestId?: string }).requestId).toBeTruthy();

      // Each service also answers on its own catalogue port.
      const hr = await fetch(`http://127.0.0.1:${catalogue.hr.port + OFFSET}/ready`);
      expect(hr.status).toBe(200);
    } finally {
      await first.close();
    }
    await expect(fetch(`${gatewayUrl}/health`)).rejects.toThrow();

    const second = await start(config, parseRunnerArgs([]).services);
    expect(second.migrationsApplied).toBe(0);
    expect((await fetch(`${gatewayUrl}/health`)).status).toBe(200);
  });

  it.skipIf(!!process.env.TEST_DATABASE_URL)('refuses a second runner on the same embedded data folder', async () => {
    const config = loadConfig(env);
    await start(config, ['hr']);
    await expect(start(config, ['hr'])).rejects.toThrow(/already running/);
  });

  it('runs only the services asked for', async () => {
    expect(parseRunnerArgs(['--service', 'hr']).services).toEqual(['hr']);
    expect(parseRunnerArgs(['--service', 'hr,finance', '-s', 'gateway']).services).toEqual([
      'hr',
      'finance',
      'gateway',
    ]);
    expect(() => parseRunnerArgs(['--service', 'payroll'])).toThrow(/Unknown service "payroll"/);
    const config = loadConfig(env);
    const alone = await start(config, ['hr']);
    expect(Object.keys(alone.urls)).toEqual(['hr']);
    const res = await fetch(`${alone.urls.hr}/api/hr/health`);
    expect(res.status).toBe(200);
    await expect(fetch(`${gatewayUrl}/health`)).rejects.toThrow();
  });
});
