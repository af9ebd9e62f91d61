import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claim } from './function-builds';

/** The lock that lets one synthesis build a function while the others wait for its result. */
describe('claiming a function build', () => {
  const dirs: string[] = [];
  const lockIn = () => {
    const dir = mkdtempSync(join(tmpdir(), 'konecta-claim-'));
    dirs.push(dir);
    return join(dir, 'build.lock');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('takes a free lock, writing its process id', () => {
    const lock = lockIn();
    expect(claim(lock)).toBe(true);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
  });

  it('leaves a live holder its lock', () => {
    const lock = lockIn();
    writeFileSync(lock, String(process.ppid));
    expect(claim(lock)).toBe(false);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.ppid));
  });

  it('removes the lock of a holder that died, for the next turn to take', () => {
    const lock = lockIn();
    // Beyond the kernel's largest process id: no such process.
    writeFileSync(lock, '4194305');
    expect(claim(lock)).toBe(false);
    expect(existsSync(lock)).toBe(false);
    expect(claim(lock)).toBe(true);
  });

  it('waits another turn when the holder releases the lock between its two looks', () => {
    const lock = lockIn();
    writeFileSync(lock, String(process.ppid));
    const released = (path: string): string => {
      rmSync(path);
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    };
    expect(claim(lock, released)).toBe(false);
    expect(claim(lock)).toBe(true);
  });
});
