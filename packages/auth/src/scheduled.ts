import { jobHandler } from '@konecta/core/lambda';
import { authService } from './index';

/** Cron target (weekly): one signing-key rotation step. */
export const rotateSigningKeys = jobHandler(authService, 'rotateSigningKeys');

/** Cron target (every minute): mail whose send failed, retried with back-off. */
export const sendPendingMail = jobHandler(authService, 'sendPendingMail');
