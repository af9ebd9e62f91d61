import {
  createLogger,
  createServiceDeps,
  isDomainServiceName,
  loadConfig,
  openDatabase,
  type ServiceModule,
} from '@konecta/core';
import { migrate } from '@konecta/db';
import { serviceModules } from './services';

/**
 * The deploy-time migration step (an SST `Script`, run inside the VPC on create and whenever the
 * migrations change): applies `migrations/` under the advisory lock, then each service's
 * idempotent bootstrap (default roles, the first signing key, the first admin's invitation).
 * Never seeds demo data: that is local only.
 */
export async function handler(): Promise<{ applied: number; total: number; bootstrapped: string[] }> {
  const config = loadConfig();
  const handle = await openDatabase(config);
  try {
    const { applied, total } = await migrate(handle.db);
    const bootstrapped: string[] = [];
    for (const [name, module] of Object.entries(serviceModules) as [string, ServiceModule][]) {
      if (!module.bootstrap || !isDomainServiceName(name)) continue;
      await module.bootstrap(createServiceDeps(name, config, handle));
      bootstrapped.push(name);
    }
    createLogger({ level: config.logLevel, service: 'migrations' }).info(
      { applied: applied.length, total, bootstrapped },
      'migrations applied',
    );
    return { applied: applied.length, total, bootstrapped };
  } finally {
    await handle.close();
  }
}
