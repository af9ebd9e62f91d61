import { join } from 'node:path';
import type { ServiceName } from '../catalogue';
import { loadConfig } from '../config';
import type { DatabaseHandle } from '../database';
import type { ServiceRouter } from '../http';
import { openApiDocument } from '../openapi';
import { createServiceDeps, type ServiceDeps } from '../service';
import { repoRoot } from './bundle';

/**
 * The service's OpenAPI document, made here at build time from its routes (the app is built
 * without a database: declaring routes never touches it).
 */
export async function serviceDocument(service: ServiceName, root = repoRoot): Promise<unknown> {
  const { serviceModules } = (await import(join(root, 'packages/local/src/services.ts'))) as {
    serviceModules: Record<string, { createApp(deps: unknown): ServiceRouter }>;
  };
  const module = serviceModules[service];
  if (!module) throw new Error(`no service module for ${service}`);
  return openApiDocument(module.createApp(buildTimeDeps(service)));
}

/**
 * Deps for building a service's app without running it (the document at build time, route
 * listings in tests): a deployed stage's configuration, and a database that throws if used.
 */
export function buildTimeDeps(service: ServiceName): ServiceDeps {
  const config = loadConfig({
    KONECTA_STAGE: 'dev',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'postgres://build@localhost/none',
    AUTH_JWKS_URL: 'http://localhost/jwks.json',
    EVENT_BUS_NAME: 'build',
    AUTH_SIGNING_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:build',
  });
  const handle: DatabaseHandle = {
    kind: 'postgres',
    db: new Proxy({} as DatabaseHandle['db'], {
      get(_, property) {
        throw new Error(`building the app used the database (db.${String(property)})`);
      },
    }),
    ping: async () => {},
    close: async () => {},
  };
  return createServiceDeps(service, config, handle);
}
