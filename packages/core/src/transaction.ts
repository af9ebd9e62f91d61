import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Transaction } from '@konecta/db';

type Effect = () => unknown | Promise<unknown>;
interface TxContext {
  db: Database;
  tx: Transaction;
  effects: Effect[];
}

const current = new AsyncLocalStorage<TxContext>();
let onEffectError: (err: unknown) => void = (err) => console.error('after-commit effect failed', err);

/** Where failures of after-commit effects are reported (the app's logger). */
export function setEffectErrorHandler(handler: (err: unknown) => void) {
  onEffectError = handler;
}

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

/**
 * Runs `fn` in a transaction. Called inside another `inTransaction` on the same database it joins
 * that transaction, so domain functions compose: `approveLeave` can call `writeLedgerEntry` and
 * both commit or roll back together. Effects registered with `afterCommit` run once the outermost
 * transaction has committed, and never if it rolls back.
 */
export async function inTransaction<T>(
  db: Database,
  fn: (tx: Transaction) => Promise<T>,
  options: { isolationLevel?: IsolationLevel } = {},
): Promise<T> {
  const outer = current.getStore();
  if (outer && outer.db === db) return fn(outer.tx);
  const effects: Effect[] = [];
  const result = await db.transaction(
    (tx) => current.run({ db, tx, effects }, () => fn(tx)),
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
