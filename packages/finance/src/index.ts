import type { ServiceModule } from '@konecta/core';
import { installStandardChart } from './accounts/chart';
import { createApp } from './app';
import { financeContext } from './context';
import { installExpenseCategories } from './expenses/categories';
import { seedLedger } from './seed';

export const financeService: ServiceModule = {
  name: 'finance',
  createApp: (deps) => createApp(deps),
  /** The standard chart of accounts, when the ledger has none (every stage). */
  async bootstrap(deps) {
    await installStandardChart(deps.db);
    await installExpenseCategories(deps.db);
  },
  async seed(deps) {
    if (deps.config.local) await seedLedger(financeContext(deps));
  },
};

export { createApp } from './app';
export { type Consumption, type ConsumptionResult, consumeBudget } from './budgets/budgets';
export { financeContext } from './context';
