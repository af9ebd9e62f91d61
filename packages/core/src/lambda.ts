import { type Config, loadConfig } from './config';
import type { DatabaseHandle } from './database';
import { eventBridgeTransport, eventFromEventBridge, LocalEventBus, OutboxDispatcher, onOutboxWritten } from './events';
import { type HttpApiHandler, httpApiHandler } from './lambda-http';
import { createServiceDeps, openDatabase, type ServiceDeps, type ServiceModule } from './service';

interface Instance {
  config: Config;
  db: DatabaseHandle;
  deps: ServiceDeps;
  dispatcher?: OutboxDispatcher;
}

/**
 * Built once per Lambda instance, on the first invocation: configuration checked, secrets read,
 * one database connection through RDS Proxy. A failed cold start is retried by the next call.
 */
/** What event consumers and scheduled jobs need of a service: no HTTP app. */
export type BackgroundModule = Pick<ServiceModule, 'name' | 'subscribe' | 'jobs'>;

function perInstance(name: string, module?: BackgroundModule) {
  let ready: Promise<Instance> | undefined;
  const init = async (): Promise<Instance> => {
    // Marks for the cold-start bench (bench/cold-start.ts): where the first invocation's time goes.
    const config = loadConfig();
    performance.mark('konecta:config');
    const db = await openDatabase(config);
    performance.mark('konecta:database');
    const deps = createServiceDeps(module?.name ?? name, config, db);
    const busName = config.events.busName;
    const dispatcher = busName
      ? new OutboxDispatcher({ db: db.db, transport: eventBridgeTransport({ busName }), logger: deps.logger })
      : undefined;
    performance.mark('konecta:instance');
    return { config, db, deps, dispatcher };
  };
  return () => {
    ready ??= init().catch((err) => {
      ready = undefined;
      throw err;
    });
    return ready;
  };
}

/**
 * A service's `lambda.ts`: every invocation is `app.fetch` through the HTTP API adapter (lambda-http.ts).
 * When the request committed domain events, they are sent to EventBridge before the invocation
 * ends (a frozen instance would otherwise sit on them); the relay job catches anything left.
 */
export function lambdaHandler(module: ServiceModule): HttpApiHandler {
  const instance = perInstance(module.name, module);
  let handler: HttpApiHandler | undefined;
  return (async (event, context) => {
    const { deps, dispatcher } = await instance();
    if (!handler) {
      handler = httpApiHandler(module.createApp(deps).fetch);
      performance.mark('konecta:app');
    }
    let wroteEvents = false;
    const stop = onOutboxWritten(() => {
      wroteEvents = true;
    });
    try {
      return await handler(event, context);
    } finally {
      stop();
      if (wroteEvents && dispatcher) await dispatcher.drain();
    }
  }) satisfies HttpApiHandler;
}

/** Scheduled job: delivers outbox events a crashed or frozen instance left behind. */
export function outboxRelayHandler() {
  const instance = perInstance('outbox-relay');
  return async () => {
    const { dispatcher } = await instance();
    if (!dispatcher) throw new Error('EVENT_BUS_NAME is not set: there is nowhere to relay events to');
    return { delivered: await dispatcher.drain() };
  };
}

/**
 * EventBridge rule target: hands the event to the service's subscribers, the same handlers the
 * local in-process bus calls. A failure throws, so EventBridge retries (consumers are idempotent).
 */
export function eventConsumerHandler(module: BackgroundModule) {
  const instance = perInstance(module.name, module);
  let bus: LocalEventBus | undefined;
  return async (record: { detail: unknown }) => {
    const { deps } = await instance();
    if (!bus) {
      bus = new LocalEventBus();
      module.subscribe?.(bus, deps);
    }
    const failed = await bus.deliver([eventFromEventBridge(record)]);
    const first = [...failed.values()][0];
    if (first) throw first;
  };
}

/** A scheduled job of a service (an SST Cron target). */
export function jobHandler(module: BackgroundModule, job: string) {
  const instance = perInstance(module.name, module);
  const run = module.jobs?.[job];
  if (!run) throw new Error(`${module.name} has no job "${job}"`);
  return async () => {
    const { deps, dispatcher } = await instance();
    const result = await run(deps);
    await dispatcher?.drain();
    return result;
  };
}
