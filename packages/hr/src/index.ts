import type { ServiceModule } from '@konecta/core';
import { createApp } from './app';

export const hrService: ServiceModule = { name: 'hr', createApp };
