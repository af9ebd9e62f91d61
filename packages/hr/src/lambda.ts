import { lambdaHandler } from '@konecta/core/lambda';
import { hrService } from './index';

export const handler = lambdaHandler(hrService);
