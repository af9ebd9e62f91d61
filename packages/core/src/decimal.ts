import * as z from './z';

/**
 * An exact decimal for quantities, rates and unit costs: `units × 10^-scale` on a bigint, so
 * `1.125` is `{ units: 1125n, scale: 3 }`. Stored in `numeric(p, s)` columns, which Drizzle reads
 * as strings: `parseDecimal(row.quantity)`; written back with `formatDecimal`.
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** What arithmetic accepts as a factor: a Decimal, a decimal string, a bigint or a safe integer. */
export type DecimalLike = Decimal | string | bigint | number;

/**
 * How a result that falls between two representable values is settled. `half-away-from-zero` is
 * the house default (2.5 → 3, -2.5 → -3); `half-even` is banker's rounding (2.5 → 2, 3.5 → 4).
 */
export type Rounding = 'half-away-from-zero' | 'half-even' | 'away-from-zero' | 'toward-zero' | 'floor' | 'ceil';

export const DEFAULT_ROUNDING: Rounding = 'half-away-from-zero';

/** Why a decimal was refused: not a decimal, too many decimals, or too large for where it goes. */
export class DecimalError extends Error {
  constructor(
    readonly reason: 'format' | 'scale' | 'range',
    message: string,
  ) {
    super(message);
    this.name = 'DecimalError';
  }
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
/** Longer strings are refused before BigInt sees them: no column holds 60 digits. */
const MAX_LENGTH = 60;

export const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** `numerator / denominator` rounded to an integer by `rounding`; the denominator is positive. */
export function divideRounded(numerator: bigint, denominator: bigint, rounding: Rounding = DEFAULT_ROUNDING): bigint {
  if (denominator <= 0n) throw new RangeError('The denominator must be positive.');
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const sign = numerator < 0n ? -1n : 1n;
  const away = quotient + sign;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  switch (rounding) {
    case 'toward-zero':
      return quotient;
    case 'away-from-zero':
      return away;
    case 'floor':
      return sign < 0n ? away : quotient;
    case 'ceil':
      return sign > 0n ? away : quotient;
    case 'half-away-from-zero':
      return twice >= denominator ? away : quotient;
    case 'half-even':
      if (twice !== denominator) return twice > denominator ? away : quotient;
      return quotient % 2n === 0n ? quotient : away;
  }
}

/** `"-12.500"` → `{ units: -12500n, scale: 3 }`; refuses anything but a plain decimal string. */
export function parseDecimal(text: string, maxScale?: number): Decimal {
  const match = text.length <= MAX_LENGTH ? DECIMAL.exec(text) : null;
  if (!match) throw new DecimalError('format', `"${text.slice(0, 40)}" is not a decimal number like 1250.50.`);
  const [, sign, whole = '0', fraction = ''] = match;
  if (maxScale !== undefined && fraction.length > maxScale)
    throw new DecimalError('scale', `Use at most ${maxScale} decimal place${maxScale === 1 ? '' : 's'}.`);
  const units = BigInt(whole + fraction);
  return { units: sign ? -units : units, scale: fraction.length };
}

/** Any DecimalLike as a Decimal; a number must be a safe integer (floats are never exact). */
export function toDecimal(value: DecimalLike): Decimal {
  if (typeof value === 'string') return parseDecimal(value);
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`${value} is not exact; pass a decimal string.`);
    return { units: BigInt(value), scale: 0 };
  }
  return value;
}

/** `{ units: -12500n, scale: 3 }` → `"-12.500"`: every digit of its scale, no exponent. */
export function formatDecimal(value: Decimal): string {
  return formatUnits(value.units, value.scale);
}

const INTEGER_TEXT = /^-?\d+$/;

/**
 * `formatDecimal` of a whole number of units given as a bigint or as the integer text a database
 * driver gives for a `bigint` column (`"-12500"`, 3 → `"-12.500"`), without making a bigint of it.
 */
