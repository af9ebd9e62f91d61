import { resolve } from 'node:path';
import { z } from 'zod';
import { catalogue, localServiceUrl, parseRuntimeOverrides, type Runtime, type ServiceName } from './catalogue';
import { parseTrustedProxies, type TrustedProxies } from './client-address';

/** Stages that run on a developer's machine or in tests; every other stage is deployed. */
export const localStages = ['local', 'test'] as const;
export const isLocalStage = (stage: string) => (localStages as readonly string[]).includes(stage);
/** The stage this process runs in: `KONECTA_STAGE`, else `test` under vitest, else `local`. */
export const stageOf = (env: Record<string, string | undefined> = process.env) =>
  env.KONECTA_STAGE ?? (env.VITEST ? 'test' : 'local');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number({ message: 'expected a number' }).int().min(min).max(max);
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/**
 * Every setting, read from the environment. Names are the environment variable names so an
 * error message points at exactly what to fix.
 */
const envSchema = z.object({
  KONECTA_STAGE: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,30}$/, 'lowercase letters, digits and dashes')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional(),
  DATABASE_SECRET_ARN: z.string().min(1).optional(),
  /** With DATABASE_SECRET_ARN: connect here (the RDS Proxy endpoint) instead of the secret's host. */
  DATABASE_HOST: z.string().min(1).optional(),
  DATABASE_SSL: z.enum(['require', 'disable']).optional(),
  DATABASE_PROXY: bool.optional(),
  DATABASE_POOL_MAX: int(1, 100).optional(),
  KONECTA_DATA_DIR: z.string().min(1).optional(),
  KONECTA_PORT_OFFSET: int(0, 50000).optional(),
  KONECTA_HOST: z.string().min(1).optional(),
  KONECTA_RUNTIME: z.string().optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.string().url('expected a URL').optional(),
  CORS_ORIGINS: list.optional(),
  BODY_LIMIT_BYTES: int(1024, 50 * 1024 * 1024).optional(),
  TRUSTED_PROXIES: z.string().optional(),
  GATEWAY_TIMEOUT_MS: int(100, 120_000).optional(),
  RATE_LIMIT_PER_MINUTE: int(0, 1_000_000).optional(),
  KONECTA_WEB_ROOT: z.string().min(1).optional(),
  EVENT_BUS_NAME: z.string().min(1).optional(),
  PUBLIC_URL: z.string().url('expected a URL').optional(),
  ACCESS_TOKEN_TTL_SECONDS: int(60, 3600).optional(),
  REFRESH_TOKEN_TTL_DAYS: int(1, 90).optional(),
  AUTH_SIGNING_KEYS_SECRET_ARN: z.string().min(1).optional(),
  AUTH_BOOTSTRAP_ADMIN_EMAIL: z.string().email('expected an email address').optional(),
  MAIL_FROM: z.string().min(3).optional(),
  DATA_KEY_SECRET_ARN: z.string().min(1).optional(),
  /** Deployed: the HTTP API's URL, through which services call each other. */
  API_URL: z.string().url('expected a URL').optional(),
  /** Deployed: Secrets Manager name prefix of the service clients' secrets (`<prefix><service>`). */
  SERVICE_CLIENT_SECRET_PREFIX: z.string().min(1).optional(),
  SERVICE_CALL_TIMEOUT_MS: int(100, 60_000).optional(),
  COMPANY_WEEKEND: z
    .string()
    .regex(/^[0-6](,[0-6]){0,5}$/, 'comma-separated weekday numbers, 0 = Sunday … 6 = Saturday')
    .transform((v) => [...new Set(v.split(',').map(Number))])
    .optional(),
  COMPANY_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'expected an IANA time zone such as Africa/Cairo')
    .optional(),
  COMPANY_WORKDAY_START: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time such as 09:00')
    .optional(),
  COMPANY_LATE_GRACE_MINUTES: int(0, 240).optional(),
  COMPANY_BASE_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EGP')
    .optional(),
  COMPANY_FISCAL_YEAR_START_MONTH: int(1, 12).optional(),
  AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
});

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
  /** The currency the books are kept in; amounts in other currencies are converted into it. */
  baseCurrency: string;
  /** The month (1–12) each fiscal year starts in. */
  fiscalYearStartMonth: number;
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
  const parsed = envSchema.safeParse(env);
  // Malformed settings and missing ones are reported together, so one run names everything to fix.
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ setting: String(i.path[0] ?? '?'), message: i.message }));
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
  if (problems.length || !parsed.success) throw new ConfigError(problems);
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
    baseCurrency: e.COMPANY_BASE_CURRENCY ?? 'EGP',
    fiscalYearStartMonth: e.COMPANY_FISCAL_YEAR_START_MONTH ?? 1,
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
    services: {
      apiUrl: e.API_URL?.replace(/\/$/, ''),
      clientSecretPrefix: e.SERVICE_CLIENT_SECRET_PREFIX,
      timeoutMs: e.SERVICE_CALL_TIMEOUT_MS ?? 5_000,
    },
    inLambda,
  };
}
