import { auditLog, consumedEvents, type Database, outbox } from '@konecta/db';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  afterCommit,
  consumeOnce,
  createDatabase,
  type DatabaseHandle,
  type DomainEvent,
  defineEvent,
  type EventPattern,
  type EventTransport,
  eventBridgeTransport,
  eventFromEventBridge,
  inTransaction,
  LocalEventBus,
  OutboxDispatcher,
  pendingEventCount,
  publishEvent,
  recordAudit,
  requestContext,
  setEffectErrorHandler,
} from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import * as z from '../src/z';

let db: TestDatabase;
const started: OutboxDispatcher[] = [];
const extraHandles: DatabaseHandle[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(extraHandles.map((h) => h.close()));
  await db?.close();
});
beforeEach(async () => {
  await db.db.delete(outbox);
  await db.db.delete(consumedEvents);
  await db.db.delete(auditLog);
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((d) => d.stop()));
});

/** A contract of these tests' own, so they do not depend on any service's payloads. */
const joined = defineEvent(
  'hr.person.joined',
  z.object({ employeeId: z.string(), name: z.string().check(z.minLength(1)) }),
);
const hired = (employeeId: string) => ({ subject: employeeId, data: { employeeId, name: 'Mona Adel' } });
const publish = (employeeId = 'emp-1') => inTransaction(db.db, (tx) => publishEvent(tx, joined, hired(employeeId)));
const outboxRow = async (id: string, on: Database = db.db) =>
  (await on.select().from(outbox).where(eq(outbox.id, id)))[0];
const dispatcher = (transport: EventTransport, on: Database = db.db) =>
  new OutboxDispatcher({ db: on, transport, batchSize: 10 });

/** A bus with one subscriber that records what it receives. */
function recordingBus(pattern: EventPattern = 'hr.*') {
  const bus = new LocalEventBus();
  const received: DomainEvent[] = [];
  bus.subscribe(pattern, 'recorder', async (e) => {
    received.push(e);
  });
  return { bus, received };
}

/** A second connection to the same database, as a restarted process would open (PGlite: the same one). */
async function sameDatabaseAgain(): Promise<Database> {
  if (!db.url) return db.db;
  const handle = await createDatabase({ url: db.url, poolMax: 4 });
  extraHandles.push(handle);
  return handle.db;
}

describe('publishing events with the change', () => {
  it('delivers a committed event to a subscriber once the transaction commits', async () => {
    const bus = new LocalEventBus();
    const received = new Promise<DomainEvent>((resolve) => bus.subscribe(joined, 'welcome', async (e) => resolve(e)));
    const running = dispatcher(bus);
    started.push(running);
    running.start();

    const caller = { kind: 'user' as const, id: 'hr-admin', roles: [], permissions: new Set<string>() };
    const id = await requestContext.run({ requestId: 'r-1', service: 'hr', caller }, () => publish('emp-9'));
    const event = await received;
    expect(event).toMatchObject({ id, type: 'hr.person.joined', source: 'hr', subject: 'emp-9', actorId: 'hr-admin' });
    expect(event.data).toEqual({ employeeId: 'emp-9', name: 'Mona Adel' });
    expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt);

    await running.stop();
    expect((await outboxRow(id))?.publishedAt).toBeInstanceOf(Date);
  });

  it('publishes nothing when the transaction rolls back', async () => {
    const failed = inTransaction(db.db, async (tx) => {
      await publishEvent(tx, joined, hired('emp-2'));
      throw new Error('the hire was refused');
    });
    await expect(failed).rejects.toThrow('the hire was refused');
    const { bus, received } = recordingBus();
    expect(await pendingEventCount(db.db)).toBe(0);
    expect(await dispatcher(bus).drain()).toBe(0);
    expect(received).toEqual([]);
  });
});

