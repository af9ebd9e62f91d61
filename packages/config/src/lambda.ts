import { lambdaHandler } from '@konecta/core/lambda';
import { configService } from './index';

export const handler = lambdaHandler(configService);
