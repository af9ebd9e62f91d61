import type { ServiceModule } from '@konecta/core';
import { createApp } from './app';

export const configService: ServiceModule = { name: 'config', createApp };
