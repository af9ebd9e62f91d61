import { z } from '@hono/zod-openapi';

/** Minor-unit digits per ISO 4217 currency; 2 unless listed. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3 };
export const minorDigits = (currency: string) => MINOR_DIGITS[currency] ?? 2;

/** Money in JSON: a decimal string and a currency code, `{ "amount": "1250.00", "currency": "EGP" }`. */
export const moneySchema = z
  .object({
    amount: z.string().regex(/^-?\d{1,15}(\.\d{1,3})?$/, 'Write the amount as a decimal string, e.g. "1250.00".'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'Use a 3-letter ISO currency code, e.g. EGP.'),
  })
  .openapi('Money');
export type Money = z.infer<typeof moneySchema>;

/** "1250.5" EGP → 125050 (integer minor units, as stored). Rejects more decimals than the currency has. */
export function toMinor(money: Money): number {
  const digits = minorDigits(money.currency);
  const [whole = '0', fraction = ''] = money.amount.replace('-', '').split('.');
  if (fraction.length > digits) throw new RangeError(`${money.currency} has ${digits} decimal places`);
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return money.amount.startsWith('-') ? -minor : minor;
}

/** 125050 EGP → { amount: "1250.50", currency: "EGP" }. */
export function fromMinor(minor: number, currency: string): Money {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** digits);
  const fraction = digits ? `.${String(abs % 10 ** digits).padStart(digits, '0')}` : '';
  return { amount: `${sign}${whole}${fraction}`, currency };
}
