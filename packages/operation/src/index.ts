import type { ServiceModule } from '@konecta/core';
import { createApp } from './app';

export const operationService: ServiceModule = { name: 'operation', createApp };
