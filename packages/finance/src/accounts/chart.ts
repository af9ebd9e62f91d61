import { accounts, type Executor } from '@konecta/db';
import { and, count, eq, isNull } from 'drizzle-orm';

type AccountType = (typeof accounts.$inferInsert)['type'];

interface ChartAccount {
  code: string;
  name: string;
  type: AccountType;
  parent?: string;
  group?: boolean;
  cash?: boolean;
  currency?: string;
  /** What the system posts to by itself (see `accountByRole`). */
  role?: string;
}

/**
 * The standard small-company chart every stage starts with: what invoicing, purchasing, payroll,
 * stock and the ledger itself post to is already here, each under a role.
 */
export const standardChart: readonly ChartAccount[] = [
  { code: '1000', name: 'Assets', type: 'asset', group: true },
  { code: '1100', name: 'Current assets', type: 'asset', parent: '1000', group: true },
  { code: '1110', name: 'Cash on hand', type: 'asset', parent: '1100', cash: true, role: 'cash' },
  { code: '1120', name: 'Bank – operating account', type: 'asset', parent: '1100', cash: true, role: 'bank' },
  { code: '1125', name: 'Bank – USD account', type: 'asset', parent: '1100', cash: true, currency: 'USD' },
  { code: '1130', name: 'Accounts receivable', type: 'asset', parent: '1100', role: 'receivables' },
  { code: '1140', name: 'Inventory', type: 'asset', parent: '1100', role: 'inventory' },
  { code: '1150', name: 'VAT receivable (input tax)', type: 'asset', parent: '1100', role: 'tax_receivable' },
  { code: '1160', name: 'Prepaid expenses', type: 'asset', parent: '1100' },
  {
    code: '1170',
    name: 'Withholding tax receivable',
    type: 'asset',
    parent: '1100',
    role: 'withholding_receivable',
  },
  { code: '1200', name: 'Non-current assets', type: 'asset', parent: '1000', group: true },
  { code: '1210', name: 'Furniture and equipment', type: 'asset', parent: '1200' },
  { code: '1220', name: 'Computers', type: 'asset', parent: '1200' },
  { code: '1290', name: 'Accumulated depreciation', type: 'asset', parent: '1200', role: 'accumulated_depreciation' },
  { code: '2000', name: 'Liabilities', type: 'liability', group: true },
  { code: '2100', name: 'Current liabilities', type: 'liability', parent: '2000', group: true },
  { code: '2110', name: 'Accounts payable', type: 'liability', parent: '2100', role: 'payables' },
  { code: '2120', name: 'Goods received not invoiced', type: 'liability', parent: '2100', role: 'grni' },
  { code: '2130', name: 'VAT payable (output tax)', type: 'liability', parent: '2100', role: 'tax_payable' },
  { code: '2140', name: 'Withholding tax payable', type: 'liability', parent: '2100', role: 'withholding' },
  { code: '2150', name: 'Payroll payable', type: 'liability', parent: '2100', role: 'payroll_payable' },
  {
    code: '2160',
    name: 'Social insurance payable',
    type: 'liability',
    parent: '2100',
    role: 'social_insurance_payable',
  },
  { code: '2170', name: 'Accrued expenses', type: 'liability', parent: '2100', role: 'accrued_expenses' },
  {
    code: '2175',
    name: 'Employee expenses payable',
    type: 'liability',
    parent: '2100',
    role: 'employee_payables',
  },
  { code: '2200', name: 'Long-term liabilities', type: 'liability', parent: '2000', group: true },
  { code: '2210', name: 'Bank loan – USD', type: 'liability', parent: '2200', currency: 'USD' },
  { code: '3000', name: 'Equity', type: 'equity', group: true },
  { code: '3100', name: 'Share capital', type: 'equity', parent: '3000' },
  { code: '3200', name: 'Retained earnings', type: 'equity', parent: '3000', role: 'retained_earnings' },
  { code: '3300', name: 'Current-year earnings', type: 'equity', parent: '3000', role: 'current_year_earnings' },
  { code: '4000', name: 'Income', type: 'income', group: true },
  { code: '4100', name: 'Sales of goods', type: 'income', parent: '4000', role: 'sales' },
  { code: '4200', name: 'Services revenue', type: 'income', parent: '4000', role: 'services' },
  { code: '4300', name: 'Other income', type: 'income', parent: '4000' },
  { code: '5000', name: 'Expenses', type: 'expense', group: true },
  { code: '5100', name: 'Cost of goods sold', type: 'expense', parent: '5000', role: 'cogs' },
  { code: '5200', name: 'Salaries and wages', type: 'expense', parent: '5000', role: 'salaries' },
  {
    code: '5210',
    name: 'Social insurance – employer share',
    type: 'expense',
    parent: '5000',
    role: 'social_insurance_expense',
  },
  { code: '5300', name: 'Rent', type: 'expense', parent: '5000', role: 'rent' },
  { code: '5400', name: 'Utilities', type: 'expense', parent: '5000' },
  { code: '5500', name: 'Office supplies', type: 'expense', parent: '5000' },
  { code: '5600', name: 'Marketing', type: 'expense', parent: '5000' },
  { code: '5700', name: 'Travel', type: 'expense', parent: '5000' },
  { code: '5750', name: 'Meals and entertainment', type: 'expense', parent: '5000' },
  { code: '5800', name: 'Depreciation', type: 'expense', parent: '5000', role: 'depreciation' },
  { code: '5850', name: 'Bank charges and interest', type: 'expense', parent: '5000', role: 'bank_charges' },
  { code: '5900', name: 'Exchange gains and losses', type: 'expense', parent: '5000', role: 'exchange_gain_loss' },
  { code: '5910', name: 'Rounding differences', type: 'expense', parent: '5000', role: 'rounding' },
];

