import { executorFor } from '@konecta/core';
import { accounts, type Executor, expenseCategories } from '@konecta/db';
import { asc, eq, inArray } from 'drizzle-orm';
import type { FinanceContext } from '../context';

/** The categories every stage starts with, each posting to an expense account of the standard chart. */
const defaultCategories = [
  { code: 'travel', name: 'Travel', account: '5700' },
  { code: 'accommodation', name: 'Accommodation', account: '5700' },
  { code: 'transport', name: 'Local transport', account: '5700' },
  { code: 'meals', name: 'Meals', account: '5750' },
  { code: 'office-supplies', name: 'Office supplies', account: '5500' },
] as const;

/** Adds the default categories that are missing (idempotent; runs at every start after the chart). */
export async function installExpenseCategories(db: Executor): Promise<void> {
  const codes = defaultCategories.map((c) => c.account as string);
  const found = await db
    .select({ id: accounts.id, code: accounts.code })
    .from(accounts)
    .where(inArray(accounts.code, codes));
  const byCode = new Map(found.map((a) => [a.code, a.id]));
  const rows = defaultCategories.flatMap((c) => {
    const accountId = byCode.get(c.account);
    return accountId ? [{ code: c.code, name: c.name, accountId }] : [];
  });
  if (rows.length) await db.insert(expenseCategories).values(rows).onConflictDoNothing();
}

export async function listCategories(ctx: FinanceContext) {
  const rows = await executorFor(ctx.db)
    .select({
      id: expenseCategories.id,
      code: expenseCategories.code,
      name: expenseCategories.name,
      accountId: expenseCategories.accountId,
      accountCode: accounts.code,
      accountName: accounts.name,
    })
    .from(expenseCategories)
    .innerJoin(accounts, eq(accounts.id, expenseCategories.accountId))
    .where(eq(expenseCategories.active, true))
    .orderBy(asc(expenseCategories.name));
  return { items: rows };
}
