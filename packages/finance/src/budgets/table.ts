import type { Table } from '../reports/files';
import type { budgetVsActual } from './budgets';

/** Budget against actual as a table for the CSV, XLSX and PDF files: one row per budget and month, then its year to date. */
export function budgetVsActualTable(report: Awaited<ReturnType<typeof budgetVsActual>>): Table {
  const rows: Table['rows'] = [];
  for (const item of report.items) {
    const base = {
      department: item.departmentName,
      account: `${item.accountCode} ${item.accountName}`,
      mode: item.mode,
    };
    for (const m of item.months)
      rows.push({
        ...base,
        month: m.month,
        budget: m.budget.amount,
        actual: m.actual.amount,
        committed: m.committed.amount,
        remaining: m.remaining.amount,
        over: m.over ? 'over' : '',
      });
    const ytd = item.yearToDate;
    rows.push({
      ...base,
      month: `to ${report.asOfMonth}`,
      budget: ytd.budget.amount,
      actual: ytd.actual.amount,
      committed: ytd.committed.amount,
      remaining: ytd.remaining.amount,
      over: ytd.remaining.amount.startsWith('-') ? 'over' : '',
    });
  }
  return {
    title: `Budget against actual ${report.fiscalYear}`,
    subtitle: `${report.currency}; year to date to ${report.asOfMonth}`,
    columns: [
      { key: 'department', header: 'Department', width: 22 },
      { key: 'account', header: 'Account', width: 26 },
      { key: 'mode', header: 'Mode', width: 8 },
      { key: 'month', header: 'Month', width: 12 },
      { key: 'budget', header: 'Budget', amount: true },
      { key: 'actual', header: 'Actual', amount: true },
      { key: 'committed', header: 'Committed', amount: true },
      { key: 'remaining', header: 'Remaining', amount: true },
      { key: 'over', header: 'Over', width: 8 },
    ],
    rows,
  };
}
