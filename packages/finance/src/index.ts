import type { ServiceModule } from '@konecta/core';
import { installStandardChart } from './accounts/chart';
import { createApp } from './app';
import { seedBank } from './bank/seed';
import { financeContext } from './context';
import { seedLedger } from './seed';

export const financeService: ServiceModule = {
  name: 'finance',
  createApp: (deps) => createApp(deps),
  /** The standard chart of accounts, when the ledger has none (every stage). */
  async bootstrap(deps) {
    await installStandardChart(deps.db);
  },
  async seed(deps) {
    if (!deps.config.local) return;
    const ctx = financeContext(deps);
    await seedLedger(ctx);
    await seedBank(ctx);
  },
};

export { createApp } from './app';
export { financeContext } from './context';
