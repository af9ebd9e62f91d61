import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { consumedEvents, type Database, type Executor, outbox, rowsOf, type Transaction } from '@konecta/db';
import { asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { isLocalStage, stageOf } from './config';
import { describeIssues, type EventContract, type EventInput, type EventPayload } from './contracts/define-event';
import { claimWithLease } from './lease';
import type { Logger } from './logger';
import { currentRequest } from './request-context';
import { retryDelayMs } from './retry';
import { afterCommit, inTransaction } from './transaction';

/** A domain event as consumers see it, e.g. `hr.employee.hired`. */
export interface DomainEvent<T = unknown> {
  id: string;
  type: string;
  source: string;
  subject?: string | null;
  actorId?: string | null;
  occurredAt: string;
  data: T;
}

/** A domain event of a declared contract, as its consumers receive it. */
export type EventOf<C extends EventContract> = DomainEvent<EventPayload<C>>;

/** What a publisher says about one occurrence; the type and source come from the contract. */
export interface NewEvent<T = unknown> {
  /** The record the event is about (an id). */
  subject?: string;
  actorId?: string;
  data: T;
}

/** Wakes dispatchers in this process as soon as a transaction with events commits. */
const outboxWritten = new EventEmitter();
outboxWritten.setMaxListeners(100);

/** Calls `listener` whenever a transaction that wrote events commits in this process. */
export function onOutboxWritten(listener: () => void): () => void {
  outboxWritten.on('written', listener);
  return () => outboxWritten.off('written', listener);
}

/**
 * Local stages and tests check each payload against its contract when it is published, so a
 * publisher that drifts from the declaration fails where it is written; deployed, the consumers'
 * check (at delivery) is what stands, and a publish never costs a parse.
 */
const checksOnPublish = () => isLocalStage(stageOf());

/**
 * Writes an event of a declared contract to the outbox inside the caller's transaction: it exists
 * if and only if the change commits. Delivery happens after commit, at least once.
 */
export async function publishEvent<C extends EventContract>(
  tx: Transaction,
  contract: C,
  event: NewEvent<EventInput<C>>,
): Promise<string> {
  const [id] = await publishEvents(tx, contract, [event]);
  return id as string;
}

/** `publishEvent` for many occurrences of one contract (a bulk load), in one insert. */
export async function publishEvents<C extends EventContract>(
  tx: Transaction,
  contract: C,
  events: NewEvent<EventInput<C>>[],
): Promise<string[]> {
  if (!events.length) return [];
  if (checksOnPublish()) {
    for (const event of events) {
      const parsed = contract.schema.safeParse(event.data);
      if (!parsed.success) {
        throw new Error(`${contract.type}: the payload does not match its contract: ${describeIssues(parsed.error)}`);
      }
    }
  }
  const rows = events.map((event) => ({
    id: randomUUID(),
    type: contract.type,
    source: contract.source,
    subject: event.subject ?? null,
    actorId: event.actorId ?? currentRequest()?.caller?.id ?? null,
    data: event.data as object,
  }));
  await tx.insert(outbox).values(rows);
  afterCommit(() => {
    outboxWritten.emit('written');
  });
  return rows.map((r) => r.id);
}

/** Where the dispatcher hands events: in-process subscribers locally, EventBridge deployed. */
export interface EventTransport {
  /** Delivers the batch; returns the ids that failed with their errors (empty when all went). */
  deliver(events: DomainEvent[]): Promise<Map<string, Error>>;
}

export type EventHandler<T = unknown> = (event: DomainEvent<T>) => Promise<void>;

/** A wildcard: a type prefix ending in `*` (`hr.*`), or `*`. Exact types subscribe by contract. */
export type EventPattern = `${string}*`;

interface Subscription {
  pattern: string;
  consumer: string;
  /** Parses the payload for a contract subscription; wildcards receive it as stored. */
  contract?: EventContract;
  handler: EventHandler;
}

/**
 * The in-process event bus used locally and in tests, and by the deployed consumer functions. A
 * consumer names itself so that its idempotency records (see `consumeOnce`) stay apart from other
 * consumers'.
 */
export class LocalEventBus implements EventTransport {
  private readonly handlers: Subscription[] = [];

  /**
   * A contract's subscribers receive `event.data` parsed by its schema; a payload that does not
   * fit is a failed delivery (kept in the outbox with its reason and retried), never handled.
   */
  subscribe<C extends EventContract>(contract: C, consumer: string, handler: EventHandler<EventPayload<C>>): void;
  /** Everything matching a wildcard, payloads unchecked (activity feeds, tests). */
  subscribe(pattern: EventPattern, consumer: string, handler: EventHandler): void;
  subscribe(target: EventContract | EventPattern, consumer: string, handler: EventHandler<never>): void {
    const contract = typeof target === 'string' ? undefined : target;
    const pattern = typeof target === 'string' ? target : target.type;
    this.handlers.push({ pattern, consumer, contract, handler: handler as EventHandler });
  }

  /** The event types (or patterns) subscribed to, each once: what an EventBridge rule must match. */
  get patterns(): string[] {
    return [...new Set(this.handlers.map((h) => h.pattern))];
  }

  async deliver(events: DomainEvent[]): Promise<Map<string, Error>> {
    const failed = new Map<string, Error>();
    for (const event of events) {
      for (const h of this.handlers) {
        if (!matches(h.pattern, event.type)) continue;
        try {
          await h.handler(h.contract ? withParsedData(h.contract, event) : event);
        } catch (err) {
          failed.set(event.id, new Error(`${h.consumer}: ${(err as Error).message ?? String(err)}`));
        }
      }
    }
    return failed;
  }
}

function withParsedData(contract: EventContract, event: DomainEvent): DomainEvent {
  const parsed = contract.schema.safeParse(event.data);
  if (!parsed.success) {
    throw new Error(`the ${event.type} payload does not match its contract: ${describeIssues(parsed.error)}`);
  }
  return { ...event, data: parsed.data };
}

function matches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}

