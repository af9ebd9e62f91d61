import { runServiceServer } from '@konecta/core/node';
import { operationService } from './index';

await runServiceServer(operationService);