export function formatUnits(units: bigint | string, scale: number): string {
  let digits: string;
  if (typeof units === 'string') {
    if (!INTEGER_TEXT.test(units)) throw new TypeError(`${units} is not a whole number of units.`);
    digits = units;
  } else digits = units.toString();
  const negative = digits.charCodeAt(0) === 45; // '-'
  if (negative) digits = digits.slice(1);
  if (digits.length > 1 && digits.charCodeAt(0) === 48) digits = digits.replace(/^0+(?=\d)/, '');
  if (scale === 0) return negative && digits !== '0' ? `-${digits}` : digits;
  if (digits.length <= scale) digits = digits.padStart(scale + 1, '0');
  const cut = digits.length - scale;
  const sign = negative && /[1-9]/.test(digits) ? '-' : '';
  return `${sign}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** The same value at `scale` decimals, rounded when it had more. */
export function roundDecimal(value: DecimalLike, scale: number, rounding: Rounding = DEFAULT_ROUNDING): Decimal {
  const d = toDecimal(value);
  if (d.scale <= scale) return { units: d.units * pow10(scale - d.scale), scale };
  return { units: divideRounded(d.units, pow10(d.scale - scale), rounding), scale };
}

/** Both values at their common (larger) scale. */
function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * pow10(scale - a.scale), b.units * pow10(scale - b.scale), scale];
}

export function addDecimals(a: DecimalLike, b: DecimalLike): Decimal {
  const [x, y, scale] = aligned(toDecimal(a), toDecimal(b));
  return { units: x + y, scale };
}

export function subtractDecimals(a: DecimalLike, b: DecimalLike): Decimal {
  const [x, y, scale] = aligned(toDecimal(a), toDecimal(b));
  return { units: x - y, scale };
}

/** The exact product (its scale is the sum of the factors' scales): quantity × rate, no rounding. */
export function multiplyDecimals(...factors: DecimalLike[]): Decimal {
  return factors.map(toDecimal).reduce((p, f) => ({ units: p.units * f.units, scale: p.scale + f.scale }), {
    units: 1n,
    scale: 0,
  });
}

/** -1, 0 or 1 as `a` is below, equal to or above `b` (`1.50` equals `1.5`). */
export function compareDecimals(a: DecimalLike, b: DecimalLike): -1 | 0 | 1 {
  const [x, y] = aligned(toDecimal(a), toDecimal(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

export type SignConstraint = 'any' | 'positive' | 'nonNegative';

/** The sentence for a value of the wrong sign, or undefined when the sign is allowed. */
export function signProblem(units: bigint, sign: SignConstraint = 'any'): string | undefined {
  if (sign === 'positive' && units <= 0n) return 'Must be greater than zero.';
  if (sign === 'nonNegative' && units < 0n) return 'Must not be negative.';
  return undefined;
}

export interface DecimalInputOptions {
  /** Most decimals allowed: the column's scale (3 for quantities, 6 for rates). */
  scale: number;
  /** The column's precision, numeric(p, s): at most p − s digits before the point. */
  precision?: number;
  sign?: SignConstraint;
}

/**
 * A request field holding a decimal string, e.g. a quantity `"2.500"` or a rate `"0.140000"`:
 * refused (naming the field) when it is not a decimal, has more decimals than `scale`, does not
 * fit numeric(precision, scale) or has the wrong sign; parsed to a Decimal otherwise. The OpenAPI
 * document shows a string.
 */
export function decimalInput(options: DecimalInputOptions) {
  const { scale, precision, sign } = options;
  return z.pipe(
    z.openapi(z.string(), {
      example: scale ? `1.${'5'.padEnd(scale, '0')}` : '1',
      description: `A decimal string with at most ${scale} decimal places.`,
    }),
    z.transform((text, ctx) => {
      try {
        const value = parseDecimal(text, scale);
        const wholeDigits = (value.units < 0n ? -value.units : value.units).toString().length - value.scale;
        if (precision !== undefined && wholeDigits > precision - scale)
          throw new DecimalError('range', `Use at most ${precision - scale} digits before the decimal point.`);
        const wrongSign = signProblem(value.units, sign);
        if (wrongSign) throw new DecimalError('range', wrongSign);
        return value;
      } catch (err) {
        if (!(err instanceof DecimalError)) throw err;
        ctx.issues.push({ code: 'custom', message: err.message, input: text });
        return z.NEVER;
      }
    }),
  );
}
