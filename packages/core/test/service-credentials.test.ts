import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, serviceClientSecret, serviceClientSecretId } from '../src/index';

describe("a service's client secret", () => {
  it('locally is generated on first start into .data/secrets, readable by its owner only, and kept', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'konecta-secrets-'));
    const config = loadConfig({ KONECTA_STAGE: 'local', KONECTA_DATA_DIR: dataDir });
    const first = await serviceClientSecret(config, 'hr');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = join(dataDir, 'secrets', 'service-client-hr');
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'secrets')).mode & 0o777).toBe(0o700);

    expect(await serviceClientSecret(config, 'hr')).toBe(first);
    expect(await serviceClientSecret(config, 'finance')).not.toBe(first);
    // Two starts at once agree on one secret.
    const [a, b] = await Promise.all([
      serviceClientSecret(config, 'reporting'),
      serviceClientSecret(config, 'reporting'),
    ]);
    expect(a).toBe(b);
  });

  it('deployed is the Secrets Manager secret named by SERVICE_CLIENT_SECRET_PREFIX and the service', () => {
    const deployed = {
      KONECTA_STAGE: 'dev',
      DATABASE_URL: 'postgres://u:p@db:5432/konecta',
      EVENT_BUS_NAME: 'bus',
      AUTH_JWKS_URL: 'https://api.example.com/api/auth/.well-known/jwks.json',
    };
    expect(
      serviceClientSecretId(
        loadConfig({ ...deployed, SERVICE_CLIENT_SECRET_PREFIX: 'dev/konecta-erp/service-clients/' }),
        'hr',
      ),
    ).toBe('dev/konecta-erp/service-clients/hr');
    expect(() => serviceClientSecretId(loadConfig(deployed), 'hr')).toThrow(
      'SERVICE_CLIENT_SECRET_PREFIX is required outside local stages',
    );
  });
});
