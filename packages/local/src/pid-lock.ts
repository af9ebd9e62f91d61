import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const hasProc = existsSync('/proc/self/status');

/**
 * Whether a process is running. A killed process stays in the process table (a zombie) until its
 * parent collects it, which after `kill -9` of `npm start` may take a moment: it runs nothing.
 */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (!hasProc) return true; // macOS: kill(0) is all there is to know
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false; // collected between the two looks
  }
}

/**
 * The embedded database allows one process at a time; a second `npm start` on the same data
 * folder would corrupt it, so it is refused with the first one's pid.
 */
const heldHere = new Set<string>();

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'konecta.pid');
  if (heldHere.has(file)) throw new Error(`Konecta ERP is already running on ${dataDir} in this process.`);
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid && processRunning(pid)) {
      throw new Error(`Konecta ERP is already running on ${dataDir} (pid ${pid}). Stop it first.`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  writeFileSync(file, String(process.pid));
  heldHere.add(file);
  return () => {
    heldHere.delete(file);
    rmSync(file, { force: true });
  };
}
