import { formatAmount, normaliseAmount } from '../../core/money';
import type { Account, FiscalYear, JournalSource, JournalStatus } from './models';

/**
 * The finance screens' logic, kept apart from the components so it is tested in Node. Amounts stay
 * decimal strings: what a person types is read into whole thousandths (BigInt) and summed exactly,
 * never as floating point; every figure of a statement is the API's own string.
 */

/** The finest unit an amount field takes: thousandths (a dinar has three decimals). */
const SCALE = 3;
const UNIT = 10n ** BigInt(SCALE);
const TYPED = /^(\d{1,16})(?:\.(\d{1,3}))?$/;

/** Decimals of a currency's minor unit (ISO 4217): three for the Gulf dinars, none for the yen. */
export function currencyDecimals(currency: string): number {
  if (['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].includes(currency)) return 3;
  if (['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF'].includes(currency)) return 0;
  return 2;
}

/**
 * What a person typed as an amount (`1,250.5`, ` 300 `) in thousandths; '' is zero. Null for text
 * that is not a non-negative amount with at most three decimals.
 */
export function parseAmount(text: string | null | undefined): bigint | null {
  const v = normaliseAmount(text ?? '');
  if (!v) return 0n;
  const m = TYPED.exec(v);
  if (!m) return null;
  return BigInt(m[1] ?? '0') * UNIT + BigInt((m[2] ?? '').padEnd(SCALE, '0'));
}

/** Thousandths as a decimal string with at least `decimals` fraction digits (more only when not zero). */
export function formatThousandths(value: bigint, decimals = 2): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / UNIT;
  let fraction = (abs % UNIT).toString().padStart(SCALE, '0');
  while (fraction.length > decimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** An amount as the API wants it: the typed text without separators, '0' for nothing. */
export function amountForApi(text: string | null | undefined): string {
  const v = normaliseAmount(text ?? '');
  return v === '' ? '0' : v;
}

export interface LineAmounts {
  debit: string;
  credit: string;
}

export interface EntryTotals {
  /** Sum of the debits as a decimal string (the currency's decimals). */
  debit: string;
  credit: string;
  /** Debits minus credits, never negative: how far the entry is from balancing. */
  difference: string;
  /** Which side is larger; null when they are equal. */
  heavier: 'debit' | 'credit' | null;
  balanced: boolean;
  /** Rows whose amounts are not amounts, or that carry both sides. */
  invalidLines: number[];
}

/** The running totals of an entry's lines while they are typed: exact, in thousandths. */
export function entryTotals(lines: readonly LineAmounts[], currency: string): EntryTotals {
  const decimals = currencyDecimals(currency);
  let debit = 0n;
  let credit = 0n;
  const invalidLines: number[] = [];
  lines.forEach((line, i) => {
    const d = parseAmount(line.debit);
    const c = parseAmount(line.credit);
    if (d === null || c === null || (d > 0n && c > 0n)) invalidLines.push(i);
    debit += d ?? 0n;
    credit += c ?? 0n;
  });
  const diff = debit - credit;
  return {
    debit: formatThousandths(debit, decimals),
    credit: formatThousandths(credit, decimals),
    difference: formatThousandths(diff < 0n ? -diff : diff, decimals),
    heavier: diff > 0n ? 'debit' : diff < 0n ? 'credit' : null,
    balanced: diff === 0n && debit > 0n && invalidLines.length === 0,
    invalidLines,
  };
}

export interface DraftLine extends LineAmounts {
  accountId: string;
  description: string;
  costCentre: string;
}

/**
 * Why an entry cannot be posted yet, or null when it can: two lines at least, each on an account
 * with one side only, and debits equal to credits.
 */
export function postBlocker(lines: readonly DraftLine[], currency: string): string | null {
  if (lines.length < 2) return 'An entry needs at least two lines.';
  const totals = entryTotals(lines, currency);
  if (totals.invalidLines.length) {
    const n = (totals.invalidLines[0] ?? 0) + 1;
    return `Line ${n}: give a debit or a credit (an amount like 1250.00), not both.`;
  }
  const empty = lines.findIndex((l) => {
    const d = parseAmount(l.debit) ?? 0n;
    const c = parseAmount(l.credit) ?? 0n;
    return d === 0n && c === 0n;
  });
  if (empty >= 0) return `Line ${empty + 1} has no amount.`;
  const noAccount = lines.findIndex((l) => !l.accountId);
  if (noAccount >= 0) return `Choose the account of line ${noAccount + 1}.`;
  if (!totals.balanced) {
    const code = currency ? ` ${currency}` : '';
    return `Debits and credits differ by ${formatAmount(totals.difference)}${code}: the ${totals.heavier === 'debit' ? 'debits' : 'credits'} are larger.`;
  }
  return null;
}

/** The body of `POST /api/finance/journal-entries` (and of a draft's PATCH) from the form. */
export function entryBody(value: { date: string; memo: string; lines: readonly DraftLine[] }) {
  return {
    date: value.date,
    memo: value.memo.trim(),
    lines: value.lines.map((l) => ({
      accountId: l.accountId,
      debit: amountForApi(l.debit),
      credit: amountForApi(l.credit),
      description: l.description.trim() || null,
      costCentre: l.costCentre.trim() || null,
    })),
  };
}

export interface AccountRow {
  account: Account;
  depth: number;
}

/**
 * The chart as a tree in reading order: each account followed by its children, by code; an
 * account whose parent is not in the list starts at the top.
 */
export function accountTree(accounts: readonly Account[]): AccountRow[] {
  const ids = new Set(accounts.map((a) => a.id));
  const children = new Map<string | null, Account[]>();
  for (const a of accounts) {
    const parent = a.parentId && ids.has(a.parentId) ? a.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(a);
    children.set(parent, list);
  }
  const byCode = (x: Account, y: Account) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0);
  const out: AccountRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const a of [...(children.get(parent) ?? [])].sort(byCode)) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      out.push({ account: a, depth });
      walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** An amount of the API for people to read (`1,250.00`); '' for none (a month without lines). */
export function showAmount(amount: string | null | undefined): string {
  return amount ? formatAmount(amount) : '';
}

/** A balance (debit positive) as an amount and its side: `{ amount: '1,250.00', side: 'Dr' }`. */
export function balanceSide(balance: string | null | undefined): { amount: string; side: 'Dr' | 'Cr' | '' } {
  if (!balance) return { amount: '', side: '' };
  const negative = balance.trim().startsWith('-');
  const abs = negative ? balance.trim().slice(1) : balance.trim();
  const zero = !/[1-9]/.test(abs);
  return { amount: formatAmount(abs), side: zero ? '' : negative ? 'Cr' : 'Dr' };
}

/** Whether two decimal strings are the same amount (`100.00` and `100`), exactly. */
export function sameAmount(a: string, b: string): boolean {
  const x = parseSigned(a);
  const y = parseSigned(b);
  return x !== null && x === y;
}

function parseSigned(text: string): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const fraction = (m[3] ?? '').padEnd(6, '0').slice(0, 6);
  const v = BigInt((m[2] ?? '0') + fraction);
  return m[1] ? -v : v;
}

/** A date range for a statement. */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * The default range of a statement: the fiscal year holding `today`, from its first day to today.
 * Without such a year, the calendar year of `today` to date.
 */
export function fiscalYearToDate(
  years: readonly Pick<FiscalYear, 'startDate' | 'endDate'>[],
  today: string,
): DateRange {
  const year = years.find((y) => y.startDate <= today && today <= y.endDate);
  return { from: year?.startDate ?? `${today.slice(0, 4)}-01-01`, to: today };
}

/** A `YYYY-MM-DD` that is a real day. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] ?? 0);
}

/** Why a range cannot be asked for, or null. */
export function rangeProblem(range: Partial<DateRange>): string | null {
  if (!isIsoDate(range.from) || !isIsoDate(range.to)) return 'Choose both dates.';
  if (range.from > range.to) return 'The start date is after the end date.';
  return null;
}

export const JOURNAL_STATUSES: { value: JournalStatus; label: string }[] = [
  { value: 'draft', label: 'Draft' },
  { value: 'posted', label: 'Posted' },
];

export const JOURNAL_SOURCES: { value: JournalSource; label: string }[] = [
  { value: 'manual', label: 'Manual' },
  { value: 'invoice', label: 'Invoice' },
  { value: 'bill', label: 'Bill' },
  { value: 'payment', label: 'Payment' },
  { value: 'expense', label: 'Expense' },
  { value: 'payroll', label: 'Payroll' },
  { value: 'stock', label: 'Stock' },
  { value: 'closing', label: 'Closing' },
  { value: 'reversal', label: 'Reversal' },
  { value: 'revaluation', label: 'Revaluation' },
];

export const ACCOUNT_TYPES: { value: Account['type']; label: string }[] = [
  { value: 'asset', label: 'Asset' },
  { value: 'liability', label: 'Liability' },
  { value: 'equity', label: 'Equity' },
  { value: 'income', label: 'Income' },
  { value: 'expense', label: 'Expense' },
];

export const sourceLabel = (source: string) => JOURNAL_SOURCES.find((s) => s.value === source)?.label ?? source;
export const typeLabel = (type: string) => ACCOUNT_TYPES.find((t) => t.value === type)?.label ?? type;

/** The query of the journal list from the address (`?from&to&status&source&q&page&size`). */
export interface EntryFilters {
  from: string;
  to: string;
  status: '' | JournalStatus;
  source: '' | JournalSource;
  /** Entries with a line on this account ('' for any). */
  accountId: string;
  q: string;
  pageIndex: number;
  pageSize: number;
}

export function entryFiltersFrom(params: Record<string, string | undefined>): EntryFilters {
  const status = JOURNAL_STATUSES.some((s) => s.value === params.status) ? (params.status as JournalStatus) : '';
  const source = JOURNAL_SOURCES.some((s) => s.value === params.source) ? (params.source as JournalSource) : '';
  const page = Number(params.page);
  const size = Number(params.size);
  return {
    from: isIsoDate(params.from) ? params.from : '',
    to: isIsoDate(params.to) ? params.to : '',
    status,
    source,
    accountId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(params.accountId ?? '')
      ? (params.accountId as string)
      : '',
    q: (params.q ?? '').slice(0, 100),
    pageIndex: Number.isInteger(page) && page > 0 ? page - 1 : 0,
    pageSize: [10, 25, 50, 100].includes(size) ? size : 25,
  };
}

export function entryFiltersToParams(f: EntryFilters): Record<string, string | null> {
  return {
    from: f.from || null,
    to: f.to || null,
    status: f.status || null,
    source: f.source || null,
    accountId: f.accountId || null,
    q: f.q || null,
    page: f.pageIndex ? String(f.pageIndex + 1) : null,
    size: f.pageSize !== 25 ? String(f.pageSize) : null,
  };
}

export function entryListQuery(f: EntryFilters) {
  return {
    from: f.from,
    to: f.to,
    status: f.status,
    source: f.source,
    accountId: f.accountId || undefined,
    q: f.q.trim(),
    limit: f.pageSize,
    offset: f.pageIndex * f.pageSize,
  };
}
