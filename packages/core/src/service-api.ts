import * as z from './z';

/**
 * Answers of service-only routes (service tokens only), declared once for the service that
 * answers and the one that asks, as events are.
 */

/** `GET /api/auth/service/employees/{employeeId}/login`: the login linked to an employee. */
export const linkedLoginSchema = z.openapi(
  z.object({
    userId: z.string(),
    email: z.string(),
    status: z.enum(['invited', 'active', 'disabled', 'locked']),
    lastLoginAt: z.nullable(z.string()),
    roles: z.array(z.string()),
  }),
  'LinkedLogin',
);
export type LinkedLogin = z.infer<typeof linkedLoginSchema>;
