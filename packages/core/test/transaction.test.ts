/**
 * Nested transactions run in savepoints: a caught inner failure undoes exactly its own writes and
 * effects, the outer transaction carries on. Runs on PGlite, and on PostgreSQL with
 * TEST_DATABASE_URL (where a failed statement without a savepoint would poison the whole
 * transaction).
 */
import { auditLog, rowsOf, type Transaction } from '@konecta/db';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { afterCommit, executorFor, type IsolationLevel, IsolationLevelError, inTransaction } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.close());
beforeEach(async () => {
  await db.db.delete(auditLog);
});

/** One row in the audit log stands for "a write of this step". */
const write = (tx: Transaction, step: string) =>
  tx.insert(auditLog).values({ actorKind: 'system', service: 'test', action: step, entityType: 'step' });
const committedSteps = async () =>
  (await db.db.select({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.id))).map((r) => r.action);
const isolationOf = async (tx: Transaction) =>
  rowsOf<{ transaction_isolation: string }>(await tx.execute(sql`show transaction isolation level`))[0]
    ?.transaction_isolation;

describe('nested inTransaction runs in a savepoint', () => {
  it('undoes exactly the failed inner step; the outer carries on and commits the rest', async () => {
    await inTransaction(db.db, async (tx) => {
      await write(tx, 'outer before');
      await inTransaction(db.db, (inner) => write(inner, 'inner that succeeds'));
      await expect(
        inTransaction(db.db, async (inner) => {
          await write(inner, 'inner that fails');
          throw new Error('rule broken');
        }),
      ).rejects.toThrow('rule broken');
      await write(tx, 'outer after');
    });
    expect(await committedSteps()).toEqual(['outer before', 'inner that succeeds', 'outer after']);
  });

  it('lets the outer transaction go on after a failed statement inside the inner one', async () => {
    await inTransaction(db.db, async (tx) => {
      await write(tx, 'outer');
      const failing = inTransaction(db.db, async (inner) => {
        await write(inner, 'inner before the bad statement');
        await inner.execute(sql`select 1 / 0`);
      });
      await expect(failing).rejects.toThrow(/select 1 \/ 0/);
      // Without the savepoint PostgreSQL would refuse this: "current transaction is aborted".
      await write(tx, 'outer after the failure');
    });
    expect(await committedSteps()).toEqual(['outer', 'outer after the failure']);
  });

  it('rolls the inner writes back with the outer transaction', async () => {
    const attempt = inTransaction(db.db, async (tx) => {
      await inTransaction(db.db, (inner) => write(inner, 'inner'));
      await write(tx, 'outer');
      throw new Error('outer fails after the inner step finished');
    });
    await expect(attempt).rejects.toThrow('outer fails');
    expect(await committedSteps()).toEqual([]);
  });

  it('nests savepoints: a failure two levels down undoes only that level', async () => {
    await inTransaction(db.db, async () => {
      await inTransaction(db.db, async (middle) => {
        await write(middle, 'middle');
        await inTransaction(db.db, async (deepest) => {
          await write(deepest, 'deepest');
          throw new Error('deepest fails');
        }).catch(() => undefined);
        // Reads inside the middle level see its own write and not the undone one.
        const seen = await executorFor(db.db).select({ action: auditLog.action }).from(auditLog);
        expect(seen.map((r) => r.action)).toEqual(['middle']);
      });
    });
    expect(await committedSteps()).toEqual(['middle']);
  });
});

describe('after-commit effects and savepoints', () => {
  it('runs effects of released savepoints after the commit, never those of a rolled-back one', async () => {
    const ran: string[] = [];
    await inTransaction(db.db, async () => {
      afterCommit(() => ran.push('outer'));
      await inTransaction(db.db, async () => {
        afterCommit(() => ran.push('released inner'));
      });
      await inTransaction(db.db, async () => {
        afterCommit(() => ran.push('rolled-back inner'));
        await inTransaction(db.db, async () => {
          afterCommit(() => ran.push('released inside the rolled-back one'));
        });
        throw new Error('undo this level');
      }).catch(() => undefined);
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['outer', 'released inner']);
  });

  it('runs no effect at all when the outer transaction rolls back', async () => {
    const ran: string[] = [];
    await expect(
      inTransaction(db.db, async () => {
        await inTransaction(db.db, async () => {
          afterCommit(() => ran.push('inner'));
        });
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(ran).toEqual([]);
  });
});

describe('isolation levels', () => {
  const levelInside = async (level?: IsolationLevel) =>
    inTransaction(db.db, (tx) => isolationOf(tx), level ? { isolationLevel: level } : {});

  it('applies the level asked for by the outermost call', async () => {
    expect(await levelInside('serializable')).toBe('serializable');
    expect(await levelInside('repeatable read')).toBe('repeatable read');
    expect(await levelInside()).toBe('read committed');
  });

  it('refuses a nested call that asks for a stricter level than the outer transaction has', async () => {
    const steps: string[] = [];
    await inTransaction(db.db, async () => {
      await expect(
        inTransaction(db.db, async () => steps.push('ran'), { isolationLevel: 'serializable' }),
      ).rejects.toThrow(IsolationLevelError);
      await expect(
        inTransaction(db.db, async () => steps.push('ran'), { isolationLevel: 'repeatable read' }),
      ).rejects.toThrow(/asked for "repeatable read" isolation inside a "read committed" transaction/);
    });
    expect(steps).toEqual([]);
  });

  it('runs a nested call asking for the same or a weaker level at the outer level', async () => {
    await inTransaction(
      db.db,
      async () => {
        for (const level of ['serializable', 'repeatable read', 'read committed'] as const) {
          const seen = await inTransaction(db.db, (tx) => isolationOf(tx), { isolationLevel: level });
          expect(seen).toBe('serializable');
        }
      },
      { isolationLevel: 'serializable' },
    );
  });
});
