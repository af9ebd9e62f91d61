import type { ServiceModule } from '@konecta/core';
import { createApp } from './app';

export const discoveryService: ServiceModule = { name: 'discovery', createApp };
