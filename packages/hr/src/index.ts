import { consumeOnce, type ServiceModule } from '@konecta/core';
import { createApp } from './app';
import { hrContext } from './context';
import { linkUser } from './employees/employees';
import { runLeaveAccrual } from './leave/jobs';
import { seedOrganisation } from './seed';

export const hrService: ServiceModule = {
  name: 'hr',
  createApp: (deps) => createApp(deps),
  async seed(deps) {
    if (deps.config.local) await seedOrganisation(hrContext(deps));
  },
  jobs: {
    /** Daily: allocations, this month's accrual, last year's carry-forward and expiry. */
    leaveAccrual: (deps) => runLeaveAccrual(deps.db),
  },
  subscribe(bus, deps) {
    bus.subscribe('auth.user.linked', 'hr.user-links', async (event) => {
      const { userId, employeeId } = event.data as { userId: string; employeeId: string };
      await consumeOnce(deps.db, 'hr.user-links', event, (tx) => linkUser(tx, employeeId, userId));
    });
  },
};

export { createApp } from './app';
export { hrContext } from './context';
