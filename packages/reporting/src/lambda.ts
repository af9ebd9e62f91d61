import { lambdaHandler } from '@konecta/core/lambda';
import { reportingService } from './index';

export const handler = lambdaHandler(reportingService);