describe('event contracts', () => {
  it('refuses, in tests and local stages, to publish a payload its contract does not allow', async () => {
    const attempt = inTransaction(db.db, (tx) =>
      publishEvent(tx, joined, { subject: 'emp-6', data: { employeeId: 'emp-6', name: '' } }),
    );
    await expect(attempt).rejects.toThrow(/^hr\.person\.joined: the payload does not match its contract: name: /);
    expect(await pendingEventCount(db.db)).toBe(0);
  });

  it('fails typecheck when a payload has the wrong shape', async () => {
    await expect(
      inTransaction(db.db, (tx) =>
        // @ts-expect-error `name` is missing: the contract's payload type is the publisher's too
        publishEvent(tx, joined, { data: { employeeId: 'emp-7' } }),
      ),
    ).rejects.toThrow('name:');
  });

  it('reports a payload that fails its contract as a failed delivery, without handing it to the consumer', async () => {
    // A deployed publisher does not parse (its consumers do): publish as one would, from a stage
    // whose build disagrees with the consumer's contract.
    const older = defineEvent('hr.person.joined', z.object({ employeeId: z.string() }));
    vi.stubEnv('KONECTA_STAGE', 'dev');
    const id = await inTransaction(db.db, (tx) => publishEvent(tx, older, { data: { employeeId: 'emp-8' } })).finally(
      () => vi.unstubAllEnvs(),
    );
    const bus = new LocalEventBus();
    const handled: string[] = [];
    bus.subscribe(joined, 'welcome', async (e) => {
      handled.push(e.data.name);
    });
    expect(await dispatcher(bus).drain()).toBe(0);
    expect(handled).toEqual([]);
    expect(await outboxRow(id)).toMatchObject({
      publishedAt: null,
      lastError: expect.stringMatching(/^welcome: the hr\.person\.joined payload does not match its contract: name: /),
    });
  });

  it("hands consumers the payload as the contract's schema parsed it", async () => {
    const named = defineEvent(
      'hr.person.named',
      z.object({ employeeId: z.string(), name: z.string().check(z.trim()) }),
    );
    const bus = new LocalEventBus();
    const names: string[] = [];
    bus.subscribe(named, 'directory', async (e) => {
      names.push(e.data.name);
    });
    await inTransaction(db.db, (tx) =>
      publishEvent(tx, named, { data: { employeeId: 'emp-9', name: '  Mona Adel ' } }),
    );
    expect(await dispatcher(bus).drain()).toBe(1);
    expect(names).toEqual(['Mona Adel']);
  });
});

