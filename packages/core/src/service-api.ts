import { z } from '@hono/zod-openapi';

/**
 * Answers of service-only routes (service tokens only), declared once for the service that
 * answers and the one that asks, as events are.
 */

/** `GET /api/auth/service/employees/{employeeId}/login`: the login linked to an employee. */
export const linkedLoginSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    status: z.enum(['invited', 'active', 'disabled', 'locked']),
    lastLoginAt: z.string().nullable(),
    roles: z.array(z.string()),
  })
  .openapi('LinkedLogin');
export type LinkedLogin = z.infer<typeof linkedLoginSchema>;
