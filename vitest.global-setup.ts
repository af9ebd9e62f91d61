/**
 * Once per `vitest` run: a folder where the test database states (migrated, seeded) are saved the
 * first time a file needs them, removed at the end (see test-snapshots.ts).
 */
import { startTestRun } from '@konecta/core/test-snapshots';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const run = await startTestRun();
  // In watch mode a migration or a seed may have changed since the states were built.
  project.onTestsRerun(() => run.reset());
  return run.end;
}
