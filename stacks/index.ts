import type { App } from 'sst/constructs';

/**
 * The one entry both `sst.config.ts` and the stack tests call. The stacks themselves (network,
 * database, secrets, services, web) arrive with the infrastructure issue; until then the app
 * declares none.
 */
export function stacks(_app: App): void {}
