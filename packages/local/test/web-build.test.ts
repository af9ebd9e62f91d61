import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webBuildState } from '../src/web-build';

describe('web build freshness (npm start builds the web app when needed)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const setup = () => {
    const root = mkdtempSync(join(tmpdir(), 'konecta-web-'));
    dirs.push(root);
    const web = join(root, 'web');
    const out = join(web, 'dist', 'web', 'browser');
    mkdirSync(join(web, 'src', 'app'), { recursive: true });
    writeFileSync(join(web, 'angular.json'), '{}');
    writeFileSync(join(web, 'src', 'app', 'app.ts'), 'export {}');
    return { web, out };
  };
  const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

  it('needs a build when there is none', () => {
    const { web, out } = setup();
    expect(webBuildState(web, out)).toEqual({ reason: 'missing' });
  });

  it('is current when the build is newer than every source, stale when a source is newer', () => {
    const { web, out } = setup();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'index.html'), '<html></html>');
    at(join(web, 'angular.json'), 1_000);
    at(join(web, 'src', 'app', 'app.ts'), 1_000);
    at(join(out, 'index.html'), 2_000);
    expect(webBuildState(web, out)).toEqual({});
    at(join(web, 'src', 'app', 'app.ts'), 3_000);
    expect(webBuildState(web, out)).toEqual({ reason: 'stale' });
  });
});
