import type { Ageing } from './ageing';
import type { Table } from './files';
import type { generalLedger } from './general-ledger';
import type { balanceSheet, cashFlow, profitAndLoss, trialBalance } from './statements';

/** Each statement's rows as a table for its file; the figures are the statement's own. */

const indent = (depth: number, name: string) => `${'  '.repeat(depth)}${name}`;

export function trialBalanceTable(tb: Awaited<ReturnType<typeof trialBalance>>): Table {
  return {
    title: 'Trial balance',
    subtitle: `${tb.from ? `${tb.from} to ` : 'To '}${tb.to}, ${tb.currency}`,
    columns: [
      { key: 'code', header: 'Code', width: 10 },
      { key: 'name', header: 'Account', width: 34 },
      { key: 'opening', header: 'Opening', amount: true },
      { key: 'periodDebit', header: 'Debits', amount: true },
      { key: 'periodCredit', header: 'Credits', amount: true },
      { key: 'debit', header: 'Closing debit', amount: true },
      { key: 'credit', header: 'Closing credit', amount: true },
    ],
    rows: [
      ...tb.rows.map((r) => ({ ...r, name: indent(r.depth, r.name + (r.active ? '' : ' (inactive)')) })),
      {
        code: '',
        name: 'Total',
        periodDebit: tb.totals.periodDebit,
        periodCredit: tb.totals.periodCredit,
        debit: tb.totals.debit,
        credit: tb.totals.credit,
      },
    ],
  };
}

export function generalLedgerTable(gl: Awaited<ReturnType<typeof generalLedger>>): Table {
  return {
    title: `General ledger: ${gl.account.code} ${gl.account.name}`,
    subtitle: `${gl.from ? `${gl.from} to ` : 'To '}${gl.to}, ${gl.currency}${gl.nextCursor ? ' (one page; more follow)' : ''}`,
    columns: [
      { key: 'date', header: 'Date', width: 10 },
      { key: 'number', header: 'Entry', width: 14 },
      { key: 'memo', header: 'Memo', width: 30 },
      { key: 'debit', header: 'Debit', amount: true },
      { key: 'credit', header: 'Credit', amount: true },
      { key: 'balance', header: 'Balance', amount: true },
    ],
    rows: [
      { date: '', number: '', memo: 'Opening balance', balance: gl.opening },
      ...gl.items.map((i) => ({ ...i, memo: i.description ? `${i.memo} – ${i.description}` : i.memo })),
      { date: '', number: '', memo: 'Closing balance', balance: gl.closing },
    ],
  };
}

export function profitAndLossTable(pl: Awaited<ReturnType<typeof profitAndLoss>>): Table {
  return {
    title: 'Profit and loss',
    subtitle: `${pl.from} to ${pl.to}, ${pl.currency}${pl.comparison ? `, compared with ${pl.comparison.from} to ${pl.comparison.to}` : ''}`,
    columns: [
      { key: 'code', header: 'Code', width: 8 },
      { key: 'name', header: 'Account', width: 28 },
      ...pl.months.map((m) => ({ key: m, header: m, amount: true, width: 12 })),
      { key: 'total', header: 'Total', amount: true },
      ...(pl.comparison ? [{ key: 'comparison', header: 'Comparison', amount: true }] : []),
    ],
    rows: [
      ...pl.rows.map((r) => ({
        code: r.code,
        name: indent(r.depth, r.name),
        ...r.months,
        total: r.total,
        comparison: r.comparison,
      })),
      { code: '', name: 'Income', total: pl.totals.income, comparison: pl.totals.comparison?.income ?? null },
      { code: '', name: 'Expenses', total: pl.totals.expenses, comparison: pl.totals.comparison?.expenses ?? null },
      { code: '', name: 'Net income', total: pl.totals.netIncome, comparison: pl.totals.comparison?.netIncome ?? null },
    ],
  };
}

export function balanceSheetTable(bs: Awaited<ReturnType<typeof balanceSheet>>): Table {
  return {
    title: 'Balance sheet',
    subtitle: `As of ${bs.asOf}, ${bs.currency}`,
    columns: [
      { key: 'code', header: 'Code', width: 10 },
      { key: 'name', header: 'Account', width: 40 },
      { key: 'balance', header: 'Balance', amount: true },
    ],
    rows: [
      ...bs.rows.map((r) => ({ code: r.code, name: indent(r.depth, r.name), balance: r.balance })),
      { code: '', name: 'Total assets', balance: bs.totals.assets },
      { code: '', name: 'Total liabilities', balance: bs.totals.liabilities },
      { code: '', name: 'Total equity', balance: bs.totals.equity },
      { code: '', name: 'Liabilities and equity', balance: bs.totals.liabilitiesAndEquity },
    ],
  };
}

export function cashFlowTable(cf: Awaited<ReturnType<typeof cashFlow>>): Table {
  return {
    title: 'Cash flow',
    subtitle: `${cf.from} to ${cf.to}, ${cf.currency}`,
    columns: [
      { key: 'code', header: 'Code', width: 10 },
      { key: 'name', header: 'Counterpart', width: 40 },
      { key: 'amount', header: 'Amount', amount: true },
    ],
    rows: [
      { code: '', name: 'Opening cash', amount: cf.opening },
      ...cf.sections.flatMap((s) => [
        { code: '', name: `By ${s.type} accounts`, amount: s.total },
        ...s.accounts.map((a) => ({ code: a.code, name: `  ${a.name}`, amount: a.amount })),
      ]),
      { code: '', name: 'Net change', amount: cf.netChange },
      { code: '', name: 'Closing cash', amount: cf.closing },
    ],
  };
}

export function ageingTable(a: Ageing): Table {
  const bucketColumns = a.buckets.flatMap((b, i) => [{ key: `b${i}`, header: b.label, amount: true }]);
  return {
    title: a.kind === 'receivables' ? 'Receivables ageing' : 'Payables ageing',
    subtitle: `As of ${a.asOf}; base currency ${a.currency}`,
    columns: [
      { key: 'party', header: a.kind === 'receivables' ? 'Customer' : 'Vendor', width: 30 },
      { key: 'currency', header: 'Currency', width: 8 },
      ...bucketColumns,
      { key: 'total', header: 'Total', amount: true },
      { key: 'baseTotal', header: `Total ${a.currency}`, amount: true },
    ],
    rows: [
      ...a.rows.map((r) => ({
        party: r.partyName,
        currency: r.currency,
        ...Object.fromEntries(r.amounts.map((m, i) => [`b${i}`, m])),
        total: r.total,
        baseTotal: r.baseTotal,
      })),
      {
        party: `Total (${a.currency})`,
        currency: a.currency,
        ...Object.fromEntries(a.totals.baseAmounts.map((m, i) => [`b${i}`, m])),
        total: a.totals.baseTotal,
        baseTotal: a.totals.baseTotal,
      },
    ],
  };
}
