import { type StackContext, use } from 'sst/constructs';
import { type DomainServiceName, isPathPattern } from '../packages/core/src/catalogue';
import { pascal, Services } from './Services';
import { catalogue } from './settings';

/**
 * A domain service deployed on Lambda: its HTTP API functions, `lambda.ts` and one per route group
 * of the catalogue's `functions`, and their routes on the shared HTTP API, in a stack of its own
 * (`HrApi`, `FinanceApi`…). Every route is three CloudFormation resources (route, integration,
 * permission) and every function about five, so one stack for every service would pass
 * CloudFormation's 500 resources as route groups grow (docs/decisions.md). These stacks only
 * refer to the shared stacks (the API, the bus, secrets, the migration step), never the reverse.
 */
export function ServiceApi(name: DomainServiceName) {
  const stackFn = ({ stack }: StackContext) => {
    const { api, functionDefaults, lambda, migrations } = use(Services);
    stack.setDefaultFunctionProps(functionDefaults);
    const entry = catalogue[name];
    const id = pascal(name);
    const fn = lambda(
      `${id}Api`,
      name,
      {
        handler: `packages/${name}/src/lambda.handler`,
        description: `Konecta ERP: ${entry.title} (${entry.prefix})`,
        memorySize: entry.memoryMb,
        timeout: entry.timeoutSeconds,
      },
      stack,
    );
    fn.node.addDependency(migrations);
    api.addRoutes(stack, { [`ANY ${entry.prefix}/{proxy+}`]: fn, [`ANY ${entry.prefix}`]: fn });
    // Route groups with functions of their own: API Gateway picks the most specific route, so
    // `/api/hr/employees/…` goes to the employees function, the rest to `lambda.ts`.
    for (const [group, prefixes] of Object.entries(entry.functions)) {
      const groupFn = lambda(
        `${id}${pascal(group)}Api`,
        name,
        {
          handler: `packages/${name}/src/functions/${group}.handler`,
          description: `Konecta ERP: ${entry.title}, ${prefixes.map((p) => `${entry.prefix}${p}`).join(' ')}`,
          memorySize: entry.memoryMb,
          timeout: entry.timeoutSeconds,
        },
        stack,
      );
      groupFn.node.addDependency(migrations);
      for (const p of prefixes) {
        // A path pattern is one route, which API Gateway prefers over the greedy `{proxy+}` routes.
        if (isPathPattern(p)) api.addRoutes(stack, { [`ANY ${entry.prefix}${p}`]: groupFn });
        else
          api.addRoutes(stack, { [`ANY ${entry.prefix}${p}/{proxy+}`]: groupFn, [`ANY ${entry.prefix}${p}`]: groupFn });
      }
    }
  };
  // SST names a stack after its function.
  Object.defineProperty(stackFn, 'name', { value: `${pascal(name)}Api` });
  return stackFn;
}
