/**
 * The gateway in front of the kernel app. `BENCH_UPSTREAM` unset: the app runs in this process and
 * the gateway calls it in-process, as `npm start` does. Set: the gateway reaches it over HTTP.
 * `BENCH_GATEWAY_MODULE`: another checkout's `packages/gateway/src/index.ts` instead of this one's
 * (a before-and-after comparison in one run).
 */
import { pathToFileURL } from 'node:url';
import { createDatabase, createLogger, createTokenVerifier, loadConfig } from '@konecta/core';
import { startServer } from '@konecta/core/node';
import * as thisGateway from '@konecta/gateway';
import { createBenchApp } from './kernel-app';
import { announce, benchEnv } from './shared';

const env = benchEnv();
const config = loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
const logger = createLogger({ level: 'silent', service: 'gateway' });
const upstream = process.env.BENCH_UPSTREAM;
const other = process.env.BENCH_GATEWAY_MODULE;
const { createGatewayApp }: typeof thisGateway = other ? await import(pathToFileURL(other).href) : thisGateway;
let gateway: ReturnType<typeof createGatewayApp>;
if (upstream) {
  gateway = createGatewayApp({ config, logger, urls: { hr: upstream } });
} else {
  const { db } = await createDatabase({ url: env.databaseUrl, poolMax: 10 });
  const verifier = createTokenVerifier({ issuer: env.issuer, audience: env.audience, jwks: env.jwks });
  const app = createBenchApp(db, verifier);
  gateway = createGatewayApp({ config, logger, inProcess: { hr: (request) => app.fetch(request) } });
}
const running = await startServer(gateway, { port: 0 });
announce(running.port);
