import type { ServiceModule } from '@konecta/core';
import { createApp } from './app';

export const reportingService: ServiceModule = { name: 'reporting', createApp };
