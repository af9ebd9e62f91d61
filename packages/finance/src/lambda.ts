import { lambdaHandler } from '@konecta/core/lambda';
import { financeService } from './index';

export const handler = lambdaHandler(financeService);
