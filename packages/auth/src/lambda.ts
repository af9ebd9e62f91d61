import { lambdaHandler } from '@konecta/core/lambda';
import { authService } from './index';

export const handler = lambdaHandler(authService);
