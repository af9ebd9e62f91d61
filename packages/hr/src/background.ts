import { authEvents, consumeOnce } from '@konecta/core';
import type { BackgroundModule } from '@konecta/core/lambda';
import { hrContext } from './context';
import { linkUser, runScheduledExits } from './employees/employees';
import { runLeaveAccrual } from './leave/jobs';

/**
 * What HR runs outside requests: its event subscriptions and scheduled jobs. Kept apart from the
 * HTTP app so the consumer and job functions bundle neither the routes nor the spreadsheet and PDF
 * libraries those load.
 */
export const hrBackground: BackgroundModule = {
  name: 'hr',
  jobs: {
    /** Daily: allocations, this month's accrual, last year's carry-forward and expiry. */
    leaveAccrual: (deps) => runLeaveAccrual(hrContext(deps)),
    /** Daily, just after midnight: exits whose date has come end (status, history, login disabled). */
    scheduledExits: (deps) => runScheduledExits(hrContext(deps)),
  },
  subscribe(bus, deps) {
    const ctx = hrContext(deps);
    bus.subscribe(authEvents.userLinked, 'hr.user-links', async (event) => {
      const { userId, employeeId } = event.data;
      await consumeOnce(ctx.db, 'hr.user-links', event, () => linkUser(ctx, employeeId, userId));
    });
  },
};
