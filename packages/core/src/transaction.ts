import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Transaction } from '@konecta/db';

type Effect = () => unknown | Promise<unknown>;
interface TxContext {
  db: Database;
  tx: Transaction;
  /** Effects registered at this level; a savepoint hands them to its parent when it is released. */
  effects: Effect[];
  /** The isolation level of the outermost transaction (what every savepoint inside it runs at). */
  isolationLevel: IsolationLevel;
}

const current = new AsyncLocalStorage<TxContext>();
let onEffectError: (err: unknown) => void = (err) => console.error('after-commit effect failed', err);

/** Where failures of after-commit effects are reported (the app's logger). */
export function setEffectErrorHandler(handler: (err: unknown) => void) {
  onEffectError = handler;
}

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';
const strictness: Record<IsolationLevel, number> = { 'read committed': 0, 'repeatable read': 1, serializable: 2 };

/** Thrown when a nested `inTransaction` asks for a stricter isolation level than the one it runs in. */
export class IsolationLevelError extends Error {
  constructor(requested: IsolationLevel, outer: IsolationLevel) {
    super(
      `A nested transaction asked for "${requested}" isolation inside a "${outer}" transaction: a savepoint ` +
        `cannot change the isolation level. Ask for "${requested}" in the outermost inTransaction().`,
    );
    this.name = 'IsolationLevelError';
  }
}

/**
 * Runs `fn` in a transaction, so domain functions compose: `approveLeave` can call
 * `writeLedgerEntry` and both commit or roll back together.
 *
 * Called inside another `inTransaction` on the same database, `fn` runs in a savepoint of the
 * outer transaction: if it throws, exactly its own writes are undone and the error reaches the
 * outer code, which may catch it and carry on; if the outer transaction later rolls back, the
 * inner writes go with it.
 *
 * Effects registered with `afterCommit` run once the outermost transaction has committed, never
 * if it rolls back, and never when they were registered inside a savepoint that rolled back.
 *
 * `isolationLevel` applies to the outermost call; a nested call may ask for the outer level or a
 * weaker one (it then simply runs at the outer level), and a stricter one throws
 * `IsolationLevelError`, since PostgreSQL cannot raise the level of a running transaction.
 */
export async function inTransaction<T>(
  db: Database,
  fn: (tx: Transaction) => Promise<T>,
  options: { isolationLevel?: IsolationLevel } = {},
): Promise<T> {
  const outer = current.getStore();
  if (outer && outer.db === db) return inSavepoint(outer, fn, options.isolationLevel);
  const effects: Effect[] = [];
  const isolationLevel = options.isolationLevel ?? 'read committed';
  const result = await db.transaction(
    (tx) => current.run({ db, tx, effects, isolationLevel }, () => fn(tx)),
    options.isolationLevel ? { isolationLevel: options.isolationLevel } : undefined,
  );
  for (const effect of effects) {
    try {
      await effect();
    } catch (err) {
      onEffectError(err);
    }
  }
  return result;
}

async function inSavepoint<T>(
  outer: TxContext,
  fn: (tx: Transaction) => Promise<T>,
  requested: IsolationLevel | undefined,
): Promise<T> {
  if (requested && strictness[requested] > strictness[outer.isolationLevel]) {
    throw new IsolationLevelError(requested, outer.isolationLevel);
  }
  const effects: Effect[] = [];
  // Drizzle's nested transaction is a SAVEPOINT, released on success and rolled back to on error.
  const result = await outer.tx.transaction((sp) => current.run({ ...outer, tx: sp, effects }, () => fn(sp)));
  outer.effects.push(...effects);
  return result;
}

/** Registers work to run after the current transaction commits (e.g. waking the outbox). */
export function afterCommit(effect: Effect): void {
  const ctx = current.getStore();
  if (!ctx) throw new Error('afterCommit() called outside inTransaction()');
  ctx.effects.push(effect);
}

/** The database whose transaction this call runs in, if any. */
export function databaseInTransaction(): Database | undefined {
  return current.getStore()?.db;
}

/** The open transaction when there is one (so reads see its writes), else the database. */
export function executorFor(db: Database): Database | Transaction {
  const ctx = current.getStore();
  return ctx && ctx.db === db ? ctx.tx : db;
}
