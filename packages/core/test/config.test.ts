import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  catalogue,
  domainServices,
  loadConfig,
  localServiceUrl,
  parseRuntimeOverrides,
  runtimeFor,
  serviceForPath,
} from '../src/index';

/** The ConfigError thrown for `env`, or a failure when none is thrown. */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

const settingsNamed = (err: ConfigError) => err.problems.map((p) => p.setting).sort();

const deployed = {
  KONECTA_STAGE: 'dev',
  DATABASE_URL: 'postgres://app@db:5432/konecta',
  AUTH_JWKS_URL: 'https://auth.example/jwks.json',
  EVENT_BUS_NAME: 'konecta-dev',
};

describe('loadConfig defaults by stage', () => {
  it('runs locally on the embedded database with the local auth service and the web app allowed', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      stage: 'local',
      local: true,
      logLevel: 'info',
      host: '127.0.0.1',
      portOffset: 0,
      dataDir: resolve('.data'),
      inLambda: false,
      database: { url: undefined, proxy: false, poolMax: 10 },
      auth: {
        issuer: 'urn:konecta:local:auth',
        audience: 'urn:konecta:local:api',
        jwksUrl: 'http://127.0.0.1:8081/api/auth/.well-known/jwks.json',
      },
      http: { corsOrigins: ['http://localhost:4200', 'http://localhost:8080'], bodyLimitBytes: 1024 * 1024 },
      gateway: { timeoutMs: 10_000 },
      runtimeOverrides: {},
    });
  });

  it('is the silent "test" stage under vitest', () => {
    const config = loadConfig({ VITEST: 'true' });
    expect(config).toMatchObject({ stage: 'test', local: true, logLevel: 'silent' });
    expect(config.auth.issuer).toBe('urn:konecta:test:auth');
    expect(config.http.corsOrigins).toContain('http://localhost:4200');
  });

  it('moves every local port, the auth keys URL included, by KONECTA_PORT_OFFSET', () => {
    const config = loadConfig({ KONECTA_PORT_OFFSET: '100', KONECTA_HOST: 'localhost' });
    expect(config.auth.jwksUrl).toBe('http://localhost:8181/api/auth/.well-known/jwks.json');
    expect(localServiceUrl('hr', 'localhost', 100)).toBe('http://localhost:8182');
  });

  it('in a deployed stage uses RDS Proxy settings, no CORS origins and the API Gateway timeout', () => {
    const config = loadConfig(deployed);
    expect(config).toMatchObject({
      stage: 'dev',
      local: false,
      logLevel: 'info',
      database: { url: deployed.DATABASE_URL, proxy: true, poolMax: 10 },
      auth: { issuer: 'urn:konecta:dev:auth', audience: 'urn:konecta:dev:api', jwksUrl: deployed.AUTH_JWKS_URL },
      http: { corsOrigins: [] },
      gateway: { timeoutMs: 29_000 },
      events: { busName: 'konecta-dev' },
      inLambda: false,
    });
  });

  it('inside Lambda keeps one database connection per instance', () => {
    const config = loadConfig({ ...deployed, AWS_LAMBDA_FUNCTION_NAME: 'konecta-dev-hr' });
    expect(config.inLambda).toBe(true);
    expect(config.database.poolMax).toBe(1);
  });

  it('accepts the database secret instead of a URL when deployed', () => {
    const { DATABASE_URL: _, ...withoutUrl } = deployed;
    const config = loadConfig({ ...withoutUrl, DATABASE_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:db' });
    expect(config.database).toMatchObject({
      url: undefined,
      secretArn: 'arn:aws:secretsmanager:eu-west-1:1:secret:db',
    });
  });

  it('reads explicit settings: lists, booleans, numbers and runtime overrides', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://erp.example, https://admin.example,',
      DATABASE_PROXY: 'yes',
      BODY_LIMIT_BYTES: '2048',
      KONECTA_RUNTIME: 'hr=fargate,reporting=fargate',
      LOG_LEVEL: 'debug',
    });
    expect(config.http).toEqual({
      corsOrigins: ['https://erp.example', 'https://admin.example'],
      bodyLimitBytes: 2048,
      trustedProxies: { kind: 'none' },
    });
    expect(config.database.proxy).toBe(true);
    expect(config.runtimeOverrides).toEqual({ hr: 'fargate', reporting: 'fargate' });
    expect(config.logLevel).toBe('debug');
  });
});

