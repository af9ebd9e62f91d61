import { jobHandler } from '@konecta/core/lambda';
import { hrService } from './index';

/** Cron target (daily): leave allocations, accrual, carry-forward and expiry; safe to run twice. */
export const leaveAccrual = jobHandler(hrService, 'leaveAccrual');
