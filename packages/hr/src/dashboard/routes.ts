import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  jsonContent,
  problemResponses,
  requireAuth,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import { attendanceStatus } from '@konecta/db';
import type { HrContext } from '../context';
import { dashboardOf } from './dashboard';

const count = z.int().check(z.nonnegative());
const dashboardSchema = z.openapi(
  z.object({
    today: z.openapi(z.string(), { description: "Today in the company's time zone", example: '2026-11-30' }),
    month: z.object({ month: z.string(), from: z.string(), to: z.string() }),
    timeZone: z.string(),
    headcount: z.openapi(
      z.optional(
        z.object({
          total: count,
          byDepartment: z.array(z.object({ departmentId: z.nullable(z.uuid()), name: z.string(), headcount: count })),
        }),
      ),
      { description: 'People employed today, for holders of hr.employees.read-all' },
    ),
    attendanceToday: z.openapi(
      z.optional(
        z.object({
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
        }),
      ),
      { description: "Today's attendance in the caller's scope, for holders of hr.attendance.read" },
    ),
    leaveThisMonth: z.optional(
      z.object({
        days: z.number().check(z.nonnegative()),
        byType: z.array(z.object({ leaveTypeId: z.uuid(), leaveType: z.string(), days: z.number() })),
      }),
    ),
    outToday: z.optional(
      z.array(z.object({ employeeId: z.uuid(), name: z.string(), leaveType: z.string(), until: z.string() })),
    ),
    pendingApprovals: z.optional(count),
    myDay: z.openapi(
      z.optional(
        z.nullable(
          z.object({
            status: z.enum(attendanceStatus.enumValues),
            checkInAt: z.nullable(z.string()),
            checkOutAt: z.nullable(z.string()),
          }),
        ),
      ),
      { description: "The caller's own attendance today (null: no record yet)" },
    ),
  }),
  'HrDashboard',
);

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
