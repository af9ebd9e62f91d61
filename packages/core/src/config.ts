import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { catalogue, localServiceUrl, parseRuntimeOverrides, type Runtime, type ServiceName } from './catalogue';
import { parseTrustedProxies, type TrustedProxies } from './client-address';

/** Stages that run on a developer's machine or in tests; every other stage is deployed. */
export const localStages = ['local', 'test'] as const;
export const isLocalStage = (stage: string) => (localStages as readonly string[]).includes(stage);
/** The stage this process runs in: `KONECTA_STAGE`, else `test` under vitest, else `local`. */
export const stageOf = (env: Record<string, string | undefined> = process.env) =>
  env.KONECTA_STAGE ?? (env.VITEST ? 'test' : 'local');

const bool = () =>
  z.pipe(
    z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' }),
    z.transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );
const int = (min: number, max: number) =>
  z.coerce.number({ message: 'expected a number' }).check(z.int(), z.gte(min), z.lte(max));
const list = () =>
  z.pipe(
    z.string(),
    z.transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  );

/** How the company writes a date; every screen of the web app uses this one (`yyyy-MM-dd` by default). */
export const companyDateFormats = ['yyyy-MM-dd', 'dd/MM/yyyy', 'MM/dd/yyyy', 'dd.MM.yyyy', 'd MMM yyyy'] as const;
export type CompanyDateFormat = (typeof companyDateFormats)[number];

/**
 * Every setting, read from the environment, each schema made only when its variable is set:
 * building all of them (about 150 zod schemas) cost more than anything else a function does at
 * import. A variable that is not set is not parsed, so no schema is optional. Names are the
 * environment variable names so an error message points at exactly what to fix.
 */
