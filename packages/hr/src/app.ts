import type { ServiceDeps } from '@konecta/core';
import { attendanceRoutes } from './attendance/routes';
import { type HrContext, hrContext } from './context';
import { companyCalendarRoutes } from './dashboard/calendar-routes';
import { dashboardRoutes } from './dashboard/routes';
import { employeeFileRoutes } from './employees/file-routes';
import { employeeRoutes } from './employees/routes';
import { calendarRoutes } from './leave/calendar-routes';
import { leaveRoutes } from './leave/routes';
import { offboardingRoutes } from './offboarding/routes';
import { organisationRoutes } from './organisation/routes';
import { performanceRoutes } from './performance/routes';
import { recruitmentRoutes } from './recruitment/routes';
import { hrApp } from './service-app';
import { trainingRoutes } from './training/routes';

/** Departments, positions, employees, attendance, leave, performance, training, recruitment and offboarding. */
export function createApp(deps: ServiceDeps, ctx: HrContext = hrContext(deps)) {
  return hrApp(
    deps,
    [
      organisationRoutes,
      // Before employeeRoutes, whose `/employees/{id}` would claim `/employees/export`.
      employeeFileRoutes,
      employeeRoutes,
      attendanceRoutes,
      calendarRoutes,
      leaveRoutes,
      performanceRoutes,
      offboardingRoutes,
      trainingRoutes,
      recruitmentRoutes,
      dashboardRoutes,
      companyCalendarRoutes,
    ],
    ctx,
  );
}