describe('loadConfig refuses bad settings, naming each one', () => {
  it('names an invalid DATABASE_URL and LOG_LEVEL together', () => {
    const err = configErrorFor({ DATABASE_URL: 'mysql://db/konecta', LOG_LEVEL: 'loud' });
    expect(settingsNamed(err)).toEqual(['DATABASE_URL', 'LOG_LEVEL']);
    expect(err.message).toContain('DATABASE_URL: expected a postgres:// URL');
    expect(err.message).toMatch(/LOG_LEVEL: /);
  });

  it('names numbers out of range and booleans that are not booleans', () => {
    const err = configErrorFor({ BODY_LIMIT_BYTES: '10', DATABASE_PROXY: 'maybe', DATABASE_POOL_MAX: 'many' });
    expect(settingsNamed(err)).toEqual(['BODY_LIMIT_BYTES', 'DATABASE_POOL_MAX', 'DATABASE_PROXY']);
  });

  it('names a TRUSTED_PROXIES entry that is neither an address nor a range', () => {
    const err = configErrorFor({ TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' });
    expect(settingsNamed(err)).toEqual(['TRUSTED_PROXIES']);
    expect(err.message).toContain('"proxy.internal" is not an IP address or CIDR range');
    expect(settingsNamed(configErrorFor({ TRUSTED_PROXIES: '10.0.0.0/33' }))).toEqual(['TRUSTED_PROXIES']);
  });

  it('refuses a runtime that does not exist', () => {
    const err = configErrorFor({ KONECTA_RUNTIME: 'hr=docker' });
    expect(settingsNamed(err)).toEqual(['KONECTA_RUNTIME']);
    expect(err.message).toContain('KONECTA_RUNTIME: runtime for "hr" must be lambda or fargate, got "docker"');
  });

  it('refuses a service that does not exist', () => {
    const err = configErrorFor({ KONECTA_RUNTIME: 'nope=lambda' });
    expect(err.message).toContain('KONECTA_RUNTIME: unknown service "nope"');
  });

  it('in a deployed stage requires a database, the auth keys URL and the event bus, naming each', () => {
    const err = configErrorFor({ KONECTA_STAGE: 'dev' });
    expect(settingsNamed(err)).toEqual(['AUTH_JWKS_URL', 'DATABASE_URL', 'EVENT_BUS_NAME']);
    expect(err.message).toContain('DATABASE_URL: required in stage "dev" (or DATABASE_SECRET_ARN)');
    expect(err.message).toContain('AUTH_JWKS_URL: required in stage "dev"');
  });

  it('names malformed and missing settings in one go, not one per attempt', () => {
    const err = configErrorFor({ KONECTA_STAGE: 'dev', LOG_LEVEL: 'loud', KONECTA_RUNTIME: 'nope=lambda' });
    expect(settingsNamed(err)).toEqual([
      'AUTH_JWKS_URL',
      'DATABASE_URL',
      'EVENT_BUS_NAME',
      'KONECTA_RUNTIME',
      'LOG_LEVEL',
    ]);
  });

  it('refuses a stage name that cannot name AWS resources', () => {
    const err = configErrorFor({ ...deployed, KONECTA_STAGE: 'Prod_1' });
    expect(settingsNamed(err)).toEqual(['KONECTA_STAGE']);
    expect(err.message).toContain('KONECTA_STAGE: lowercase letters, digits and dashes');
  });
});

describe('service catalogue', () => {
  it('keeps the ports the original system used', () => {
    const ports = Object.fromEntries(Object.values(catalogue).map((s) => [s.name, s.port]));
    expect(ports).toEqual({
      gateway: 8080,
      auth: 8081,
      hr: 8082,
      finance: 8083,
      operation: 8085,
      reporting: 5156,
      discovery: 8761,
      config: 8888,
    });
  });

  it('puts every domain service under /api/{name}', () => {
    expect(domainServices).not.toContain('gateway');
    for (const name of domainServices) expect(catalogue[name].prefix).toBe(`/api/${name}`);
    expect(catalogue.gateway.prefix).toBe('/');
  });

  it('runs services on Lambda and the gateway on Fargate unless overridden', () => {
    expect(runtimeFor('hr', 'dev')).toBe('lambda');
    expect(runtimeFor('reporting', 'production')).toBe('lambda');
    expect(runtimeFor('gateway', 'dev')).toBe('fargate');
    expect(runtimeFor('hr', 'dev', { hr: 'fargate' })).toBe('fargate');
    expect(runtimeFor('finance', 'dev', { hr: 'fargate' })).toBe('lambda');
    expect(runtimeFor('gateway', 'staging', parseRuntimeOverrides('gateway=lambda'))).toBe('lambda');
  });

  it('parses runtime overrides with spaces and refuses typos', () => {
    expect(parseRuntimeOverrides(' hr = fargate , config=lambda ')).toEqual({ hr: 'fargate', config: 'lambda' });
    expect(parseRuntimeOverrides('')).toEqual({});
    expect(() => parseRuntimeOverrides('hr')).toThrow(/runtime for "hr" must be lambda or fargate/);
    expect(() => parseRuntimeOverrides('payroll=lambda')).toThrow(/unknown service "payroll"/);
  });

  it('finds the service that owns a path', () => {
    expect(serviceForPath('/api/hr/employees/42')).toBe('hr');
    expect(serviceForPath('/api/finance')).toBe('finance');
    expect(serviceForPath('/api/config/settings')).toBe('config');
    expect(serviceForPath('/api/hrx/employees')).toBeUndefined();
    expect(serviceForPath('/api/gateway/routes')).toBeUndefined();
    expect(serviceForPath('/health')).toBeUndefined();
    expect(serviceForPath('/apix/hr')).toBeUndefined();
  });
});
