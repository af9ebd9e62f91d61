import { runServiceServer } from '@konecta/core/node';
import { configService } from './index';

await runServiceServer(configService);
