import '../../testing';
import { FormControl } from '@angular/forms';
import { describe, expect, it } from 'vitest';
import { amountField, compareAmounts, formatAmount, formatMoney, moneyRange, normaliseAmount } from './money';

describe('money for people to read', () => {
  it('groups thousands and keeps the fraction exactly as the API sent it', () => {
    expect(formatAmount('1250.00')).toBe('1,250.00');
    expect(formatAmount('1234567.500')).toBe('1,234,567.500');
    expect(formatAmount('100')).toBe('100');
    expect(formatAmount('0.5')).toBe('0.5');
    expect(formatAmount('-1234.5')).toBe('-1,234.5');
  });

  it('keeps every digit past what a float holds', () => {
    // Number('9007199254740993.125') is 9007199254740992.
    expect(formatAmount('9007199254740993.125')).toBe('9,007,199,254,740,993.125');
  });

  it('names the currency, and shows nothing for no money', () => {
    expect(formatMoney({ amount: '1250.000', currency: 'KWD' })).toBe('1,250.000 KWD');
    expect(formatMoney(null)).toBe('');
    expect(formatMoney(undefined)).toBe('');
  });

  it('writes ranges, open at either end', () => {
    const egp = (amount: string) => ({ amount, currency: 'EGP' });
    expect(moneyRange(egp('10000.00'), egp('15000.50'))).toBe('EGP 10,000.00 – 15,000.50');
    expect(moneyRange(egp('10000.00'), null)).toBe('from EGP 10,000.00');
    expect(moneyRange(null, egp('15000.50'))).toBe('up to EGP 15,000.50');
    expect(moneyRange(null, null)).toBe('—');
  });
});

describe('comparing amounts', () => {
  it("counts a dinar's third decimal", () => {
    expect(compareAmounts('1000.125', '1000.12')).toBe(1);
    expect(compareAmounts('1000.12', '1000.125')).toBe(-1);
  });

  it('treats the same value at different scales as equal', () => {
    expect(compareAmounts('1.10', '1.1')).toBe(0);
    expect(compareAmounts('1250', '1250.000')).toBe(0);
  });

  it('tells apart amounts a float cannot', () => {
    expect(Number('9007199254740993')).toBe(Number('9007199254740992'));
    expect(compareAmounts('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareAmounts('999999999999999.998', '999999999999999.999')).toBe(-1);
  });

  it('orders signed amounts', () => {
    expect(compareAmounts('-5', '3')).toBe(-1);
    expect(compareAmounts('-5.5', '-5.25')).toBe(-1);
  });

  it('refuses what is not a decimal rather than guess', () => {
    expect(() => compareAmounts('12,500', '1')).toThrow(RangeError);
    expect(() => compareAmounts('1e3', '1')).toThrow(RangeError);
  });
});

describe('money fields', () => {
  const error = (value: string) => amountField(new FormControl(value));

  it('takes what people type, separators and all', () => {
    expect(normaliseAmount(' 12,500.50 ')).toBe('12500.50');
    expect(error('12,500.50')).toBeNull();
    expect(error('1250.125')).toBeNull();
    expect(error('')).toBeNull();
  });

  it('refuses negatives, a fourth decimal and more than 15 whole digits', () => {
    expect(error('-1')).toEqual({ custom: 'Write an amount like 12500.00.' });
    expect(error('1.2345')).not.toBeNull();
    expect(error('1234567890123456')).not.toBeNull();
    expect(error('12a')).not.toBeNull();
  });
});
