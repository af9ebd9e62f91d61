import { createServiceApp, type ServiceDeps, serviceAppOptions } from '@konecta/core';
import { attendanceRoutes } from './attendance/routes';
import { hrConstraints } from './constraints';
import { type HrContext, hrContext } from './context';
import { companyCalendarRoutes } from './dashboard/calendar-routes';
import { dashboardRoutes } from './dashboard/routes';
import { employeeRoutes } from './employees/routes';
import { calendarRoutes } from './leave/calendar-routes';
import { leaveRoutes } from './leave/routes';
import { offboardingRoutes } from './offboarding/routes';
import { organisationRoutes } from './organisation/routes';
import { performanceRoutes } from './performance/routes';
import { recruitmentRoutes } from './recruitment/routes';
import { trainingRoutes } from './training/routes';

/** Departments, positions, employees, attendance, leave, performance, training, recruitment and offboarding. */
export function createApp(deps: ServiceDeps, ctx: HrContext = hrContext(deps)) {
  return createServiceApp(
    {
      ...serviceAppOptions('hr', deps),
      constraints: hrConstraints,
      description:
        'Departments, positions, employees, the org chart, attendance, holidays and leave, performance, training, recruitment and offboarding.',
    },
    (api) => {
      api.route('/', organisationRoutes(ctx));
      api.route('/', employeeRoutes(ctx));
      api.route('/', attendanceRoutes(ctx));
      api.route('/', calendarRoutes(ctx));
      api.route('/', leaveRoutes(ctx));
      api.route('/', performanceRoutes(ctx));
      api.route('/', offboardingRoutes(ctx));
      api.route('/', trainingRoutes(ctx));
      api.route('/', recruitmentRoutes(ctx));
      api.route('/', dashboardRoutes(ctx));
      api.route('/', companyCalendarRoutes(ctx));
    },
  );
}
