import type { ServiceModule } from '@konecta/core';
import { createApp } from './app';

export const authService: ServiceModule = { name: 'auth', createApp };
