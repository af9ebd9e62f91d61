import type { ServiceModule } from '@konecta/core';
import { installStandardChart } from './accounts/chart';
import { createApp } from './app';
import { financeBackground } from './background';
import { financeContext } from './context';
import { seedLedger } from './seed';
import { seedDocuments } from './seed/documents';

export const financeService: ServiceModule = {
  ...financeBackground,
  name: 'finance',
  createApp: (deps) => createApp(deps),
  /** The standard chart of accounts, when the ledger has none (every stage). */
  async bootstrap(deps) {
    await installStandardChart(deps.db);
  },
  async seed(deps) {
    if (!deps.config.local) return;
    await seedLedger(financeContext(deps));
    await seedDocuments(financeContext(deps));
  },
};

export { createApp } from './app';
export { financeContext } from './context';