describe('transactions', () => {
  it('runs after-commit effects after the commit, and never on rollback', async () => {
    const ran: string[] = [];
    await inTransaction(db.db, async () => {
      afterCommit(() => ran.push('committed'));
      ran.push('inside');
      expect(ran).toEqual(['inside']);
    });
    expect(ran).toEqual(['inside', 'committed']);

    await expect(
      inTransaction(db.db, async () => {
        afterCommit(() => ran.push('should not run'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(ran).toEqual(['inside', 'committed']);
    expect(() => afterCommit(() => {})).toThrow('afterCommit() called outside inTransaction()');
  });

  it('keeps the commit when an after-commit effect fails, and reports the failure', async () => {
    const reported: unknown[] = [];
    setEffectErrorHandler((err) => reported.push(err));
    const id = await inTransaction(db.db, async (tx) => {
      afterCommit(() => {
        throw new Error('mail server down');
      });
      return publishEvent(tx, joined, hired('emp-3'));
    });
    expect(await outboxRow(id)).toBeDefined();
    expect(reported).toEqual([new Error('mail server down')]);
  });

  it('joins an outer transaction: both commit or roll back together', async () => {
    const ran: string[] = [];
    const attempt = inTransaction(db.db, async (outer) => {
      await publishEvent(outer, joined, hired('emp-outer'));
      await inTransaction(db.db, async (inner) => {
        expect(inner).not.toBe(outer); // a savepoint of the outer transaction
        await publishEvent(inner, joined, hired('emp-inner'));
        afterCommit(() => ran.push('inner effect'));
      });
      expect(await pendingEventCount(outer)).toBe(2);
      throw new Error('outer fails after inner finished');
    });
    await expect(attempt).rejects.toThrow('outer fails');
    expect(await pendingEventCount(db.db)).toBe(0);
    expect(ran).toEqual([]);

    await inTransaction(db.db, async (outer) => {
      await publishEvent(outer, joined, hired('emp-outer'));
      await inTransaction(db.db, (inner) => publishEvent(inner, joined, hired('emp-inner')));
    });
    expect(await pendingEventCount(db.db)).toBe(2);
  });
});

describe('delivery after a crash', () => {
  it('delivers an event committed just before the process died, exactly once, after restart', async () => {
    const id = await publish('emp-crash');
    // No dispatcher ran: the process died right after the commit. A new process starts.
    const restarted = await sameDatabaseAgain();
    const { bus, received } = recordingBus();
    const next = dispatcher(bus, restarted);
    expect(await next.drain()).toBe(1);
    expect(await next.drain()).toBe(0);
    expect(received.map((e) => e.id)).toEqual([id]);
    const row = await outboxRow(id);
    expect(row?.publishedAt).toBeInstanceOf(Date);
    expect(row?.attempts).toBe(1);
  });

  it('redelivers an event whose dispatcher died mid-delivery once its lease runs out', async () => {
    const id = await publish('emp-lease');
    let claimed!: () => void;
    const wasClaimed = new Promise<void>((r) => {
      claimed = r;
    });
    // This dispatcher claims the event and then hangs forever, as if its process had died.
    const hangs: EventTransport = {
      deliver: () => {
        claimed();
        return new Promise(() => {});
      },
    };
    void dispatcher(hangs).drain();
    await wasClaimed;

    const { bus, received } = recordingBus();
    const next = dispatcher(bus, await sameDatabaseAgain());
    expect(await next.drain()).toBe(0);
    await db.db.update(outbox).set({ availableAt: sql`now()` }).where(eq(outbox.id, id));
    expect(await next.drain()).toBe(1);
    expect(received.map((e) => e.id)).toEqual([id]);
  });
});

describe('failing subscribers', () => {
  it('keeps the event pending with the error, backs off, and delivers once fixed', async () => {
    let broken = true;
    const bus = new LocalEventBus();
    const handled: string[] = [];
    bus.subscribe(joined, 'payroll', async (e) => {
      if (broken) throw new Error('payroll is down');
      handled.push(e.id);
    });
    const id = await publish('emp-4');
    const d = dispatcher(bus);

    expect(await d.drain()).toBe(0);
    let row = await outboxRow(id);
    expect(row).toMatchObject({ publishedAt: null, attempts: 1, lastError: 'payroll: payroll is down' });
    expect(await pendingEventCount(db.db)).toBe(1);
    expect(await d.drain()).toBe(0); // backing off: not retried at once
    expect((await outboxRow(id))?.attempts).toBe(1);

    broken = false;
    await db.db.update(outbox).set({ availableAt: sql`now()` }).where(eq(outbox.id, id));
    expect(await d.drain()).toBe(1);
    row = await outboxRow(id);
    expect(row).toMatchObject({ attempts: 2, lastError: null });
    expect(row?.publishedAt).toBeInstanceOf(Date);
    expect(handled).toEqual([id]);
  });

  it('with consumeOnce, a redelivered event does its work once', async () => {
    const bus = new LocalEventBus();
    const runs: boolean[] = [];
    bus.subscribe(joined, 'onboarding', async (e) => {
      const ran = await consumeOnce(db.db, 'onboarding', e, (tx) =>
        recordAudit(tx, { action: 'onboarding.started', entityType: 'employee', entityId: e.subject }),
      );
      runs.push(ran);
    });
    let mailFails = true;
    bus.subscribe(joined, 'welcome-mail', async () => {
      if (mailFails) throw new Error('smtp timeout');
    });
    const id = await publish('emp-5');
    const d = dispatcher(bus);
    expect(await d.drain()).toBe(0); // mail failed: the whole event is retried later
    mailFails = false;
    await db.db.update(outbox).set({ availableAt: sql`now()` }).where(eq(outbox.id, id));
    expect(await d.drain()).toBe(1);

    expect(runs).toEqual([true, false]);
    const [audits] = await db.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entityId, 'emp-5'));
    expect(audits?.n).toBe(1);
  });

  it('consumeOnce retries a handler that failed, and keeps consumers apart', async () => {
    const event = { id: crypto.randomUUID() };
    await expect(
      consumeOnce(db.db, 'ledger', event, async () => {
        throw new Error('deadlock');
      }),
    ).rejects.toThrow('deadlock');
    expect(await consumeOnce(db.db, 'ledger', event, async () => {})).toBe(true);
    expect(await consumeOnce(db.db, 'ledger', event, async () => {})).toBe(false);
    expect(await consumeOnce(db.db, 'reports', event, async () => {})).toBe(true);
  });
});

describe('concurrent dispatchers', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)('never deliver the same event twice in one pass', async () => {
    await inTransaction(db.db, async (tx) => {
      for (let i = 0; i < 200; i++) await publishEvent(tx, joined, hired(`emp-${i}`));
    });
    const deliveries = new Map<string, number>();
    const countingBus = (): EventTransport => ({
      async deliver(events) {
        await new Promise((r) => setImmediate(r));
        for (const e of events) deliveries.set(e.id, (deliveries.get(e.id) ?? 0) + 1);
        return new Map();
      },
    });
    const [a, b] = [
      dispatcher(countingBus(), await sameDatabaseAgain()),
      dispatcher(countingBus(), await sameDatabaseAgain()),
    ];
    const [byA, byB] = await Promise.all([a.drain(), b.drain()]);
    expect(byA + byB).toBe(200);
    expect(deliveries.size).toBe(200);
    expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
    expect(await pendingEventCount(db.db)).toBe(0);
  });
});

describe('EventBridge transport', () => {
  const event = (i: number): DomainEvent => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type: i % 2 ? 'finance.invoice.posted' : 'hr.employee.hired',
    source: i % 2 ? 'finance' : 'hr',
    subject: `rec-${i}`,
    actorId: 'user-1',
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    data: { n: i },
  });

  it('puts events in batches of ten, mapped to EventBridge entries, and reports failed ones', async () => {
    type Entry = { EventBusName: string; Source: string; DetailType: string; Detail: string; Time: Date };
    const batches: Entry[][] = [];
    const client = {
      async send(command: { input: unknown }) {
        const entries = (command.input as { Entries: Entry[] }).Entries;
        batches.push(entries);
        if (batches.length === 3) throw new Error('ServiceUnavailable');
        return {
          FailedEntryCount: batches.length === 2 ? 1 : 0,
          Entries: entries.map((_, j) =>
            batches.length === 2 && j === 3
              ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }
              : { EventId: `eb-${j}` },
          ),
        };
      },
    };
    const events = Array.from({ length: 25 }, (_, i) => event(i));
    const failed = await eventBridgeTransport({ busName: 'konecta-dev', client }).deliver(events);

    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(batches[0]?.[1]).toEqual({
      EventBusName: 'konecta-dev',
      Source: 'konecta.finance',
      DetailType: 'finance.invoice.posted',
      Detail: JSON.stringify(events[1]),
      Time: new Date('2026-01-01T00:00:01.000Z'),
    });
    expect(eventFromEventBridge({ detail: JSON.parse(batches[1]?.[0]?.Detail ?? '') })).toEqual(events[10]);
    expect([...failed.keys()]).toEqual([events[13], ...events.slice(20)].map((e) => e?.id));
    expect(failed.get(events[13]?.id ?? '')?.message).toBe('InternalFailure: try again');
    expect(failed.get(events[24]?.id ?? '')?.message).toBe('ServiceUnavailable');
  });

  it('refuses an EventBridge record that is not a Konecta event', () => {
    expect(() => eventFromEventBridge({ detail: { hello: 'world' } })).toThrow('not a Konecta domain event');
  });
});