/** Minimal shape of the EventBridge client, so tests can pass a fake. */
export interface EventBridgeLike {
  send(command: { input: unknown }): Promise<{
    FailedEntryCount?: number;
    Entries?: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[];
  }>;
}

/** Deployed transport: PutEvents to the stage's bus, 10 entries per call (the API's limit). */
export function eventBridgeTransport(options: { busName: string; client?: EventBridgeLike }): EventTransport {
  let client = options.client;
  return {
    async deliver(events) {
      const { EventBridgeClient, PutEventsCommand } = await import('@aws-sdk/client-eventbridge');
      client ??= new EventBridgeClient({}) as unknown as EventBridgeLike;
      const failed = new Map<string, Error>();
      for (let i = 0; i < events.length; i += 10) {
        const batch = events.slice(i, i + 10);
        try {
          const out = await client.send(
            new PutEventsCommand({
              Entries: batch.map((e) => ({
                EventBusName: options.busName,
                Source: `konecta.${e.source}`,
                DetailType: e.type,
                Detail: JSON.stringify(e),
                Time: new Date(e.occurredAt),
              })),
            }),
          );
          out.Entries?.forEach((entry, j) => {
            const event = batch[j];
            if (event && entry.ErrorCode)
              failed.set(event.id, new Error(`${entry.ErrorCode}: ${entry.ErrorMessage ?? ''}`));
          });
        } catch (err) {
          for (const e of batch) failed.set(e.id, err as Error);
        }
      }
      return failed;
    },
  };
}

/** An EventBridge rule's Lambda event back into our DomainEvent (its detail is the whole event). */
export function eventFromEventBridge(record: { detail: unknown }): DomainEvent {
  const d = record.detail as DomainEvent;
  if (!d || typeof d.id !== 'string' || typeof d.type !== 'string') throw new Error('not a Konecta domain event');
  return d;
}

export interface DispatcherOptions {
  db: Database;
  transport: EventTransport;
  logger?: Logger;
  batchSize?: number;
  /** How often to look for events written by other processes or left by a crash. */
  pollIntervalMs?: number;
  /** How long a claimed event is reserved for this dispatcher before another may retry it. */
  leaseMs?: number;
}

