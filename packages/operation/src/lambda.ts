import { lambdaHandler } from '@konecta/core/lambda';
import { operationService } from './index';

export const handler = lambdaHandler(operationService);
