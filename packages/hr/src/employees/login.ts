import { linkedLoginSchema, notFound, ProblemError } from '@konecta/core';
import * as z from '@konecta/core/z';
import { employees } from '@konecta/db';
import { eq } from 'drizzle-orm';
import type { HrContext } from '../context';

/** What the auth service tells HR about an employee's login (its service-only route). */
export const employeeLoginSchema = z.openapi(
  z.object({
    employeeId: z.string(),
    // Not `.nullable()` on the named schema: zod-to-openapi would make `LinkedLogin` itself nullable.
    login: z.union([linkedLoginSchema, z.null()]),
  }),
  'EmployeeLogin',
);

/**
 * The employee's login — invited, active, disabled or locked, last sign-in, roles — asked of the
 * auth service with HR's service token (the auth route answers services only). `login` is null
 * when the employee has none.
 */
export async function loginOfEmployee(ctx: HrContext, id: string): Promise<z.infer<typeof employeeLoginSchema>> {
  const [employee] = await ctx.db.select({ id: employees.id }).from(employees).where(eq(employees.id, id));
  if (!employee) throw notFound('There is no such employee.');
  const res = await ctx.services.request('auth', `/service/employees/${id}/login`);
  if (res.status === 404) return { employeeId: id, login: null };
  const login = res.ok ? linkedLoginSchema.safeParse(await res.json()) : undefined;
  if (!login?.success)
    throw new ProblemError(502, `The auth service answered the login question with HTTP ${res.status}.`);
  return { employeeId: id, login: login.data };
}
