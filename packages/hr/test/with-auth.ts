/**
 * HR and the auth service over one database and one in-process event bus, as `npm start` runs
 * them: for suites about what crosses between them (logins, notifications).
 */
import { authService, createApp as createAuthApp } from '@konecta/auth';
import { LocalEventBus, OutboxDispatcher, pendingEventCount, type ServiceDeps } from '@konecta/core';
import { testDeps } from '@konecta/core/testing';
import { outbox } from '@konecta/db';
import { isNull } from 'drizzle-orm';
import { hrService } from '../src/index';
import { seedOrganisation } from '../src/seed';
import type { Harness } from './helpers';

export interface WithAuth {
  authDeps: ServiceDeps;
  authApp: ReturnType<typeof createAuthApp>;
  bus: LocalEventBus;
  dispatcher: OutboxDispatcher;
  /** Delivers until the outbox is empty (consumers publish follow-up events, hence several rounds). */
  deliverAll(): Promise<void>;
}

/** Bootstraps and seeds auth, seeds HR's organisation, and delivers the events that links. */
export async function withAuth(h: Harness): Promise<WithAuth> {
  const authDeps = testDeps(h.db, h.keys, { KONECTA_DATA_DIR: 'memory' });
  const bus = new LocalEventBus();
  authService.subscribe?.(bus, authDeps);
  hrService.subscribe?.(bus, h.deps);
  const dispatcher = new OutboxDispatcher({ db: h.db.db, transport: bus });
  const deliverAll = async () => {
    for (let round = 0; round < 10; round++) {
      await dispatcher.drain();
      if ((await pendingEventCount(h.db.db)) === 0) return;
    }
    const stuck = await h.db.db
      .select({ type: outbox.type, error: outbox.lastError })
      .from(outbox)
      .where(isNull(outbox.publishedAt));
    throw new Error(`events not delivered: ${JSON.stringify(stuck)}`);
  };
  await authService.bootstrap?.(authDeps);
  await authService.seed?.(authDeps);
  await seedOrganisation(h.ctx);
  await deliverAll();
  return { authDeps, authApp: createAuthApp(authDeps), bus, dispatcher, deliverAll };
}
