import {
  type Caller,
  DecimalError,
  executorFor,
  inTransaction,
  monthRange,
  parseMoney,
  recordAudit,
  toMoneyJson,
  toProblemError,
  unprocessable,
} from '@konecta/core';
import { readSheet, type SheetFormat } from '@konecta/core/spreadsheets';
import { departmentExpenses, expenseCategories } from '@konecta/db';
import { and, eq } from 'drizzle-orm';
import { accountByRole } from '../accounts/accounts';
import type { FinanceContext } from '../context';
import { postNewEntry, reverseEntry } from '../journals/entries';
import { expenseConstraints, journalConstraints, journalRules } from '../refusals';
import { departments } from './people';

export const MAX_EXPENSE_IMPORT_ROWS = 5000;

type RowStatus = 'inserted' | 'updated' | 'skipped' | 'rejected';

export interface ExpenseImportRow {
  row: number;
  status: RowStatus;
  department?: string;
  category?: string;
  month?: string;
  amount?: string;
  errors?: { path: string; message: string }[];
}

/**
 * Imports a department's monthly expenses: columns Department (name or cost centre), Category
 * (code or name), Month (`YYYY-MM`) and Amount (base currency). Idempotent on department + category
 * + month: a new key is inserted and posted (Dr the category's account with the department's cost
 * centre, Cr accrued expenses, on the month's last day); the same amount again is skipped; another
 * amount reverses the old entry and posts the new one. A row that cannot be taken is rejected and
 * the others go on; `dryRun` reports the same without writing anything.
 */
export async function importDepartmentExpenses(
  ctx: FinanceContext,
  caller: Caller,
  file: { data: Uint8Array; format: SheetFormat },
  options: { dryRun: boolean },
) {
  // Every line of the file is a row of the report, an empty one too (rejected, with its line number).
  const raw = await readSheet(Buffer.from(file.data), file.format, { keepEmptyRows: true });
  if (raw.length > MAX_EXPENSE_IMPORT_ROWS)
    throw unprocessable(`At most ${MAX_EXPENSE_IMPORT_ROWS} rows per file.`, [
      { path: 'file', message: 'Too many rows.' },
    ]);
  const base = ctx.config.baseCurrency;
  const depts = await departments(ctx);
  const categories = await executorFor(ctx.db).select().from(expenseCategories);
  const findDept = (v: string) =>
    depts.find((d) => d.name.toLowerCase() === v.toLowerCase() || d.costCentre?.toLowerCase() === v.toLowerCase());
  const findCategory = (v: string) =>
    categories.find((c) => c.code === v.toLowerCase() || c.name.toLowerCase() === v.toLowerCase());
  const rows: ExpenseImportRow[] = [];
  const seen = new Set<string>();
  const rollback = new Error('dry run');

  try {
    await inTransaction(ctx.db, async (tx) => {
      const accrued = await accountByRole(ctx, 'accrued_expenses');
      for (const [i, r] of raw.entries()) {
        const report: ExpenseImportRow = {
          row: i + 2,
          status: 'rejected',
          department: r.department ?? r.costcentre,
          category: r.category,
          month: r.month,
          amount: r.amount,
        };
        rows.push(report);
        const errors: { path: string; message: string }[] = [];
        const dept = findDept(r.department || r.costcentre || '');
        if (!dept) errors.push({ path: 'department', message: `No department "${report.department ?? ''}".` });
        const category = findCategory(r.category ?? '');
        if (!category) errors.push({ path: 'category', message: `No expense category "${r.category ?? ''}".` });
        // A date cell (or a whole date) in the Month column is its month.
        const month = /^\d{4}-\d{2}-\d{2}$/.test(r.month ?? '') ? (r.month ?? '').slice(0, 7) : (r.month ?? '');
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
          errors.push({ path: 'month', message: 'Use a month like 2026-03.' });
        let minor = 0n;
        try {
          minor = parseMoney({ amount: (r.amount ?? '').replace(/,/g, ''), currency: base }).minor;
          if (minor <= 0n) errors.push({ path: 'amount', message: 'Must be more than zero.' });
        } catch (err) {
          if (!(err instanceof DecimalError) && !(err instanceof Error)) throw err;
          errors.push({ path: 'amount', message: `Write the amount in ${base}, e.g. 1250.00.` });
        }
        const key = `${dept?.id}/${category?.id}/${month}`;
        if (!errors.length && seen.has(key))
          errors.push({ path: 'row', message: 'The same department, category and month is on an earlier row.' });
        if (errors.length || !dept || !category) {
          report.errors = errors;
          continue;
        }
        seen.add(key);
        report.amount = toMoneyJson({ minor, currency: base }).amount;
        try {
          report.status = await inTransaction(ctx.db, async () => {
            const [existing] = await tx
              .select()
              .from(departmentExpenses)
              .where(
                and(
                  eq(departmentExpenses.departmentId, dept.id),
                  eq(departmentExpenses.categoryId, category.id),
                  eq(departmentExpenses.month, month),
                ),
              )
              .for('update');
            if (existing && existing.amount === minor) return 'skipped' as const;
            const date = monthRange(month).to;
            if (existing?.entryId) await reverseEntry(ctx, caller, existing.entryId, { date });
            const entry = await postNewEntry(ctx, caller, {
              date,
              memo: `${dept.name}: ${category.name} ${month} (imported)`,
              source: 'expense',
              sourceRef: `import:${dept.id}:${category.code}:${month}`,
              lines: [
                { accountId: category.accountId, debit: minor, credit: 0n, costCentre: dept.costCentre },
                { accountId: accrued.id, debit: 0n, credit: minor, costCentre: dept.costCentre },
              ],
            });
            if (existing)
              await tx
                .update(departmentExpenses)
                .set({ amount: minor, entryId: entry.id, importedBy: caller.id, updatedAt: ctx.now() })
                .where(eq(departmentExpenses.id, existing.id));
            else
              await tx.insert(departmentExpenses).values({
                departmentId: dept.id,
                departmentName: dept.name,
                costCentre: dept.costCentre,
                categoryId: category.id,
                month,
                amount: minor,
                entryId: entry.id,
                importedBy: caller.id,
              });
            return existing ? ('updated' as const) : ('inserted' as const);
          });
        } catch (err) {
          const problem = toProblemError(err, { ...journalConstraints, ...journalRules, ...expenseConstraints });
          if (!problem || problem.status >= 500) throw err;
          report.status = 'rejected';
          report.errors = [{ path: problem.extra.errors?.[0]?.path ?? 'row', message: problem.detail }];
        }
      }
      const counts = tally(rows);
      if (!options.dryRun)
        await recordAudit(tx, {
          action: 'department-expenses.imported',
          entityType: 'department_expenses',
          after: counts,
          actor: caller,
          service: 'finance',
        });
      if (options.dryRun) throw rollback;
    });
  } catch (err) {
    if (err !== rollback) throw err;
  }
  return { dryRun: options.dryRun, total: rows.length, ...tally(rows), rows };
}

function tally(rows: ExpenseImportRow[]) {
  const n = (s: RowStatus) => rows.filter((r) => r.status === s).length;
  return { inserted: n('inserted'), updated: n('updated'), skipped: n('skipped'), rejected: n('rejected') };
}
