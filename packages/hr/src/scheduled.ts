import { jobHandler } from '@konecta/core/lambda';
import { hrBackground } from './background';

/** Cron target (daily): leave allocations, accrual, carry-forward and expiry; safe to run twice. */
export const leaveAccrual = jobHandler(hrBackground, 'leaveAccrual');

/** Cron target (daily): ends the employments whose scheduled exit date has come; safe to run twice. */
export const scheduledExits = jobHandler(hrBackground, 'scheduledExits');
