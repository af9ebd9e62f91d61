import type { ServiceDeps } from '@konecta/core';
import { lambdaHandler } from '@konecta/core/lambda';
import { receiptUploadRoutes } from '../expenses/receipt-upload-routes';
import { expenseConstraints, expenseRules } from '../refusals';
import { financeApp } from '../service-app';

/**
 * Deployed on Lambda, the function answering the catalogue's `finance.functions['receipt-uploads']`
 * paths: a receipt's direct upload granted (a presigned S3 POST) and confirmed onto its claim.
 */
export const createApp = (deps: ServiceDeps) =>
  financeApp(deps, [receiptUploadRoutes], { ...expenseConstraints, ...expenseRules });
export const handler = lambdaHandler({ name: 'finance', createApp });
