import { runServiceServer } from '@konecta/core/node';
import { financeService } from './index';

await runServiceServer(financeService);
