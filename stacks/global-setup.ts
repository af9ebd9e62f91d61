/**
 * Once per `vitest` run of the stack tests: a folder where each function is built once and shared
 * by every synthesis of the run (see function-builds.ts), removed at the end.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's folder of function builds. */
    functionBuilds: string;
  }
}

export default function setup(project: TestProject): () => void {
  // The workers' temporary folder (in memory when there is room: vitest.config.ts), so that the
  // builds can be hard-linked into each synthesis's folder.
  const folder = mkdtempSync(join(project.config.env?.TMPDIR ?? tmpdir(), 'konecta-function-builds-'));
  project.provide('functionBuilds', folder);
  // In watch mode a handler may have changed: build afresh.
  project.onTestsRerun(() => {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
  });
  return () => rmSync(folder, { recursive: true, force: true });
}