/**
 * Delivers outbox events at least once. A batch is claimed with `FOR UPDATE SKIP LOCKED` and a
 * lease (so concurrent dispatchers never deliver the same event at the same time), delivered
 * outside any transaction, then marked published. A crash between delivery and marking means a
 * redelivery, which idempotent consumers absorb; a crash before delivery means the lease runs out
 * and the next dispatcher delivers it.
 */
export class OutboxDispatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;
  private stopped = true;
  private readonly onWritten = () => void this.drain();

  constructor(private readonly options: DispatcherOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    outboxWritten.on('written', this.onWritten);
    const tick = () => {
      if (this.stopped) return;
      void this.drain().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.options.pollIntervalMs ?? 1000).unref();
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    outboxWritten.off('written', this.onWritten);
    clearTimeout(this.timer);
    await this.running;
  }

  /**
   * A graceful shutdown's last step before the database closes: stops, then delivers every event
   * already committed and due, including those its consumers publish meanwhile. What fails or is
   * not due yet stays in the outbox for the next start.
   */
  async finish(maxRounds = 10): Promise<void> {
    await this.stop();
    for (let round = 0; round < maxRounds; round++) {
      if ((await this.drain()) === 0) return;
    }
  }

  /** Delivers everything due now; resolves with the number of events delivered. */
  drain(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          for (;;) {
            const delivered = await this.deliverBatch();
            total += delivered.count;
            if (!delivered.full) break;
          }
        } while (this.again && !this.stopped);
      } catch (err) {
        this.options.logger?.warn({ err }, 'outbox dispatch failed; will retry');
      } finally {
        this.running = undefined;
      }
      return total;
    })();
    return this.running;
  }

  private async deliverBatch(): Promise<{ count: number; full: boolean }> {
    const { db, transport } = this.options;
    const batchSize = this.options.batchSize ?? 100;
    const leaseMs = this.options.leaseMs ?? 30_000;
    const claimed = await claimWithLease(db, outbox, {
      key: outbox.seq,
      where: isNull(outbox.publishedAt),
      orderBy: asc(outbox.seq),
      limit: batchSize,
      leaseMs,
    });
    if (!claimed.length) return { count: 0, full: false };
    claimed.sort((a, b) => a.seq - b.seq);
    const events: DomainEvent[] = claimed.map((row) => ({
      id: row.id,
      type: row.type,
      source: row.source,
      subject: row.subject,
      actorId: row.actorId,
      occurredAt: row.occurredAt.toISOString(),
      data: row.data,
    }));
    const failed = await transport.deliver(events);
    const ok = claimed.filter((r) => !failed.has(r.id)).map((r) => r.seq);
    if (ok.length) {
      await db.update(outbox).set({ publishedAt: sql`now()`, lastError: null }).where(inArray(outbox.seq, ok));
    }
    for (const row of claimed) {
      const error = failed.get(row.id);
      if (!error) continue;
      const delayMs = retryDelayMs(row.attempts);
      this.options.logger?.warn(
        { eventId: row.id, type: row.type, attempts: row.attempts, err: error },
        'event delivery failed',
      );
      await db
        .update(outbox)
        .set({
          availableAt: sql`now() + ${`${delayMs} milliseconds`}::interval`,
          lastError: error.message.slice(0, 1000),
        })
        .where(eq(outbox.seq, row.seq));
    }
    return { count: ok.length, full: claimed.length === batchSize };
  }
}

/**
 * Runs `handle` for an event at most once per consumer: the "seen" mark and the handler's writes
 * commit together, so a redelivered event is skipped and a failed one is retried.
 * Resolves true when the handler ran, false when the event had been handled already.
 */
export async function consumeOnce(
  db: Database,
  consumer: string,
  event: Pick<DomainEvent, 'id'>,
  handle: (tx: Transaction) => Promise<void>,
): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const inserted = await tx
      .insert(consumedEvents)
      .values({ consumer, eventId: event.id })
      .onConflictDoNothing()
      .returning({ eventId: consumedEvents.eventId });
    if (!inserted.length) return false;
    await handle(tx);
    return true;
  });
}

/** Events still waiting for delivery (for health pages and tests). */
export async function pendingEventCount(db: Executor): Promise<number> {
  const result = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${outbox} where ${outbox.publishedAt} is null`,
  );
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}
