import { currencyScale, isSupportedCurrency, UnsupportedCurrencyError } from './currencies';
import {
  DEFAULT_ROUNDING,
  type Decimal,
  DecimalError,
  type DecimalLike,
  divideRounded,
  formatUnits,
  multiplyDecimals,
  parseDecimal,
  pow10,
  type Rounding,
  type SignConstraint,
  signProblem,
  toDecimal,
} from './decimal';
import * as z from './z';

/**
 * An amount of money: integer minor units of a currency (piastres of EGP, fils of KWD, yen of
 * JPY), exact at any size. The database holds `minor` in a bigint column beside the currency
 * code; JSON holds `{ amount: "1250.00", currency: "EGP" }` (see toMoneyJson).
 */
export interface Money {
  readonly minor: bigint;
  readonly currency: string;
}

/** PostgreSQL bigint's range, the most minor units a money column can hold. */
const MAX_MINOR = 9_223_372_036_854_775_807n;

/** Adding, comparing or summing amounts in two currencies: there is no implicit conversion. */
export class CurrencyMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Amounts in ${expected} and ${actual} cannot be combined; convert one first.`);
    this.name = 'CurrencyMismatchError';
  }
}

/** Money from stored minor units, e.g. `fromMinor(row.salaryAmount, row.salaryCurrency)`. */
export function fromMinor(minor: bigint, currency: string): Money {
  currencyScale(currency);
  return { minor, currency };
}

/**
 * `{ amount: "1250.5", currency: "EGP" }` → 125050n EGP, exactly. Throws UnsupportedCurrencyError,
 * or DecimalError when the amount is not a decimal, has more decimals than the currency has, or
 * lies outside what a bigint column holds.
 */
export function parseMoney(json: MoneyJson): Money {
  const scale = currencyScale(json.currency);
  let amount: Decimal;
  try {
    amount = parseDecimal(json.amount, scale);
  } catch (err) {
    if (err instanceof DecimalError && err.reason === 'scale') {
      const places = scale === 0 ? 'no decimal places' : `${scale} decimal place${scale === 1 ? '' : 's'}`;
      throw new DecimalError('scale', `${json.currency} amounts have ${places}.`);
    }
    throw err;
  }
  const minor = amount.units * pow10(scale - amount.scale);
  if (minor > MAX_MINOR || minor < -MAX_MINOR)
    throw new DecimalError(
      'range',
      `The amount is out of range: at most ±${toMoneyJson({ minor: MAX_MINOR, currency: json.currency }).amount}.`,
    );
  return { minor, currency: json.currency };
}

/** 125050n EGP → `{ amount: "1250.50", currency: "EGP" }`: exactly the currency's decimals. */
export function toMoneyJson(money: Money): MoneyJson {
  return {
    amount: formatUnits(money.minor, currencyScale(money.currency)),
    currency: money.currency,
  };
}

/** For people: `EGP 1,250.50`, `-KWD 12.345`, `JPY 1,000`. */
export function formatMoney(money: Money): string {
  const { amount } = toMoneyJson(money);
  const [whole = '', fraction] = amount.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${money.minor < 0n ? '-' : ''}${money.currency} ${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { minor: a.minor + b.minor, currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { minor: a.minor - b.minor, currency: a.currency };
}

export function negateMoney(money: Money): Money {
  return { minor: -money.minor, currency: money.currency };
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`; sorts amounts of one currency. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

/** The total of amounts in `currency` (zero for none); any other currency is refused. */
export function sumMoney(amounts: readonly Money[], currency: string): Money {
  const total = fromMinor(0n, currency);
  return amounts.reduce((sum, m) => addMoney(sum, m), total);
}

/**
 * The amount times a quantity, a rate or their product (`multiplyDecimals(quantity, rate)`),
 * computed exactly and rounded once, to the minor unit.
 */
export function multiplyMoney(money: Money, factor: DecimalLike, rounding: Rounding = DEFAULT_ROUNDING): Money {
  const f = toDecimal(factor);
  return { minor: divideRounded(money.minor * f.units, pow10(f.scale), rounding), currency: money.currency };
}

/** `percent` per cent of the amount, e.g. `percentOf(gross, '14')` for a 14 % rate. */
export function percentOf(money: Money, percent: DecimalLike, rounding: Rounding = DEFAULT_ROUNDING): Money {
  return multiplyMoney(money, multiplyDecimals(percent, '0.01'), rounding);
}

