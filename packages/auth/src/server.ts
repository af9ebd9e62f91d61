import { runServiceServer } from '@konecta/core/node';
import { authService } from './index';

await runServiceServer(authService);
