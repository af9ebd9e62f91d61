import type { FinanceContext } from '../context';

/** Local demo ledger: filled in below. */
export async function seedLedger(_ctx: FinanceContext): Promise<void> {}
