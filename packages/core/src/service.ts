import type { Database } from '@konecta/db';
import { createTokenVerifier, type TokenVerifier } from './auth';
import { type Calendar, type Clock, createCalendar, systemClock } from './calendar';
import type { DomainServiceName } from './catalogue';
import type { Config } from './config';
import { createDatabase, type DatabaseHandle } from './database';
import type { LocalEventBus } from './events';
import type { ServiceAppOptions, ServiceRouter } from './http';
import { createLogger, type Logger } from './logger';
import { resolveDatabaseUrl, secretsProviderFor } from './secrets';
import { setEffectErrorHandler } from './transaction';

/** What every service's `createApp` receives. Tests build it with a test database and keys. */
export interface ServiceDeps {
  config: Config;
  db: Database;
  logger: Logger;
  verifier: TokenVerifier;
  /** Readiness check: resolves when the database answers. */
  ready: () => Promise<void>;
  /** Where the time comes from; the system clock unless a test sets one. */
  clock?: Clock;
  /**
   * How this service reaches the others over HTTP (the auth key set, service calls); the local
   * runner answers the services of its own process in-process. Global fetch when absent.
   */
  fetch?: typeof fetch;
}

/**
 * The first parameter of every domain function: the database, settings, logger and the one
 * calendar (today, months, working days in the company's time zone, from the injected clock).
 * A service extends it with what its domain needs (HR adds the field cipher).
 */
export interface ServiceContext {
  db: Database;
  config: Config;
  logger: Logger;
  /** The current instant, from the injected clock. */
  now: () => Date;
  calendar: Calendar;
}

export function serviceContext(deps: ServiceDeps): ServiceContext {
  const clock = deps.clock ?? systemClock;
  return {
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    now: () => clock.now(),
    calendar: createCalendar(deps.config, clock),
  };
}

/**
 * The known shape of a service package: its `index.ts` exports one of these, and `lambda.ts`,
 * `server.ts` and the local runner are built from it.
 */
export interface ServiceModule {
  name: DomainServiceName;
  createApp(deps: ServiceDeps): ServiceRouter;
  /**
   * Reference data every stage needs (catalogues, default roles, keys); idempotent. Run by the
   * local runner after migrating, and by the deploy-time migration step.
   */
  bootstrap?(deps: ServiceDeps): Promise<void>;
  /** Local demo data; must be idempotent (runs on every start, writes only what is missing). */
  seed?(deps: ServiceDeps): Promise<void>;
  /** In-process event subscriptions (deployed, EventBridge rules call the same handlers). */
  subscribe?(bus: LocalEventBus, deps: ServiceDeps): void;
  /**
   * Scheduled jobs, safe to run twice: the stacks put each on a schedule (Cron); the local runner
   * runs them at start and every hour.
   */
  jobs?: Record<string, (deps: ServiceDeps) => Promise<unknown>>;
  /** Lines the local runner prints at start (e.g. the demo sign-ins). */
  banner?(deps: ServiceDeps): string[];
}

/** The app options every service passes to `createServiceApp`, derived from its deps. */
export function serviceAppOptions(service: DomainServiceName, deps: ServiceDeps): ServiceAppOptions {
  return {
    service,
    logger: deps.logger,
    verifier: deps.verifier,
    corsOrigins: deps.config.http.corsOrigins,
    bodyLimitBytes: deps.config.http.bodyLimitBytes,
    trustedProxies: deps.config.http.trustedProxies,
    ready: deps.ready,
  };
}

export function verifierFor(config: Config, fetchImpl?: typeof fetch): TokenVerifier {
  return createTokenVerifier({
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    jwks: new URL(config.auth.jwksUrl),
    fetch: fetchImpl,
  });
}

/** Opens the configured database: the secret-resolved URL when deployed, PGlite otherwise. */
export async function openDatabase(config: Config): Promise<DatabaseHandle> {
  const url = await resolveDatabaseUrl(config, secretsProviderFor(config));
  return createDatabase({
    url,
    dataDir: config.dataDir,
    proxy: config.database.proxy,
    poolMax: config.database.poolMax,
  });
}

/** Builds a service's deps from configuration (server.ts, lambda.ts and the local runner use it). */
export function createServiceDeps(
  service: string,
  config: Config,
  handle: DatabaseHandle,
  overrides: { verifier?: TokenVerifier; logger?: Logger; fetch?: typeof fetch } = {},
): ServiceDeps {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, service });
  setEffectErrorHandler((err) => logger.error({ err }, 'after-commit effect failed'));
  return {
    config,
    db: handle.db,
    logger,
    verifier: overrides.verifier ?? verifierFor(config, overrides.fetch),
    ready: handle.ping,
    ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
  };
}
