import {
  bearerSecurity,
  createRoute,
  createRouter,
  jsonContent,
  linkedLoginSchema,
  problemResponses,
  requireServicePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { AuthContext } from '../context';
import { linkedLogin } from './employee-links';

/** Routes for other services only (service tokens); people reach this data through those services. */
export function serviceOnlyRoutes(ctx: AuthContext) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/service/employees/{employeeId}/login',
      tags: ['service to service'],
      summary: 'The login linked to an employee (service tokens with auth.service.logins.read only)',
      security: bearerSecurity,
      middleware: [requireServicePermission('auth.service.logins.read')],
      request: {
        params: z.object({
          employeeId: z.openapi(z.uuid(), { param: { name: 'employeeId', in: 'path' } }),
        }),
      },
      responses: {
        200: { description: 'The linked login', ...jsonContent(linkedLoginSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await linkedLogin(ctx, c.req.valid('param').employeeId), 200),
  );
  return r;
}
