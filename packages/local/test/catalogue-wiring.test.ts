import { catalogue, type DomainServiceName, LocalEventBus, type ServiceDeps, type ServiceRouter } from '@konecta/core';
import { buildTimeDeps } from '@konecta/core/build/openapi-document';
import { isPathPattern, lambdaFunctionName, lambdaFunctionsOf, lambdaGroupFor } from '@konecta/core/catalogue';
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

/**
 * Deployed on Lambda, API Gateway sends each path to one function by the catalogue's `functions`
 * prefixes (stacks/Services.ts), and each function's bundle holds only its own route groups. These
 * checks keep the two equal: every route of a service is in the function its path goes to, and
 * no function carries routes that never reach it.
 */
describe('Lambda functions of a service answer exactly the paths the catalogue routes to them', () => {
  const routesOf = (app: ServiceRouter, prefix: string) =>
    app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith(`${prefix}/`)).map((r) => `${r.method} ${r.path}`);
  const system = (route: string, prefix: string) =>
    ['health', 'ready', 'openapi.json'].some((p) => route.endsWith(` ${prefix}/${p}`));

  for (const name of Object.keys(serviceModules) as DomainServiceName[]) {
    const { prefix, functions } = catalogue[name];
    it(`${name}: ${Object.keys(functions).length} route group function(s) and lambda.ts`, async () => {
      const deps = buildTimeDeps(name);
      const all = new Set(routesOf(serviceModules[name].createApp(deps), prefix));
      expect(all.size).toBeGreaterThan(0);
      const served = new Map<string, Set<string>>();
      for (const fn of lambdaFunctionsOf(name)) {
        const file = fn.group ? `../../${name}/src/functions/${fn.group}.ts` : `../../${name}/src/lambda.ts`;
        const module = (await import(file)) as { createApp?: (deps: ServiceDeps) => ServiceRouter };
        // A service of one function runs its whole module (`lambdaHandler(service)`).
        const app = module.createApp?.(deps) ?? serviceModules[name].createApp(deps);
        served.set(lambdaFunctionName(fn), new Set(routesOf(app, prefix)));
      }
      for (const route of all) {
        const path = route.slice(route.indexOf(' ') + 1);
        const target = lambdaFunctionName({ service: name, group: lambdaGroupFor(name, path) });
        expect(served.get(target)?.has(route), `${route} is not in ${target}, where API Gateway sends it`).toBe(true);
      }
      for (const [fn, routes] of served) {
        for (const route of routes) {
          if (system(route, prefix)) continue;
          const path = route.slice(route.indexOf(' ') + 1);
          const target = lambdaFunctionName({ service: name, group: lambdaGroupFor(name, path) });
          expect(target, `${fn} carries ${route}, which API Gateway sends to ${target}`).toBe(fn);
          expect(all.has(route), `${fn} has ${route}, which the service does not`).toBe(true);
        }
      }
    });
  }

  it('a group prefix is a path of its own (no trailing slash or parameter), in one group only', () => {
    for (const entry of Object.values(catalogue)) {
      const prefixes = Object.values(entry.functions).flat();
      expect(new Set(prefixes).size).toBe(prefixes.length);
      for (const p of prefixes.filter((p) => !isPathPattern(p))) expect(p).toMatch(/^(\/[a-z0-9.-]+)+$/);
    }
  });

  it('a group path pattern names whole segments, `{name}` for a parameter, and ends in a fixed one', () => {
    const patterns = Object.values(catalogue).flatMap((entry) =>
      Object.values(entry.functions).flat().filter(isPathPattern),
    );
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) expect(p).toMatch(/^(\/([a-z0-9.-]+|\{[A-Za-z]+\}))*\/[a-z0-9.-]+$/);
  });

  it('a path pattern wins over a prefix above it, for that path only', () => {
    const payment = '/api/finance/bank-statements/:id/lines/:lineId/payment';
    expect(lambdaGroupFor('finance', payment)).toBe('bank-payments');
    expect(lambdaGroupFor('finance', payment.replace(':id', 'b1').replace(':lineId', '7'))).toBe('bank-payments');
    expect(lambdaGroupFor('finance', '/api/finance/bank-statements/:id/lines/:lineId/entry')).toBe('bank');
    expect(lambdaGroupFor('finance', `${payment}/more`)).toBe('bank');
    expect(lambdaGroupFor('finance', '/api/finance/bank-statements//lines/:lineId/payment')).toBe('bank');
  });
});