const settings = {
  KONECTA_STAGE: () => z.string().check(z.regex(/^[a-z][a-z0-9-]{0,30}$/, 'lowercase letters, digits and dashes')),
  LOG_LEVEL: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  DATABASE_URL: () => z.string().check(z.regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')),
  DATABASE_SECRET_ARN: () => z.string().check(z.minLength(1)),
  /** With DATABASE_SECRET_ARN: connect here (the RDS Proxy endpoint) instead of the secret's host. */
  DATABASE_HOST: () => z.string().check(z.minLength(1)),
  DATABASE_SSL: () => z.enum(['require', 'disable']),
  DATABASE_PROXY: bool,
  DATABASE_POOL_MAX: () => int(1, 100),
  KONECTA_DATA_DIR: () => z.string().check(z.minLength(1)),
  KONECTA_PORT_OFFSET: () => int(0, 50000),
  KONECTA_HOST: () => z.string().check(z.minLength(1)),
  KONECTA_RUNTIME: () => z.string(),
  AUTH_ISSUER: () => z.string().check(z.minLength(1)),
  AUTH_AUDIENCE: () => z.string().check(z.minLength(1)),
  AUTH_JWKS_URL: () => z.url('expected a URL'),
  CORS_ORIGINS: list,
  BODY_LIMIT_BYTES: () => int(1024, 50 * 1024 * 1024),
  TRUSTED_PROXIES: () => z.string(),
  GATEWAY_TIMEOUT_MS: () => int(100, 120_000),
  RATE_LIMIT_PER_MINUTE: () => int(0, 1_000_000),
  KONECTA_WEB_ROOT: () => z.string().check(z.minLength(1)),
  EVENT_BUS_NAME: () => z.string().check(z.minLength(1)),
  FILES_BUCKET: () => z.string().check(z.minLength(1)),
  PUBLIC_URL: () => z.url('expected a URL'),
  ACCESS_TOKEN_TTL_SECONDS: () => int(60, 3600),
  REFRESH_TOKEN_TTL_DAYS: () => int(1, 90),
  AUTH_SIGNING_KEYS_SECRET_ARN: () => z.string().check(z.minLength(1)),
  AUTH_BOOTSTRAP_ADMIN_EMAIL: () => z.email('expected an email address'),
  MAIL_FROM: () => z.string().check(z.minLength(3)),
  DATA_KEY_SECRET_ARN: () => z.string().check(z.minLength(1)),
  /** Deployed: the HTTP API's URL, through which services call each other. */
  API_URL: () => z.url('expected a URL'),
  /** Deployed: Secrets Manager name prefix of the service clients' secrets (`<prefix><service>`). */
  SERVICE_CLIENT_SECRET_PREFIX: () => z.string().check(z.minLength(1)),
  SERVICE_CALL_TIMEOUT_MS: () => int(100, 60_000),
  COMPANY_WEEKEND: () =>
    z.pipe(
      z.string().check(z.regex(/^[0-6](,[0-6]){0,5}$/, 'comma-separated weekday numbers, 0 = Sunday … 6 = Saturday')),
      z.transform((v) => [...new Set(v.split(',').map(Number))]),
    ),
  COMPANY_TIMEZONE: () =>
    z.string().check(
      z.refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'expected an IANA time zone such as Africa/Cairo'),
    ),
  COMPANY_WORKDAY_START: () => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time such as 09:00')),
  COMPANY_LATE_GRACE_MINUTES: () => int(0, 240),
  COMPANY_DATE_FORMAT: () => z.enum(companyDateFormats),
  COMPANY_TIME_FORMAT: () => z.enum(['24h', '12h']),
  COMPANY_BASE_CURRENCY: () => z.string().check(z.regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EGP')),
  COMPANY_FISCAL_YEAR_START_MONTH: () => int(1, 12),
  COMPANY_NAME: () => z.string().check(z.minLength(1), z.maxLength(200)),
  COMPANY_ADDRESS: () => z.string().check(z.maxLength(500)),
  COMPANY_TAX_NUMBER: () => z.string().check(z.maxLength(40)),
  AWS_LAMBDA_FUNCTION_NAME: () => z.string(),
};

type Settings = { [K in keyof typeof settings]?: z.output<ReturnType<(typeof settings)[K]>> };

/** The settings that are set, each checked by its own schema, in the order `settings` lists them. */
function parseSettings(env: Record<string, string | undefined>) {
  const data: Record<string, unknown> = {};
  const problems: { setting: string; message: string }[] = [];
  for (const [name, schema] of Object.entries(settings)) {
    if (env[name] === undefined) continue;
    const parsed = schema().safeParse(env[name]);
    if (parsed.success) data[name] = parsed.data;
    else for (const issue of parsed.error.issues) problems.push({ setting: name, message: issue.message });
  }
  return { data: data as Settings, problems };
}

export interface Config {
  stage: string;
  local: boolean;
  logLevel: string;
  database: {
    /** A postgres:// URL, or undefined to use the embedded PGlite database under dataDir. */
    url?: string;
    /** Secrets Manager id of the RDS credentials, resolved to `url` at start-up when deployed. */
    secretArn?: string;
    /** Overrides the secret's host (the RDS Proxy endpoint when deployed). */
    host?: string;
    /** TLS for secret-resolved connections; RDS Proxy requires it. */
    ssl: 'require' | 'disable';
    /** Behind RDS Proxy: no prepared statements (they pin connections). */
    proxy: boolean;
    poolMax: number;
  };
  /** Local data (embedded database, generated keys), or `memory` for a throw-away run. */
  dataDir: string;
  host: string;
  portOffset: number;
  runtimeOverrides: Partial<Record<ServiceName, Runtime>>;
  auth: {
    issuer: string;
    audience: string;
    jwksUrl: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    /** Deployed: the Secrets Manager secret holding the token-signing private keys. */
    signingKeysSecretArn?: string;
    /** Deployed: who receives the first System Admin invitation when there is none. */
    bootstrapAdminEmail?: string;
  };
  /** The address people open the app at; links in emails point here. */
  publicUrl: string;
  mail: { from: string };
  /** Deployed: the Secrets Manager secret holding the key that encrypts sensitive fields. */
  dataKeySecretArn?: string;
  /** The company's time zone: what "today" means for attendance and leave. */
  timeZone: string;
  /** Weekend days (0 = Sunday … 6 = Saturday): not working days. */
  weekendDays: number[];
  /** When the working day starts (company time, `HH:MM`), and how late a check-in may be before it counts as late. */
  workday: { start: string; lateGraceMinutes: number };
  /** How dates and times are written for people: one format, the company's, on every screen. */
  display: { dateFormat: CompanyDateFormat; timeFormat: '24h' | '12h' };
  /** The currency the books are kept in; amounts in other currencies are converted into it. */
  baseCurrency: string;
  /** The month (1–12) each fiscal year starts in. */
  fiscalYearStartMonth: number;
  /** Who the company is, as its documents (invoices, statements) head them. */
  company: { name: string; address: string; taxNumber: string };
  http: {
    corsOrigins: string[];
    bodyLimitBytes: number;
    /** Whose `X-Forwarded-For` names the client (sign-in addresses, rate limits); nobody's by default. */
    trustedProxies: TrustedProxies;
  };
  gateway: {
    timeoutMs: number;
    /** Requests per minute per client address on `/api/*`; 0 turns the limit off. */
    rateLimitPerMinute: number;
    /** The built web app the gateway serves, when present. */
    webRoot: string;
  };
  events: { busName?: string };
  /** Deployed: the private S3 bucket of uploaded and produced files (`<dataDir>/files` locally). */
  files: { bucket?: string };
  /** Calls from one service to another, with service tokens (see service-client.ts). */
  services: {
    /** Deployed: the API's URL; locally each service is reached on its catalogue port. */
    apiUrl?: string;
    /** Deployed: where each service's client secret lives in Secrets Manager. */
    clientSecretPrefix?: string;
    /** A call that takes longer fails with 504 rather than holding the caller. */
    timeoutMs: number;
  };
  inLambda: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: { setting: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.setting}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates configuration from the environment plus defaults for the stage. Throws a
 * ConfigError naming every missing or invalid setting; callers at start-up print it and exit.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = parseSettings(env);
  // Malformed settings and missing ones are reported together, so one run names everything to fix.
  const problems = [...parsed.problems];
  const stage = stageOf(env);
  const local = isLocalStage(stage);

  if (!local && !env.DATABASE_URL && !env.DATABASE_SECRET_ARN) {
    problems.push({
      setting: 'DATABASE_URL',
      message: `required in stage "${stage}" (or DATABASE_SECRET_ARN); the embedded database is for local use only`,
    });
  }
  if (!local && !env.EVENT_BUS_NAME) {
    problems.push({
      setting: 'EVENT_BUS_NAME',
      message: `required in stage "${stage}": domain events go to EventBridge`,
    });
  }
  if (!local && !env.AUTH_JWKS_URL) {
    problems.push({ setting: 'AUTH_JWKS_URL', message: `required in stage "${stage}"` });
  }
  let runtimeOverrides: Config['runtimeOverrides'] = {};
  try {
    runtimeOverrides = parseRuntimeOverrides(env.KONECTA_RUNTIME);
  } catch (err) {
    problems.push({ setting: 'KONECTA_RUNTIME', message: (err as Error).message.replace(/^KONECTA_RUNTIME: /, '') });
  }
  let trustedProxies: TrustedProxies = { kind: 'none' };
  try {
    trustedProxies = parseTrustedProxies(env.TRUSTED_PROXIES);
  } catch (err) {
    problems.push({
      setting: 'TRUSTED_PROXIES',
      message: `${(err as Error).message}; expected a number of proxy hops or addresses and CIDR ranges`,
    });
  }
  if (problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const inLambda = Boolean(e.AWS_LAMBDA_FUNCTION_NAME);

  const host = e.KONECTA_HOST ?? '127.0.0.1';
  const portOffset = e.KONECTA_PORT_OFFSET ?? 0;
  const authUrl = localServiceUrl('auth', host, portOffset);
  return {
    stage,
    local,
    logLevel: e.LOG_LEVEL ?? (stage === 'test' ? 'silent' : 'info'),
    database: {
      url: e.DATABASE_URL,
      secretArn: e.DATABASE_SECRET_ARN,
      host: e.DATABASE_HOST,
      ssl: e.DATABASE_SSL ?? (local ? 'disable' : 'require'),
      proxy: e.DATABASE_PROXY ?? !local,
      poolMax: e.DATABASE_POOL_MAX ?? (inLambda ? 1 : 10),
    },
    dataDir: e.KONECTA_DATA_DIR === 'memory' ? 'memory' : resolve(e.KONECTA_DATA_DIR ?? '.data'),
    host,
    portOffset,
    runtimeOverrides,
    auth: {
      issuer: e.AUTH_ISSUER ?? `urn:konecta:${stage}:auth`,
      audience: e.AUTH_AUDIENCE ?? `urn:konecta:${stage}:api`,
      jwksUrl: e.AUTH_JWKS_URL ?? `${authUrl}${catalogue.auth.prefix}/.well-known/jwks.json`,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS ?? 900,
      refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS ?? 14,
      signingKeysSecretArn: e.AUTH_SIGNING_KEYS_SECRET_ARN,
      bootstrapAdminEmail: e.AUTH_BOOTSTRAP_ADMIN_EMAIL,
    },
    publicUrl: (e.PUBLIC_URL ?? localServiceUrl('gateway', 'localhost', portOffset)).replace(/\/$/, ''),
    mail: { from: e.MAIL_FROM ?? 'Konecta ERP <no-reply@konecta.local>' },
    dataKeySecretArn: e.DATA_KEY_SECRET_ARN,
    timeZone: e.COMPANY_TIMEZONE ?? 'Africa/Cairo',
    weekendDays: e.COMPANY_WEEKEND ?? [5, 6],
    workday: { start: e.COMPANY_WORKDAY_START ?? '09:00', lateGraceMinutes: e.COMPANY_LATE_GRACE_MINUTES ?? 15 },
    display: { dateFormat: e.COMPANY_DATE_FORMAT ?? 'yyyy-MM-dd', timeFormat: e.COMPANY_TIME_FORMAT ?? '24h' },
    baseCurrency: e.COMPANY_BASE_CURRENCY ?? 'EGP',
    fiscalYearStartMonth: e.COMPANY_FISCAL_YEAR_START_MONTH ?? 1,
    company: {
      name: e.COMPANY_NAME ?? 'Konecta',
      address: e.COMPANY_ADDRESS ?? '',
      taxNumber: e.COMPANY_TAX_NUMBER ?? '',
    },
    http: {
      corsOrigins: e.CORS_ORIGINS ?? (local ? ['http://localhost:4200', 'http://localhost:8080'] : []),
      bodyLimitBytes: e.BODY_LIMIT_BYTES ?? 1024 * 1024,
      trustedProxies,
    },
    gateway: {
      timeoutMs: e.GATEWAY_TIMEOUT_MS ?? (local ? 10_000 : 29_000),
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE ?? 1200,
      webRoot: resolve(e.KONECTA_WEB_ROOT ?? 'web/dist/web/browser'),
    },
    events: { busName: e.EVENT_BUS_NAME },
    files: { bucket: e.FILES_BUCKET },
    services: {
      apiUrl: e.API_URL?.replace(/\/$/, ''),
      clientSecretPrefix: e.SERVICE_CLIENT_SECRET_PREFIX,
      timeoutMs: e.SERVICE_CALL_TIMEOUT_MS ?? 5_000,
    },
    inLambda,
  };
}
