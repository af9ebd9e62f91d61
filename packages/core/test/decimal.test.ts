import { describe, expect, it } from 'vitest';
import {
  addDecimals,
  compareDecimals,
  DecimalError,
  decimalInput,
  formatDecimal,
  formatUnits,
  multiplyDecimals,
  parseDecimal,
  roundDecimal,
  subtractDecimals,
} from '../src/index';
import * as z from '../src/z';

describe('decimals', () => {
  it('parses and prints without losing a digit, as numeric columns give them', () => {
    expect(parseDecimal('12.500')).toEqual({ units: 12500n, scale: 3 });
    expect(parseDecimal('-0.000001')).toEqual({ units: -1n, scale: 6 });
    expect(formatDecimal(parseDecimal('12.500'))).toBe('12.500');
    expect(formatDecimal(parseDecimal('-0.000001'))).toBe('-0.000001');
    expect(formatDecimal(parseDecimal('123456789012345678.123456'))).toBe('123456789012345678.123456');
    expect(formatDecimal({ units: 5n, scale: 0 })).toBe('5');
  });

  it('prints whole units given as a bigint or as the integer text a driver gives, alike', () => {
    const cases: [bigint, number, string][] = [
      [0n, 2, '0.00'],
      [5n, 2, '0.05'],
      [-5n, 2, '-0.05'],
      [100n, 2, '1.00'],
      [-123456n, 3, '-123.456'],
      [7n, 0, '7'],
      [-7n, 0, '-7'],
      [0n, 0, '0'],
      [9007199254740993n, 2, '90071992547409.93'],
      [-1n, 6, '-0.000001'],
    ];
    for (const [units, scale, text] of cases) {
      expect(formatUnits(units, scale), `${units}`).toBe(text);
      expect(formatUnits(units.toString(), scale), `'${units}'`).toBe(text);
    }
    // Leading zeros and a negative zero as text print as the number they are.
    expect(formatUnits('-000', 2)).toBe('0.00');
    expect(formatUnits('0042', 1)).toBe('4.2');
    for (const bad of ['', '1.5', '1e3', ' 1', '--1', 'abc']) expect(() => formatUnits(bad, 2), bad).toThrow(TypeError);
  });

  it('refuses more decimals than allowed, and non-decimals', () => {
    expect(() => parseDecimal('1.2345', 3)).toThrow('Use at most 3 decimal places.');
    expect(parseDecimal('1.234', 3).units).toBe(1234n);
    for (const text of ['1e3', '', '1,5', '.5', 'abc']) expect(() => parseDecimal(text), text).toThrow(DecimalError);
  });

  it('adds, subtracts and compares across scales', () => {
    expect(formatDecimal(addDecimals('0.1', '0.2'))).toBe('0.3');
    expect(formatDecimal(subtractDecimals('1.000', '0.0005'))).toBe('0.9995');
    expect(compareDecimals('1.50', '1.5')).toBe(0);
    expect(compareDecimals('-2', '1.999')).toBe(-1);
    expect(compareDecimals(3n, '2.999999')).toBe(1);
  });

  it('multiplies exactly: the scale is the sum of the scales', () => {
    const product = multiplyDecimals('1.125', '0.333333', 4);
    expect(formatDecimal(product)).toBe('1.499998500');
  });

  it('rounds to a scale with each mode, including negative halves', () => {
    expect(formatDecimal(roundDecimal('2.5', 0))).toBe('3');
    expect(formatDecimal(roundDecimal('-2.5', 0))).toBe('-3');
    expect(formatDecimal(roundDecimal('2.5', 0, 'half-even'))).toBe('2');
    expect(formatDecimal(roundDecimal('3.5', 0, 'half-even'))).toBe('4');
    expect(formatDecimal(roundDecimal('-3.5', 0, 'half-even'))).toBe('-4');
    expect(formatDecimal(roundDecimal('-2.1', 0, 'floor'))).toBe('-3');
    expect(formatDecimal(roundDecimal('-2.9', 0, 'ceil'))).toBe('-2');
    expect(formatDecimal(roundDecimal('-2.1', 0, 'away-from-zero'))).toBe('-3');
    expect(formatDecimal(roundDecimal('-2.9', 0, 'toward-zero'))).toBe('-2');
    expect(formatDecimal(roundDecimal('1.5', 3))).toBe('1.500');
  });
});

describe('decimal request fields', () => {
  const line = z.object({
    quantity: decimalInput({ scale: 3, precision: 12, sign: 'positive' }),
    rate: decimalInput({ scale: 6 }),
  });
  const problems = (input: unknown) => {
    const result = line.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('parses valid strings to decimals', () => {
    expect(line.parse({ quantity: '2.500', rate: '-0.140000' })).toEqual({
      quantity: { units: 2500n, scale: 3 },
      rate: { units: -140000n, scale: 6 },
    });
  });

  it('refuses, naming the field, too many decimals, too many digits, a wrong sign or a number', () => {
    expect(problems({ quantity: '1.2345', rate: '0.1234567' })).toEqual([
      'quantity: Use at most 3 decimal places.',
      'rate: Use at most 6 decimal places.',
    ]);
    expect(problems({ quantity: '1234567890.5', rate: '1' })).toEqual([
      'quantity: Use at most 9 digits before the decimal point.',
    ]);
    expect(problems({ quantity: '0', rate: '1' })).toEqual(['quantity: Must be greater than zero.']);
    expect(problems({ quantity: 2, rate: '1' })).toEqual([expect.stringMatching(/^quantity: /)]);
    expect(problems({ quantity: '1', rate: '1e-3' })).toEqual([expect.stringMatching(/^rate: .* not a decimal/)]);
  });
});
