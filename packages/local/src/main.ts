import { catalogue, createLogger, loadConfig, type ServiceName } from '@konecta/core';
import { exitOnConfigError, onShutdown } from '@konecta/core/node';
import { parseRunnerArgs } from './args';
import { startLocal } from './runner';
import { ensureWebBuild } from './web-build';

let services: ServiceName[];
try {
  services = parseRunnerArgs(process.argv.slice(2)).services;
} catch (err) {
  console.error((err as Error).message);
  process.exit(64); // EX_USAGE
}
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  exitOnConfigError(err);
}
if (services.includes('gateway') && process.env.KONECTA_SKIP_WEB_BUILD !== '1') {
  ensureWebBuild(process.cwd(), config.gateway.webRoot);
}
const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, service: 'local' });

const platform = await startLocal(config, services, logger).catch((err: Error) => {
  console.error(`Konecta ERP could not start: ${err.message}`);
  process.exit(1);
});
onShutdown(logger, platform.close, (signal) =>
  console.log(
    `Stopping: finishing the requests in flight and delivering committed events${signal === 'SIGINT' ? ' (Ctrl+C again stops at once)' : ''}…`,
  ),
);

// Since the process started: loading the code counts too.
const seconds = (performance.now() / 1000).toFixed(1);
const where =
  platform.database === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL';
const lines = [
  '',
  `Konecta ERP is running (stage ${config.stage}, ${where}, ready in ${seconds} s).`,
  '',
  ...Object.entries(platform.urls).map(
    ([name, url]) =>
      `  ${catalogue[name as ServiceName].title.padEnd(18)} ${url}${name === 'gateway' ? '/' : catalogue[name as ServiceName].prefix}`,
  ),
];
if (platform.urls.gateway) {
  lines.push('', `  Health   ${platform.urls.gateway}/health`, `  API docs ${platform.urls.gateway}/docs`);
}
if (platform.banner.length) lines.push('', ...platform.banner);
lines.push('', 'Stop with Ctrl+C. `npm run reset` wipes the local data.', '');
console.log(lines.join('\n'));
