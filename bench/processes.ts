/** Child processes of a benchmark run: started with tsx, killed on exit, failure or Ctrl-C. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const children = new Set<ChildProcess>();

function killAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  children.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

export interface ServerProcess {
  url: string;
  /** CPU time (user + system) the server process has used so far. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts `bench/servers/<name>.ts` in its own Node process and waits for it to listen. */
export function startServerProcess(name: string, env: Record<string, string>): Promise<ServerProcess> {
  const file = fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const stop = () =>
    new Promise<void>((done) => {
      children.delete(child);
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} server did not start within 20 s`)), 20_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      void stop();
      reject(err);
    };
    child.once('exit', (code, signal) => fail(new Error(`${name} server exited (${signal ?? code}) before listening`)));
    child.once('message', (message) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const { port } = message as { port: number };
      const cpuMicros = () =>
        new Promise<number>((answer) => {
          child.once('message', (reply) => answer((reply as { cpuMicros: number }).cpuMicros));
          child.send('cpu');
        });
      resolve({ url: `http://127.0.0.1:${port}`, cpuMicros, stop });
    });
  });
}
