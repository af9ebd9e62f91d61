import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue, loadConfig } from '@konecta/core';
import { createTestDatabase, type TestDatabase } from '@konecta/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunnerArgs, startLocal } from '../src';

// Shifted ports so the suite never collides with a running `npm start`.
const OFFSET = 21000;
const gatewayUrl = `http://127.0.0.1:${catalogue.gateway.port + OFFSET}`;

let external: TestDatabase | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  env = { KONECTA_STAGE: 'test', KONECTA_PORT_OFFSET: String(OFFSET), LOG_LEVEL: 'silent' };
  if (process.env.TEST_DATABASE_URL) {
    external = await createTestDatabase({ migrate: false });
    env.DATABASE_URL = external.url as string;
  } else {
    env.KONECTA_DATA_DIR = mkdtempSync(join(tmpdir(), 'konecta-local-'));
  }
});
afterAll(async () => {
  await external?.close();
});

describe('npm start (the local runner)', () => {
  it('migrates, starts every service and the gateway, answers health, and restarts on its data', async () => {
    const config = loadConfig(env);
    const first = await startLocal(config, parseRunnerArgs([]).services);
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

    const second = await startLocal(config, parseRunnerArgs([]).services);
    try {
      expect(second.migrationsApplied).toBe(0);
      expect((await fetch(`${gatewayUrl}/health`)).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it.skipIf(!!process.env.TEST_DATABASE_URL)('refuses a second runner on the same embedded data folder', async () => {
    const config = loadConfig({ ...env, KONECTA_DATA_DIR: mkdtempSync(join(tmpdir(), 'konecta-lock-')) });
    const first = await startLocal(config, ['hr']);
    try {
      await expect(startLocal(config, ['hr'])).rejects.toThrow(/already running/);
    } finally {
      await first.close();
    }
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
    const alone = await startLocal(config, ['hr']);
    try {
      expect(Object.keys(alone.urls)).toEqual(['hr']);
      const res = await fetch(`${alone.urls.hr}/api/hr/health`);
      expect(res.status).toBe(200);
      await expect(fetch(`${gatewayUrl}/health`)).rejects.toThrow();
    } finally {
      await alone.close();
    }
  });
});
