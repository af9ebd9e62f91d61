import { jobHandler } from '@konecta/core/lambda';
import { financeBackground } from './background';

/** Cron target (hourly): deletes direct uploads never confirmed (expenses/upload-expiry.ts); safe to run twice. */
export const expireUploads = jobHandler(financeBackground, 'expireUploads');
