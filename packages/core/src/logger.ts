import { loggableError } from './db-errors';

/**
 * JSON lines, one per entry: `{"level":"info","time":"…","service":"hr",…fields,"msg":"…"}` (the
 * shape pino wrote before, so log queries keep working). A few lines of kernel code instead of
 * pino: pino and its helpers were ~55 KiB of every Lambda bundle and set up a worker-capable
 * stream at start for what is one synchronous `write` per line here (stdout is synchronous for
 * files and pipes on Linux, which is what Lambda and containers give a process).
 *
 * Secrets never reach the logs: the values of known secret-bearing keys are replaced, at the top
 * level and one level down, and errors (`err`) are written without the values of the SQL
 * statement that failed.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

type LogFn = {
  (fields: object, message?: string): void;
  (message: string): void;
};

export interface Logger {
  readonly level: LogLevel;
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  isLevelEnabled(level: LogLevel): boolean;
  /** A logger whose every line carries `bindings` too (e.g. `{ requestId }`). */
  child(bindings: Record<string, unknown>): Logger;
}

/** Where the lines go: anything with a `write(line)`, stdout unless told. */
export interface LogDestination {
  write(line: string): unknown;
}

const LEVELS: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};

/** The keys whose values are never written, at the top level or one level down. */
export const REDACTED_KEYS: ReadonlySet<string> = new Set(['password', 'token', 'authorization', 'cookie']);
const CENSOR = '[redacted]';

function isLevel(level: string): level is LogLevel {
  return Object.hasOwn(LEVELS, level);
}

function redactOneLevel(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Error) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    if (REDACTED_KEYS.has(key)) {
      copy ??= { ...(value as Record<string, unknown>) };
      copy[key] = CENSOR;
    }
  }
  return copy ?? value;
}

/** A JSON.stringify replacer for bigints and cycles, so a log line never throws. */
function safeReplacer() {
  const seen = new WeakSet<object>();
  return (_key: string, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value !== null && typeof value === 'object') {
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
    }
    return value;
  };
}

function line(level: LogLevel, base: Record<string, unknown>, fields: object | undefined, msg: string | undefined) {
  const entry: Record<string, unknown> = { level, time: new Date().toISOString(), ...base };
  if (fields) {
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      entry[key] = REDACTED_KEYS.has(key) ? CENSOR : key === 'err' ? loggableError(value) : redactOneLevel(value);
    }
  }
  if (msg !== undefined) entry.msg = msg;
  return `${JSON.stringify(entry, safeReplacer())}\n`;
}

function makeLogger(threshold: LogLevel, base: Record<string, unknown>, destination: LogDestination): Logger {
  const min = LEVELS[threshold];
  const at =
    (level: LogLevel): LogFn =>
    (first: object | string, message?: string) => {
      if (LEVELS[level] < min) return;
      const text = typeof first === 'string' ? line(level, base, undefined, first) : line(level, base, first, message);
      destination.write(text);
    };
  return {
    level: threshold,
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
    isLevelEnabled: (level) => LEVELS[level] >= min,
    child: (bindings) => makeLogger(threshold, { ...base, ...(redactOneLevel(bindings) as object) }, destination),
  };
}

export function createLogger(options: { level: string; service: string; destination?: LogDestination }): Logger {
  if (!isLevel(options.level)) throw new Error(`unknown log level "${options.level}"`);
  return makeLogger(options.level, { service: options.service }, options.destination ?? process.stdout);
}
