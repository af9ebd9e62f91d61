import { createServiceApp, type ServiceDeps, type ServiceRouter, serviceAppOptions } from '@konecta/core';
import { hrConstraints } from './constraints';
import { type HrContext, hrContext } from './context';

/** A group of HR routes (`employeeRoutes`, `leaveRoutes`…), mounted under `/api/hr`. */
export type HrRoutes = (ctx: HrContext) => ServiceRouter;

/**
 * The HR app with the given route groups: all of them locally and in containers (`app.ts`), one
 * group per Lambda function (`functions/`, the catalogue's `functions`). Imports no routes itself,
 * so a function's bundle holds only its own groups.
 */
export function hrApp(deps: ServiceDeps, routes: readonly HrRoutes[], ctx: HrContext = hrContext(deps)) {
  return createServiceApp(
    {
      ...serviceAppOptions('hr', deps),
      constraints: hrConstraints,
      description:
        'Departments, positions, employees, the org chart, attendance, holidays and leave, performance, training, recruitment and offboarding.',
    },
    (api) => {
      for (const group of routes) api.route('/', group(ctx));
    },
  );
}
