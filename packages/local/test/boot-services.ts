/**
 * Domain services booted as `npm start` boots them (each service's bootstrap, its seed, its app)
 * over a database of the test file's own, for the suites that go through every service's API.
 *
 * The database starts from the demo company — HR's organisation and finance's ledger year — seeded
 * once per run and copied (`demoCompany`, test-snapshots.ts): those seeds were most of a boot (the
 * ledger's year alone took 5–12 s a file). Every bootstrap and seed
 * still runs here, as on every start (they are idempotent, and create what lives outside the
 * database: the auth signing key, each service's client secret), so the result is what a first
 * `npm start` has. The data folder holds the run's data key, so the demo's encrypted fields read back.
 */
import type { DomainServiceName, ServiceDeps } from '@konecta/core';
import {
  createTestDatabase,
  createTestDataDir,
  createTestKeys,
  type TestDatabase,
  type TestKeys,
  type TestSnapshot,
  testDeps,
} from '@konecta/core/testing';
import { demoOrganisation } from '../../hr/test/helpers';
import { serviceModules } from '../src/services';

/**
 * HR's demo organisation with finance's chart and demo ledger year on top: what a first `npm start`
 * seeds, built once per run. Seeded on the real clock, like `npm start`.
 */
export const demoCompany: TestSnapshot = {
  name: 'demo-company',
  async prepare(db) {
    await demoOrganisation.prepare(db);
    const dataDir = await createTestDataDir();
    try {
      const deps = testDeps(db, await createTestKeys(), { KONECTA_DATA_DIR: dataDir.path });
      await serviceModules.finance.bootstrap?.(deps);
      await serviceModules.finance.seed?.(deps);
    } finally {
      await dataDir.remove();
    }
  },
};

export type Fetch = (request: Request) => Response | Promise<Response>;

export interface BootedServices {
  db: TestDatabase;
  /** Signs tokens every service but auth trusts (auth trusts only its own keys). */
  keys: TestKeys;
  /** Each service's app and the deps it was built with, in the order booted. */
  services: Map<DomainServiceName, { fetch: Fetch; deps: ServiceDeps }>;
  close(): Promise<void>;
}

/** Boots `names` in order (auth first when present: the others' seeds may sign in through it). */
export async function bootServices(names: readonly DomainServiceName[]): Promise<BootedServices> {
  const db = await createTestDatabase({ snapshot: demoCompany });
  const dataDir = await createTestDataDir();
  try {
    const keys = await createTestKeys();
    const services = new Map<DomainServiceName, { fetch: Fetch; deps: ServiceDeps }>();
    for (const name of names) {
      const module = serviceModules[name];
      const deps = testDeps(db, keys, { KONECTA_DATA_DIR: dataDir.path });
      await module.bootstrap?.(deps);
      await module.seed?.(deps);
      const app = module.createApp(deps);
      services.set(name, { fetch: (r) => app.fetch(r), deps });
    }
    const close = async () => {
      await db.close();
      await dataDir.remove();
    };
    return { db, keys, services, close };
  } catch (err) {
    await db.close();
    await dataDir.remove();
    throw err;
  }
}
