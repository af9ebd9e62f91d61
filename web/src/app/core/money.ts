import type { ValidatorFn } from '@angular/forms';

/**
 * Money in the browser stays what the API sends: a decimal string plus a currency code
 * (`{ amount: "1250.00", currency: "EGP" }`). Nothing here turns an amount into a float: amounts
 * are formatted by splitting their digits and compared as whole numbers (BigInt) at a common
 * scale, so large salaries keep every digit and a Kuwaiti dinar keeps its third decimal.
 */

export interface Money {
  amount: string;
  currency: string;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** An amount a money field takes: up to 15 whole digits and 3 decimals (a dinar has three), not negative. */
export const AMOUNT = /^\d{1,15}(\.\d{1,3})?$/;

/** Whether `text` is a plain decimal number such as `1250`, `1250.5` or `-3.125`. */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

/** What a person typed as an amount (`12,500.50`, ` 12 500 `) as a plain decimal string: separators and spaces dropped. */
export function normaliseAmount(text: string): string {
  return text.trim().replace(/[,\s]/g, '');
}

/** A money field's check: `12500`, `12,500.50` (separators are dropped before sending); empty passes. */
export const amountField: ValidatorFn = (control) => {
  const v = typeof control.value === 'string' ? normaliseAmount(control.value) : '';
  if (!v) return null;
  return AMOUNT.test(v) ? null : { custom: 'Write an amount like 12500.00.' };
};

/** `1234567.500` → `1,234,567.500`: thousands separators, the fraction exactly as given. */
export function formatAmount(amount: string): string {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return amount;
  const [, sign, whole = '0', fraction] = m;
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** `1,250.00 EGP`, or '' for no money. */
export function formatMoney(money: Money | null | undefined): string {
  return money ? `${formatAmount(money.amount)} ${money.currency}` : '';
}

/** A range for people to read: `EGP 10,000.00 – 15,000.00`, `from EGP 10,000.00`, `up to …`, or `—`. */
export function moneyRange(min: Money | null | undefined, max: Money | null | undefined): string {
  if (min && max) {
    return min.currency === max.currency
      ? `${min.currency} ${formatAmount(min.amount)} – ${formatAmount(max.amount)}`
      : `${min.currency} ${formatAmount(min.amount)} – ${max.currency} ${formatAmount(max.amount)}`;
  }
  if (min) return `from ${min.currency} ${formatAmount(min.amount)}`;
  if (max) return `up to ${max.currency} ${formatAmount(max.amount)}`;
  return '—';
}

/** The digits of a decimal as one whole number at `scale` fraction digits. */
function scaled(amount: string, scale: number): bigint {
  const m = DECIMAL.exec(amount.trim());
  if (!m) throw new RangeError(`Not a decimal amount: ${amount}`);
  const [, sign, whole = '0', fraction = ''] = m;
  const digits = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign ? -digits : digits;
}

const fractionDigits = (amount: string) => DECIMAL.exec(amount.trim())?.[3]?.length ?? 0;

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`, exactly; throws on a non-decimal. */
export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}
