import { catalogue, LocalEventBus } from '@konecta/core';
import { createTestKeys, testDeps } from '@konecta/core/testing';
import { describe, expect, it } from 'vitest';
import { serviceModules } from '../src/services';

/**
 * The stacks build EventBridge rules and Cron schedules from the catalogue, without loading the
 * services; these checks keep the catalogue's lists equal to what the service modules declare.
 */
describe('catalogue wiring matches the service modules', async () => {
  const keys = await createTestKeys();
  const deps = testDeps(
    { db: {} as never, ping: async () => {}, kind: 'pglite', close: async () => {} } as never,
    keys,
  );

  for (const [name, module] of Object.entries(serviceModules)) {
    const entry = catalogue[name as keyof typeof serviceModules];
    it(`${name}: the events it subscribes to are the events the catalogue routes to it`, () => {
      const bus = new LocalEventBus();
      module.subscribe?.(bus, deps);
      expect([...bus.patterns].sort()).toEqual([...entry.consumes].sort());
    });

    it(`${name}: every job has a schedule, and every schedule a job`, () => {
      expect(Object.keys(module.jobs ?? {}).sort()).toEqual(Object.keys(entry.schedules).sort());
    });
  }

  it('schedules are EventBridge rate() or cron() expressions', () => {
    for (const entry of Object.values(catalogue)) {
      for (const expression of Object.values(entry.schedules)) {
        expect(expression).toMatch(
          /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(\S+ \S+ \S+ \S+ \S+ \S+\))$/,
        );
      }
    }
  });
});
