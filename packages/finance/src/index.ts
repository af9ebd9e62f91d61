import type { ServiceModule } from '@konecta/core';
import { createApp } from './app';

export const financeService: ServiceModule = { name: 'finance', createApp };
