import type { ServiceModule } from '@konecta/core';
import { createApp } from './app';
import { hrBackground } from './background';
import { hrContext } from './context';
import { seedOrganisation } from './seed';

export const hrService: ServiceModule = {
  ...hrBackground,
  name: 'hr',
  createApp: (deps) => createApp(deps),
  async seed(deps) {
    if (deps.config.local) await seedOrganisation(hrContext(deps));
  },
};

export { createApp } from './app';
export { hrContext } from './context';
