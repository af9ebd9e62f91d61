import { catalogue, createLogger, loadConfig } from '@konecta/core';
import { exitOnConfigError, onShutdown, startServer } from '@konecta/core/node';
import { createGatewayApp } from './app';

/** The gateway alone (container entry point): every service reached over HTTP. */
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  exitOnConfigError(err);
}
const logger = createLogger({ level: config.logLevel, service: 'gateway' });
const app = createGatewayApp({ config, logger });
const port = Number(process.env.PORT ?? catalogue.gateway.port + config.portOffset);
const running = await startServer(app, { port, hostname: process.env.HOST ?? '0.0.0.0' });
logger.info({ port }, 'gateway listening');
onShutdown(logger, () => running.close());
