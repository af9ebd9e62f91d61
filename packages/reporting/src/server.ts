import { runServiceServer } from '@konecta/core/node';
import { reportingService } from './index';

await runServiceServer(reportingService);
