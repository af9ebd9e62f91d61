import {
  type Config,
  catalogue,
  createLogger,
  createServiceDeps,
  type DomainServiceName,
  isDomainServiceName,
  LocalEventBus,
  type Logger,
  localServiceUrl,
  OutboxDispatcher,
  openDatabase,
  type ServiceDeps,
  type ServiceName,
} from '@konecta/core';
import { type RunningServer, startServer } from '@konecta/core/node';
import { migrate } from '@konecta/db';
import { createGatewayApp } from '@konecta/gateway';
import { lockDataDir } from './pid-lock';
import { serviceModules } from './services';

export interface LocalPlatform {
  urls: Partial<Record<ServiceName, string>>;
  database: 'pglite' | 'postgres';
  migrationsApplied: number;
  banner: string[];
  close(): Promise<void>;
}

/**
 * Everything `npm start` does: one database (embedded unless DATABASE_URL is set), migrations,
 * each service's idempotent seed, every selected service on its catalogue port, the gateway on
 * 8080 routing in-process to the services it shares this process with, and the outbox dispatcher.
 */
export async function startLocal(config: Config, services: ServiceName[], logger?: Logger): Promise<LocalPlatform> {
  const log = logger ?? createLogger({ level: config.logLevel, service: 'local' });
  const unlock = config.database.url ? () => {} : lockDataDir(config.dataDir);
  const handle = await openDatabase(config).catch((err) => {
    unlock();
    throw err;
  });
  const cleanups: (() => Promise<void>)[] = [
    async () => {
      await handle.close();
      unlock();
    },
  ];
  const close = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  };
  try {
    const { applied } = await migrate(handle.db);
    const domain = services.filter(isDomainServiceName);
    const apps = new Map<DomainServiceName, { fetch: (r: Request) => Response | Promise<Response> }>();
    // Services in this process reach each other (the auth key set, service-token calls) in-process
    // rather than over the loopback; a service not running here is fetched at its catalogue port.
    const localFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      for (const [name, app] of apps) {
        if (request.url.startsWith(`${localServiceUrl(name, config.host, config.portOffset)}/`)) {
          return app.fetch(request);
        }
      }
      return fetch(request);
    };
    const bus = new LocalEventBus();
    const banner: string[] = [];
    const depsOf = new Map<DomainServiceName, ServiceDeps>();
    for (const name of domain) {
      const module = serviceModules[name];
      const deps = createServiceDeps(name, config, handle, { fetch: localFetch });
      depsOf.set(name, deps);
      apps.set(name, module.createApp(deps));
      module.subscribe?.(bus, deps);
      await module.bootstrap?.(deps);
      await module.seed?.(deps);
      banner.push(...(module.banner?.(deps) ?? []));
    }
    const dispatcher = new OutboxDispatcher({ db: handle.db, transport: bus, logger: log });
    dispatcher.start();
    // Runs after every server has finished its requests: what they committed is delivered first.
    cleanups.push(() => dispatcher.finish());

    // Scheduled jobs: once as soon as the servers answer, then hourly (deployed, the stacks schedule
    // them). Requests meanwhile see the state before the run, as they do during any hourly run.
    const jobs = domain.flatMap((name) =>
      Object.entries(serviceModules[name].jobs ?? {}).map(([job, run]) => ({
        name: `${name}.${job}`,
        run: () => run(depsOf.get(name) as ServiceDeps),
      })),
    );
    let jobsRunning: Promise<void> | undefined;
    const runJobs = async () => {
      for (const job of jobs) {
        try {
          log.info({ job: job.name, result: await job.run() }, 'job ran');
        } catch (err) {
          log.error({ err, job: job.name }, 'job failed');
        }
      }
    };
    const runJobsOnce = () => {
      jobsRunning ??= runJobs().finally(() => {
        jobsRunning = undefined;
      });
      return jobsRunning;
    };
    const timer = setInterval(() => void runJobsOnce(), 3_600_000).unref();
    // A run in progress finishes before the database closes.
    cleanups.push(async () => {
      clearInterval(timer);
      await jobsRunning;
    });

    const urls: LocalPlatform['urls'] = {};
    const servers: RunningServer[] = [];
    cleanups.push(async () => {
      await Promise.all(servers.map((s) => s.close()));
    });
    for (const name of domain) {
      const app = apps.get(name);
      if (!app) continue;
      servers.push(await startServer(app, { port: catalogue[name].port + config.portOffset, hostname: config.host }));
      urls[name] = localServiceUrl(name, config.host, config.portOffset);
    }
    if (services.includes('gateway')) {
      const gateway = createGatewayApp({
        config,
        logger: createLogger({ level: config.logLevel, service: 'gateway' }),
        inProcess: Object.fromEntries([...apps].map(([name, app]) => [name, (r: Request) => app.fetch(r)])),
      });
      servers.push(
        await startServer(gateway, { port: catalogue.gateway.port + config.portOffset, hostname: config.host }),
      );
      urls.gateway = localServiceUrl('gateway', config.host, config.portOffset);
    }
    void runJobsOnce();
    return { urls, database: handle.kind, migrationsApplied: applied.length, banner, close };
  } catch (err) {
    await close();
    throw err;
  }
}
