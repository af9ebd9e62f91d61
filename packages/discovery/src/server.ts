import { runServiceServer } from '@konecta/core/node';
import { discoveryService } from './index';

await runServiceServer(discoveryService);
