import {
  type Config,
  catalogue,
  type DomainServiceName,
  domainServices,
  runtimeFor,
  serviceNames,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import { forward, type ServiceTarget } from './proxy';

type Upstream = Exclude<(typeof serviceNames)[number], 'gateway'>;
const serviceHealthSchema = z.openapi(
  z.object({
    name: z.enum(serviceNames.filter((n): n is Upstream => n !== 'gateway') as [Upstream, ...Upstream[]]),
    title: z.string(),
    state: z.enum(['up', 'down']),
    runtime: z.string(),
    /** The service's address, or `in-process`. */
    reachedAt: z.string(),
    latencyMs: z.number(),
    version: z.optional(z.string()),
    /** Why it is down. */
    detail: z.optional(z.string()),
  }),
  'ServiceHealth',
);
export type ServiceHealth = z.infer<typeof serviceHealthSchema>;

export const systemHealthSchema = z.openapi(
  z.object({
    status: z.enum(['ok', 'degraded']),
    stage: z.string(),
    services: z.array(serviceHealthSchema),
  }),
  'SystemHealth',
);
export type SystemHealth = z.infer<typeof systemHealthSchema>;

/** Asks every service's `/health` at once, each bounded by a short timeout. */
export async function aggregateHealth(
  config: Config,
  targetOf: (name: DomainServiceName) => ServiceTarget,
  requestId: string,
): Promise<SystemHealth> {
  const services = await Promise.all(
    domainServices.map(async (name): Promise<ServiceHealth> => {
      const target = targetOf(name);
      const started = performance.now();
      const base = {
        name,
        title: catalogue[name].title,
        runtime: runtimeFor(name, config.stage, config.runtimeOverrides),
        reachedAt: target.kind === 'in-process' ? 'in-process' : target.baseUrl,
      };
      try {
        const res = await forward(name, target, new Request(`http://gateway${catalogue[name].prefix}/health`), {
          timeoutMs: Math.min(2000, config.gateway.timeoutMs),
          headers: { 'x-request-id': requestId },
        });
        const body = (await res.json().catch(() => ({}))) as { version?: string; detail?: string };
        const latencyMs = Math.round(performance.now() - started);
        return res.ok
          ? { ...base, state: 'up', latencyMs, version: body.version }
          : { ...base, state: 'down', latencyMs, detail: body.detail ?? `HTTP ${res.status}` };
      } catch (err) {
        return {
          ...base,
          state: 'down',
          latencyMs: Math.round(performance.now() - started),
          detail: (err as Error).message,
        };
      }
    }),
  );
  return { status: services.every((s) => s.state === 'up') ? 'ok' : 'degraded', stage: config.stage, services };
}
