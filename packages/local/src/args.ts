import { parseArgs } from 'node:util';
import { isServiceName, type ServiceName, serviceNames } from '@konecta/core';

export interface RunnerArgs {
  /** Which services to run in this process; all of them by default. */
  services: ServiceName[];
}

/** `npm start -- --service hr` (repeatable, or comma-separated) runs only those services. */
export function parseRunnerArgs(argv: string[]): RunnerArgs {
  const { values } = parseArgs({
    args: argv,
    options: { service: { type: 'string', short: 's', multiple: true } },
    allowPositionals: false,
  });
  const requested = (values.service ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of requested) {
    if (!isServiceName(name)) {
      throw new Error(`Unknown service "${name}". Choose from: ${serviceNames.join(', ')}.`);
    }
  }
  return { services: requested.length ? (requested as ServiceName[]) : [...serviceNames] };
}
