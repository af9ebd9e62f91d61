import {
  compareDecimals,
  type Decimal,
  DecimalError,
  executorFor,
  type FieldError,
  formatDecimal,
  multiplyMoney,
  parseDecimal,
  parseMoney,
  percentOf,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import { accounts } from '@konecta/db';
import { inArray } from 'drizzle-orm';
import type { FinanceContext } from '../context';

/**
 * The amounts of invoice, bill and credit-note lines, worked out one way for all of them (and for
 * the forms' live totals, through the preview routes): each amount is rounded once to the minor
 * unit, half away from zero, and a document's totals are the sums of its lines' rounded amounts.
 *
 *   gross       = quantity × unit price
 *   discount    = gross × discount %
 *   net         = gross − discount            (income or expense)
 *   tax         = net × tax %
 *   withholding = net × withholding %         (of the net amount, never of the tax)
 *   total       = net + tax − withholding     (what the other party owes)
 */
export interface LineAmounts {
  gross: bigint;
  discount: bigint;
  net: bigint;
  tax: bigint;
  withholding: bigint;
  total: bigint;
}

export interface LineFactors {
  quantity: Decimal;
  /** Minor units of the document's currency per unit. */
  unitPrice: bigint;
  discountPercent: Decimal;
  taxPercent: Decimal;
  withholdingPercent: Decimal;
}

export const ZERO_AMOUNTS: LineAmounts = { gross: 0n, discount: 0n, net: 0n, tax: 0n, withholding: 0n, total: 0n };

export function lineAmounts(currency: string, f: LineFactors): LineAmounts {
  const gross = multiplyMoney({ minor: f.unitPrice, currency }, f.quantity).minor;
  const discount = percentOf({ minor: gross, currency }, f.discountPercent).minor;
  const net = gross - discount;
  const tax = percentOf({ minor: net, currency }, f.taxPercent).minor;
  const withholding = percentOf({ minor: net, currency }, f.withholdingPercent).minor;
  return { gross, discount, net, tax, withholding, total: net + tax - withholding };
}

export function sumAmounts(lines: readonly LineAmounts[]): LineAmounts {
  return lines.reduce(
    (s, l) => ({
      gross: s.gross + l.gross,
      discount: s.discount + l.discount,
      net: s.net + l.net,
      tax: s.tax + l.tax,
      withholding: s.withholding + l.withholding,
      total: s.total + l.total,
    }),
    ZERO_AMOUNTS,
  );
}

export const subtractAmounts = (a: LineAmounts, b: LineAmounts): LineAmounts => ({
  gross: a.gross - b.gross,
  discount: a.discount - b.discount,
  net: a.net - b.net,
  tax: a.tax - b.tax,
  withholding: a.withholding - b.withholding,
  total: a.total - b.total,
});

/** The amounts as decimal strings of the currency, for JSON. */
export function amountsJson(a: LineAmounts, currency: string) {
  const s = (minor: bigint) => toMoneyJson({ minor, currency }).amount;
  return {
    gross: s(a.gross),
    discount: s(a.discount),
    net: s(a.net),
    tax: s(a.tax),
    withholding: s(a.withholding),
    total: s(a.total),
  };
}

/** A line as a request gives it: decimal strings. */
export interface LineBody {
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent?: string | undefined;
  taxPercent?: string | undefined;
  withholdingPercent?: string | undefined;
  accountId: string;
  departmentId?: string | null | undefined;
  projectId?: string | null | undefined;
}

/** A line checked and worked out, ready to store. */
export interface PreparedLine extends LineAmounts {
  lineNo: number;
  description: string;
  quantity: string;
  unitPrice: bigint;
  discountPercent: string;
  taxPercent: string;
  withholdingPercent: string;
  accountId: string;
  departmentId: string | null;
  projectId: string | null;
}

const HUNDRED: Decimal = { units: 100n, scale: 0 };

/**
 * Parses and works out a document's lines in `currency`; every bad field is reported at once
 * (422 naming `lines.<n>.<field>`). With `accountTypes`, each account must be an active posting
 * account of one of those types.
 */
export async function prepareLines(
  ctx: FinanceContext,
  currency: string,
  lines: readonly LineBody[],
  accountTypes?: readonly string[],
): Promise<PreparedLine[]> {
  const errors: FieldError[] = [];
  const decimal = (text: string | undefined, path: string, scale: number, max?: Decimal): Decimal => {
    try {
      const d = parseDecimal(text ?? '0', scale);
      if (d.units < 0n) throw new DecimalError('range', 'Cannot be negative.');
      if (max && compareDecimals(d, max) > 0) throw new DecimalError('range', `At most ${formatDecimal(max)}.`);
      return d;
    } catch (err) {
      if (!(err instanceof DecimalError)) throw err;
      errors.push({ path, message: err.message });
      return { units: 0n, scale: 0 };
    }
  };
  const prepared = lines.map((l, i): PreparedLine => {
    const path = (field: string) => `lines.${i}.${field}`;
    const quantity = decimal(l.quantity, path('quantity'), 3);
    if (quantity.units === 0n && !errors.some((e) => e.path === path('quantity')))
      errors.push({ path: path('quantity'), message: 'The quantity must be greater than zero.' });
    let unitPrice = 0n;
    try {
      unitPrice = parseMoney({ amount: l.unitPrice, currency }).minor;
      if (unitPrice < 0n) errors.push({ path: path('unitPrice'), message: 'The price cannot be negative.' });
    } catch (err) {
      errors.push({ path: path('unitPrice'), message: (err as Error).message });
    }
    const factors: LineFactors = {
      quantity,
      unitPrice,
      discountPercent: decimal(l.discountPercent, path('discountPercent'), 2, HUNDRED),
      taxPercent: decimal(l.taxPercent, path('taxPercent'), 2, HUNDRED),
      withholdingPercent: decimal(l.withholdingPercent, path('withholdingPercent'), 2, HUNDRED),
    };
    return {
      lineNo: i + 1,
      description: l.description,
      quantity: formatDecimal(quantity),
      unitPrice,
      discountPercent: formatDecimal(factors.discountPercent),
      taxPercent: formatDecimal(factors.taxPercent),
      withholdingPercent: formatDecimal(factors.withholdingPercent),
      accountId: l.accountId,
      departmentId: l.departmentId ?? null,
      projectId: l.projectId ?? null,
      ...lineAmounts(currency, factors),
    };
  });
  if (accountTypes) {
    const ids = [...new Set(lines.map((l) => l.accountId))];
    const found = ids.length ? await executorFor(ctx.db).select().from(accounts).where(inArray(accounts.id, ids)) : [];
    const byId = new Map(found.map((a) => [a.id, a]));
    lines.forEach((l, i) => {
      const a = byId.get(l.accountId);
      const path = `lines.${i}.accountId`;
      if (!a) errors.push({ path, message: 'No such account.' });
      else if (a.isGroup || !a.active)
        errors.push({ path, message: `${a.code} ${a.name} is a group or deactivated; choose a posting account.` });
      else if (!accountTypes.includes(a.type))
        errors.push({ path, message: `${a.code} ${a.name} is not an account of type ${accountTypes.join(' or ')}.` });
    });
  }
  if (errors.length) throw unprocessable(errors[0]?.message ?? 'A line is not valid.', errors);
  return prepared;
}

/** A stored line's factors, to work its amounts out again for part of its quantity. */
export function factorsOf(line: {
  quantity: string;
  unitPrice: bigint;
  discountPercent: string;
  taxPercent: string;
  withholdingPercent: string;
}): LineFactors {
  return {
    quantity: parseDecimal(line.quantity),
    unitPrice: line.unitPrice,
    discountPercent: parseDecimal(line.discountPercent),
    taxPercent: parseDecimal(line.taxPercent),
    withholdingPercent: parseDecimal(line.withholdingPercent),
  };
}

/** A stored line's inputs as decimal strings, for JSON. */
export function lineJson(
  l: PreparedLine & { id: string; departmentId: string | null; projectId: string | null },
  currency: string,
) {
  return {
    id: l.id,
    lineNo: l.lineNo,
    description: l.description,
    quantity: l.quantity,
    unitPrice: toMoneyJson({ minor: l.unitPrice, currency }).amount,
    discountPercent: l.discountPercent,
    taxPercent: l.taxPercent,
    withholdingPercent: l.withholdingPercent,
    accountId: l.accountId,
    departmentId: l.departmentId,
    projectId: l.projectId,
    ...amountsJson(l, currency),
  };
}
