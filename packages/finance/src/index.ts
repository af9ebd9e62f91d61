import type { ServiceModule } from '@konecta/core';
import { installStandardChart } from './accounts/chart';
import { createApp } from './app';
import { financeBackground } from './background';
import { seedBank } from './bank/seed';
import { financeContext } from './context';
import { installExpenseCategories } from './expenses/categories';
import { seedLedger } from './seed';
import { seedDocuments } from './seed/documents';
import { seedExpenses } from './seed/expenses';

export const financeService: ServiceModule = {
  ...financeBackground,
  name: 'finance',
  createApp: (deps) => createApp(deps),
  /** The standard chart of accounts, when the ledger has none (every stage). */
  async bootstrap(deps) {
    await installStandardChart(deps.db);
    await installExpenseCategories(deps.db);
  },
  async seed(deps) {
    if (!deps.config.local) return;
    const ctx = financeContext(deps);
    await seedLedger(ctx);
    await seedDocuments(ctx);
    await seedExpenses(ctx);
    await seedBank(ctx);
  },
};

export { createApp } from './app';
export { type Consumption, type ConsumptionResult, consumeBudget } from './budgets/consume';
export { financeContext } from './context';
