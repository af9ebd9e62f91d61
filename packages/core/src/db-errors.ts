import { ProblemError } from './problem';

/** The first error in the cause chain that carries a code (drizzle wraps driver errors). */
function codedError(err: unknown): { code: string; constraint?: string; detail?: string } | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const candidate = e as {
      code?: unknown;
      constraint?: string;
      constraint_name?: string;
      detail?: string;
      cause?: unknown;
    };
    if (typeof candidate.code === 'string') {
      return {
        code: candidate.code,
        constraint: candidate.constraint ?? candidate.constraint_name,
        detail: candidate.detail,
      };
    }
    e = candidate.cause;
  }
  return undefined;
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

/** True when the database cannot be reached right now (as opposed to rejecting a statement). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const coded = codedError(err);
  return !!coded && (unavailableCodes.has(coded.code) || coded.code.startsWith('08'));
}

/**
 * What a check or unique constraint protects, in the API's words: the request field it concerns
 * (a JSON path, e.g. `salary.amount`; none when no one field is at fault) and a message a person can
 * act on. Each service declares its own (`hrConstraints`, `authConstraints`) and passes them to
 * `createServiceApp`; a test holds every constraint of its schema to having one.
 */
export interface ConstraintField {
  path?: string;
  message: string;
  /** The answer's status when not the code's usual one (a rule a trigger holds may be a 409 conflict). */
  status?: 409 | 422;
}
export type ConstraintFields = Readonly<Record<string, ConstraintField>>;

/** The problem for a violated constraint: its field and message when declared, a plain sentence otherwise. */
function constraintProblem(
  status: 409 | 422,
  generic: string,
  constraint: string | undefined,
  constraints: ConstraintFields,
): ProblemError {
  const known = constraint ? constraints[constraint] : undefined;
  if (!known) return new ProblemError(status, generic);
  return new ProblemError(known.status ?? status, known.message, {
    ...(known.path ? { errors: [{ path: known.path, message: known.message }] } : {}),
  });
}

/**
 * Maps database errors a client can provoke to problem responses, so a constraint the domain code
 * did not pre-check still answers 4xx naming the field (never the constraint: its name is the
 * schema's business), and an outage answers 503 quickly. Anything else is a bug and stays a 500.
 */
export function problemFromDatabaseError(err: unknown, constraints: ConstraintFields = {}): ProblemError | undefined {
  const coded = codedError(err);
  if (!coded) return undefined;
  if (isDatabaseUnavailable(err)) {
    return new ProblemError(503, 'The database is unavailable; try again shortly.', {
      headers: { 'Retry-After': '2' },
    });
  }
  switch (coded.code) {
    case '23505':
      return constraintProblem(
        409,
        'A record with the same unique value already exists.',
        coded.constraint,
        constraints,
      );
    case '23503':
      return new ProblemError(409, 'The record refers to, or is referred to by, another record.');
    case '23514':
      return constraintProblem(422, 'The record breaks a data rule.', coded.constraint, constraints);
    case '23502':
      return new ProblemError(422, 'A required value is missing.');
    case '40001':
    case '40P01':
      return new ProblemError(409, 'The record was changed by someone else at the same time; try again.');
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return new ProblemError(400, 'A value has the wrong format or is out of range.');
    case '22021': // character_not_in_repertoire: a NUL or invalid UTF-8 that got past the edge
    case '22P05': // untranslatable_character
      return new ProblemError(400, 'A value contains characters that cannot be stored.');
    case '55P03':
      return new ProblemError(409, 'The record is locked by another operation; try again.');
    default:
      return undefined;
  }
}

/** Fields of driver errors that carry the values a statement was run with, or rows built from them. */
const VALUE_FIELDS = new Set(['params', 'parameters', 'args', 'types', 'values']);
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The message without the statement's parameters drizzle appends (`Failed query: …\nparams: …`). */
function messageWithoutParameters(err: Error & { query?: unknown }): string {
  const message = String(err.message ?? '');
  if (typeof err.query === 'string' && message.startsWith(`Failed query: ${err.query}`)) {
    return `Failed query: ${err.query}`;
  }
  const cut = message.indexOf('\nparams:');
  return cut === -1 ? message : message.slice(0, cut);
}

/**
 * An error as it may be logged: name, code, message, stack and causes, but never the values a SQL
 * statement was run with (drizzle, postgres.js and PGlite attach them to their errors, and
 * PostgreSQL's own `detail` quotes the rows). The logger uses this for every `err` it writes.
 */
export function loggableError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const fields = err as Error & Record<string, unknown>;
  const message = messageWithoutParameters(fields);
  const out: Record<string, unknown> = { type: err.constructor?.name ?? err.name, message };
  const sqlState = typeof fields.code === 'string' && SQLSTATE.test(fields.code);
  for (const key of Object.keys(fields)) {
    if (key in out || key === 'cause' || key === 'stack' || VALUE_FIELDS.has(key)) continue;
    if (key === 'detail' && sqlState) continue;
    const value = fields[key];
    out[key] = value instanceof Error && depth < 5 ? loggableError(value, depth + 1) : value;
  }
  if (typeof err.stack === 'string') {
    const frames = err.stack.indexOf('\n    at ');
    out.stack = `${err.name}: ${message}${frames === -1 ? '' : err.stack.slice(frames)}`;
  }
  if (err.cause !== undefined && depth < 5) out.cause = loggableError(err.cause, depth + 1);
  return out;
}