/**
 * Writes the standard chart when the ledger has no accounts yet (idempotent; runs at every start).
 * On a ledger that has accounts, adds the standard accounts with a role that a later version brought
 * (employee payables for expense claims) when neither their code nor their role is taken.
 */
export async function installStandardChart(db: Executor): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(accounts);
  if (existing?.n) return addMissingAccounts(db);
  const ids = new Map<string, string>();
  for (const a of standardChart) {
    const [row] = await db
      .insert(accounts)
      .values({
        code: a.code,
        name: a.name,
        type: a.type,
        parentId: a.parent ? (ids.get(a.parent) ?? null) : null,
        isGroup: a.group ?? false,
        cash: a.cash ?? false,
        currency: a.currency ?? null,
        role: a.role ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: accounts.id });
    if (row) ids.set(a.code, row.id);
  }
  return ids.size;
}

const addedLater = new Set(['2170', '2175', '5750']);

async function addMissingAccounts(db: Executor): Promise<number> {
  const rows = await db.select({ id: accounts.id, code: accounts.code, role: accounts.role }).from(accounts);
  const byCode = new Map(rows.map((r) => [r.code, r.id]));
  const roles = new Set(rows.map((r) => r.role));
  let added = 0;
  for (const a of standardChart) {
    if (!addedLater.has(a.code) || (a.role && roles.has(a.role))) continue;
    if (byCode.has(a.code)) {
      // An account a later version gave a role to (2170 accrued expenses): the role, if still free.
      if (a.role)
        await db
          .update(accounts)
          .set({ role: a.role })
          .where(and(eq(accounts.code, a.code), isNull(accounts.role)));
      continue;
    }
    const parentId = a.parent ? byCode.get(a.parent) : undefined;
    if (a.parent && !parentId) continue;
    const [row] = await db
      .insert(accounts)
      .values({ code: a.code, name: a.name, type: a.type, parentId: parentId ?? null, role: a.role ?? null })
      .onConflictDoNothing()
      .returning({ id: accounts.id });
    if (row) added += 1;
  }
  return added;
}
