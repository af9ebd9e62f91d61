import type { App } from 'sst/constructs';
import { Database } from './Database';
import { Network } from './Network';
import { Secrets } from './Secrets';
import { ServiceApi } from './ServiceApi';
import { Services } from './Services';
import { domainServices, runtimesFor, settingsFor } from './settings';
import { Web } from './Web';

/**
 * The one entry both `sst.config.ts` and the stack tests call: app-wide defaults first (before any
 * stack declares a function), then the stacks, each a small file with one concern.
 */
export function stacks(app: App): void {
  const settings = settingsFor(app.stage, app.region);
  app.setDefaultRemovalPolicy(settings.production ? 'retain' : 'destroy');
  app.setDefaultFunctionProps({
    runtime: 'nodejs22.x',
    // x86_64: the argon2 binary shipped beside the bundles is the linux-x64 one.
    architecture: 'x86_64',
    logRetention: settings.logRetention,
    tracing: 'active',
  });
  app.stack(Network).stack(Database).stack(Secrets).stack(Services);
  // Each service on Lambda: its HTTP API functions and routes, a stack of its own (ServiceApi.ts).
  const runtimes = runtimesFor(app.stage);
  for (const name of domainServices) if (runtimes[name] === 'lambda') app.stack(ServiceApi(name));
  app.stack(Web);
}