/**
 * The part of `money` that `part` of `whole` is, computed exactly and rounded once: a monthly
 * salary for 17 of 30 days is `prorateMoney(salary, 17, 30)`.
 */
export function prorateMoney(
  money: Money,
  part: DecimalLike,
  whole: DecimalLike,
  rounding: Rounding = DEFAULT_ROUNDING,
): Money {
  const p = toDecimal(part);
  const w = toDecimal(whole);
  if (w.units === 0n) throw new RangeError('Prorate over a whole that is not zero.');
  // money × (p.units / 10^p.scale) / (w.units / 10^w.scale), kept in integers.
  let numerator = money.minor * p.units * pow10(w.scale);
  let denominator = w.units * pow10(p.scale);
  if (denominator < 0n) [numerator, denominator] = [-numerator, -denominator];
  return { minor: divideRounded(numerator, denominator, rounding), currency: money.currency };
}

/**
 * Splits `total` in proportion to `ratios` (non-negative, not all zero) so that the parts add up
 * to the total exactly: each part gets its share rounded toward zero, and the minor units left
 * over go one each to the parts with the largest remainders (the earlier part on a tie).
 * `allocateMoney(100.00 EGP, [1, 1, 1])` → 33.34, 33.33, 33.33.
 */
export function allocateMoney(total: Money, ratios: readonly DecimalLike[]): Money[] {
  const decimals = ratios.map(toDecimal);
  if (!decimals.length) throw new RangeError('Allocate over at least one ratio.');
  const scale = Math.max(...decimals.map((d) => d.scale));
  const weights = decimals.map((d) => d.units * pow10(scale - d.scale));
  if (weights.some((w) => w < 0n)) throw new RangeError('Ratios must not be negative.');
  const whole = weights.reduce((a, b) => a + b, 0n);
  if (whole === 0n) throw new RangeError('At least one ratio must be above zero.');
  const sign = total.minor < 0n ? -1n : 1n;
  const magnitude = total.minor * sign;
  const shares = weights.map((w) => (magnitude * w) / whole);
  const remainders = weights.map((w) => (magnitude * w) % whole);
  let left = magnitude - shares.reduce((a, b) => a + b, 0n);
  const order = remainders
    .map((r, i) => ({ r, i }))
    .sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1))
    .map((x) => x.i);
  for (const i of order) {
    if (left === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map((s) => ({ minor: s * sign, currency: total.currency }));
}

/** A currency field of a request: a supported ISO 4217 code in capitals. */
export const currencySchema = z.openapi(
  z.string().check(
    z.superRefine((code, ctx) => {
      if (!isSupportedCurrency(code))
        ctx.addIssue({ code: 'custom', message: new UnsupportedCurrencyError(code).message });
    }),
  ),
  { example: 'EGP', description: 'An ISO 4217 currency code.' },
);

/** Money in JSON: `{ "amount": "1250.00", "currency": "EGP" }`, the amount with the currency's decimals. */
export const moneySchema = z.openapi(
  z.object({
    amount: z.openapi(
      z.string().check(z.regex(/^-?\d+(\.\d+)?$/, 'Write the amount as a decimal string, e.g. "1250.00".')),
      { example: '1250.00' },
    ),
    currency: currencySchema,
  }),
  'Money',
  {
    description:
      'An amount as a decimal string and an ISO 4217 code. Answers give exactly the currency’s decimals ' +
      '(EGP 2, JPY 0, KWD 3); requests may give fewer, never more.',
  },
);
export type MoneyJson = { amount: string; currency: string };

export interface MoneyInputOptions {
  /** `positive` refuses zero and below (a salary), `nonNegative` refuses below zero (a band's floor). */
  sign?: SignConstraint;
}

/**
 * A money field of a request body: refused with the field's path (`salary.amount`) when the
 * amount has more decimals than its currency, does not fit a bigint column or has the wrong sign,
 * and parsed to Money otherwise. Documented as the JSON shape, `Money`.
 */
export function moneyInput(options: MoneyInputOptions = {}) {
  return z.pipe(
    moneySchema,
    z.transform((json, ctx): Money => {
      try {
        const money = parseMoney(json);
        const wrongSign = signProblem(money.minor, options.sign);
        if (wrongSign) throw new DecimalError('range', wrongSign);
        return money;
      } catch (err) {
        if (!(err instanceof DecimalError)) throw err;
        ctx.issues.push({ code: 'custom', path: ['amount'], message: err.message, input: json.amount });
        return z.NEVER;
      }
    }),
  );
}
