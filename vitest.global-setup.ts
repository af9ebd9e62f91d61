/**
 * Once per `vitest` run: a folder where the test database states (migrated, seeded) are saved the
 * first time a file needs them, and the teardown that removes them (see test-snapshots.ts).
 */
import { startTestRun } from '@konecta/core/test-snapshots';

export default function setup(): Promise<() => Promise<void>> {
  return startTestRun();
}
