import { lambdaHandler } from '@konecta/core/lambda';
import { discoveryService } from './index';

export const handler = lambdaHandler(discoveryService);
