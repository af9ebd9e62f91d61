import { runServiceServer } from '@konecta/core/node';
import { hrService } from './index';

await runServiceServer(hrService);
