import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  jsonContent,
  problemResponses,
  requireAuth,
  z,
} from '@konecta/core';
import { attendanceStatus } from '@konecta/db';
import type { HrContext } from '../context';
import { dashboardOf } from './dashboard';

const count = z.number().int().nonnegative();
const dashboardSchema = z
  .object({
    today: z.string().openapi({ description: "Today in the company's time zone", example: '2026-11-30' }),
    month: z.object({ month: z.string(), from: z.string(), to: z.string() }),
    timeZone: z.string(),
    headcount: z
      .object({
        total: count,
        byDepartment: z.array(
          z.object({ departmentId: z.string().uuid().nullable(), name: z.string(), headcount: count }),
        ),
      })
      .optional()
      .openapi({ description: 'People employed today, for holders of hr.employees.read-all' }),
    attendanceToday: z
      .object({
        scope: z.enum(['everyone', 'team']),
        workingDay: z.boolean(),
        expected: count,
        present: count,
        remote: count,
        late: count,
        onLeave: count,
        holiday: count,
        absent: count,
        notInYet: count,
      })
      .optional()
      .openapi({ description: "Today's attendance in the caller's scope, for holders of hr.attendance.read" }),
    leaveThisMonth: z
      .object({
        days: z.number().nonnegative(),
        byType: z.array(z.object({ leaveTypeId: z.string().uuid(), leaveType: z.string(), days: z.number() })),
      })
      .optional(),
    outToday: z
      .array(z.object({ employeeId: z.string().uuid(), name: z.string(), leaveType: z.string(), until: z.string() }))
      .optional(),
    pendingApprovals: count.optional(),
    myDay: z
      .object({
        status: z.enum(attendanceStatus.enumValues),
        checkInAt: z.string().nullable(),
        checkOutAt: z.string().nullable(),
      })
      .nullable()
      .optional()
      .openapi({ description: "The caller's own attendance today (null: no record yet)" }),
  })
  .openapi('HrDashboard');

export function dashboardRoutes(ctx: HrContext) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/dashboard',
      tags: ['dashboard'],
      summary: "The dashboard's figures in the caller's scope, by the company calendar",
      security: bearerSecurity,
      middleware: [requireAuth()],
      responses: {
        200: { description: 'Figures', ...jsonContent(dashboardSchema) },
        ...problemResponses(401),
      },
    }),
    async (c) => c.json(await dashboardOf(ctx, callerOf(c)), 200),
  );
  return r;
}
