import { describe, expect, it } from 'vitest';
import {
  addMoney,
  allocateMoney,
  CurrencyMismatchError,
  compareMoney,
  currencyScale,
  DecimalError,
  diff,
  formatMoney,
  fromMinor,
  type Money,
  moneyInput,
  multiplyDecimals,
  multiplyMoney,
  negateMoney,
  parseMoney,
  percentOf,
  prorateMoney,
  type Rounding,
  SUPPORTED_CURRENCIES,
  subtractMoney,
  sumMoney,
  toMoneyJson,
  toProblemError,
  UnsupportedCurrencyError,
} from '../src/index';
import * as z from '../src/z';

const egp = (amount: string) => parseMoney({ amount, currency: 'EGP' });
const amountOf = (m: Money) => toMoneyJson(m).amount;

describe('currencies', () => {
  it('knows each currency’s ISO 4217 scale', () => {
    expect(['EGP', 'USD', 'EUR', 'JPY', 'KWD', 'BHD', 'OMR', 'JOD', 'TND', 'KRW'].map(currencyScale)).toEqual([
      2, 2, 2, 0, 3, 3, 3, 3, 3, 0,
    ]);
    expect(SUPPORTED_CURRENCIES).toContain('SAR');
    expect(SUPPORTED_CURRENCIES.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
  });

  it('refuses an unknown code instead of assuming two decimals', () => {
    expect(() => currencyScale('XYZ')).toThrow(UnsupportedCurrencyError);
    expect(() => currencyScale('egp')).toThrow(UnsupportedCurrencyError);
    expect(() => parseMoney({ amount: '1.00', currency: 'ABC' })).toThrow(/not a supported ISO 4217/);
    expect(() => fromMinor(100n, 'ABC')).toThrow(UnsupportedCurrencyError);
  });
});

describe('parsing and printing amounts', () => {
  it('parses every scale to exact minor units', () => {
    expect(egp('1250.5').minor).toBe(125050n);
    expect(egp('1250').minor).toBe(125000n);
    expect(egp('-0.01').minor).toBe(-1n);
    expect(parseMoney({ amount: '12.345', currency: 'KWD' }).minor).toBe(12345n);
    expect(parseMoney({ amount: '12.3', currency: 'KWD' }).minor).toBe(12300n);
    expect(parseMoney({ amount: '1500', currency: 'JPY' }).minor).toBe(1500n);
  });

  it('keeps amounts above 2^53 minor units exact (toMinor("90071992547409.93") was off by one)', () => {
    expect(egp('90071992547409.93').minor).toBe(9_007_199_254_740_993n);
    expect(amountOf(egp('999999999999999.99'))).toBe('999999999999999.99');
  });

  it('refuses more decimals than the currency has, saying how many it has', () => {
    expect(() => egp('40000.555')).toThrow('EGP amounts have 2 decimal places.');
    expect(() => parseMoney({ amount: '1.5', currency: 'JPY' })).toThrow('JPY amounts have no decimal places.');
    expect(() => parseMoney({ amount: '1.2345', currency: 'KWD' })).toThrow('KWD amounts have 3 decimal places.');
  });

  it('refuses what is not a plain decimal', () => {
    for (const amount of ['', '1,000', '1e5', '.5', '5.', '+5', ' 5', '0x10', 'NaN', '1.2.3', '--1']) {
      expect(() => egp(amount), amount).toThrow(DecimalError);
    }
  });

  it('refuses amounts outside a PostgreSQL bigint column, and takes its edges', () => {
    expect(egp('92233720368547758.07').minor).toBe(9_223_372_036_854_775_807n);
    expect(egp('-92233720368547758.07').minor).toBe(-9_223_372_036_854_775_807n);
    expect(() => egp('92233720368547758.08')).toThrow(/out of range/);
    expect(() => egp('-92233720368547758.08')).toThrow(/out of range/);
    expect(() => parseMoney({ amount: '9223372036854775808', currency: 'JPY' })).toThrow(/out of range/);
    expect(() => egp('9'.repeat(100))).toThrow(DecimalError);
  });

  it('prints JSON with exactly the currency’s decimals', () => {
    expect(toMoneyJson(fromMinor(125000n, 'EGP'))).toEqual({ amount: '1250.00', currency: 'EGP' });
    expect(toMoneyJson(fromMinor(5n, 'EGP'))).toEqual({ amount: '0.05', currency: 'EGP' });
    expect(toMoneyJson(fromMinor(-5n, 'KWD'))).toEqual({ amount: '-0.005', currency: 'KWD' });
    expect(toMoneyJson(fromMinor(1500n, 'JPY'))).toEqual({ amount: '1500', currency: 'JPY' });
    expect(toMoneyJson(egp('-0'))).toEqual({ amount: '0.00', currency: 'EGP' });
  });

  it('formats for people with thousands separators and the code', () => {
    expect(formatMoney(egp('1234567.5'))).toBe('EGP 1,234,567.50');
    expect(formatMoney(egp('-999.99'))).toBe('-EGP 999.99');
    expect(formatMoney(parseMoney({ amount: '1000000', currency: 'JPY' }))).toBe('JPY 1,000,000');
    expect(formatMoney(parseMoney({ amount: '12.5', currency: 'KWD' }))).toBe('KWD 12.500');
    expect(formatMoney(egp('0.5'))).toBe('EGP 0.50');
  });
});

describe('arithmetic', () => {
  it('adds, subtracts, negates and compares exactly', () => {
    expect(amountOf(addMoney(egp('0.10'), egp('0.20')))).toBe('0.30');
    expect(amountOf(subtractMoney(egp('100'), egp('100.01')))).toBe('-0.01');
    expect(amountOf(negateMoney(egp('5')))).toBe('-5.00');
    expect([egp('2'), egp('-1'), egp('10')].sort(compareMoney).map(amountOf)).toEqual(['-1.00', '2.00', '10.00']);
    expect(compareMoney(egp('1.5'), egp('1.50'))).toBe(0);
  });

  it('refuses to combine two currencies with a typed error', () => {
    const usd = parseMoney({ amount: '1', currency: 'USD' });
    expect(() => addMoney(egp('1'), usd)).toThrow(CurrencyMismatchError);
    expect(() => subtractMoney(egp('1'), usd)).toThrow(CurrencyMismatchError);
    expect(() => compareMoney(egp('1'), usd)).toThrow('Amounts in EGP and USD cannot be combined');
    expect(() => sumMoney([egp('1'), usd], 'EGP')).toThrow(CurrencyMismatchError);
    expect(() => sumMoney([usd], 'EGP')).toThrow(CurrencyMismatchError);
    expect(() => allocateMoney(usd, [1])).not.toThrow();
  });

  it('sums to zero for no amounts and exactly for many', () => {
    expect(sumMoney([], 'KWD')).toEqual(fromMinor(0n, 'KWD'));
    const tenths = Array.from({ length: 1000 }, () => egp('0.10'));
    expect(amountOf(sumMoney(tenths, 'EGP'))).toBe('100.00');
  });

  it('multiplies by a quantity and a rate exactly, rounding once', () => {
    // 3 × 19.99 = 59.97 (59.970000000000006 in floating point).
    expect(amountOf(multiplyMoney(egp('19.99'), 3))).toBe('59.97');
    // 2.5 units at 10.00 with a 0.333333 rate: 8.3333250 → 8.33.
    expect(amountOf(multiplyMoney(egp('10.00'), multiplyDecimals('2.500', '0.333333')))).toBe('8.33');
    // Big amounts stay exact: 90071992547409.93 × 3 = 270215977642229.79.
    expect(amountOf(multiplyMoney(egp('90071992547409.93'), '3'))).toBe('270215977642229.79');
    expect(amountOf(multiplyMoney(parseMoney({ amount: '1000', currency: 'JPY' }), '0.0725'))).toBe('73');
    expect(() => multiplyMoney(egp('1'), 0.1)).toThrow(/not exact/);
  });

  const cases: [string, Rounding, string][] = [
    // 0.005 and -0.005 are exactly half a piastre; 0.015 tells half-even from half-away.
    ['0.005', 'half-away-from-zero', '0.01'],
    ['-0.005', 'half-away-from-zero', '-0.01'],
    ['0.005', 'half-even', '0.00'],
    ['0.015', 'half-even', '0.02'],
    ['-0.015', 'half-even', '-0.02'],
    ['-0.025', 'half-even', '-0.02'],
    ['0.0049', 'half-away-from-zero', '0.00'],
    ['-0.0051', 'half-even', '-0.01'],
    ['0.001', 'away-from-zero', '0.01'],
    ['-0.001', 'away-from-zero', '-0.01'],
    ['0.009', 'toward-zero', '0.00'],
    ['-0.009', 'toward-zero', '0.00'],
    ['-0.001', 'floor', '-0.01'],
    ['0.009', 'floor', '0.00'],
    ['0.001', 'ceil', '0.01'],
    ['-0.009', 'ceil', '0.00'],
  ];
  it.each(cases)('rounds %s EGP %s to %s', (exact, rounding, expected) => {
    // 1.00 EGP times the exact amount as a factor puts the exact value before rounding.
    expect(amountOf(multiplyMoney(egp('1.00'), exact, rounding))).toBe(expected);
  });

  it('rounds half away from zero unless told otherwise', () => {
    expect(amountOf(multiplyMoney(egp('0.05'), '0.5'))).toBe('0.03');
    expect(amountOf(multiplyMoney(egp('-0.05'), '0.5'))).toBe('-0.03');
  });

  it('takes a percentage of an amount', () => {
    expect(amountOf(percentOf(egp('1234.56'), '14'))).toBe('172.84'); // 172.8384
    expect(amountOf(percentOf(egp('100.00'), '2.5'))).toBe('2.50');
    expect(amountOf(percentOf(egp('0.10'), '5'))).toBe('0.01'); // 0.005, half away from zero
    expect(amountOf(percentOf(egp('0.10'), '5', 'half-even'))).toBe('0.00');
  });

  it('prorates by a fraction that no decimal holds exactly, rounding once', () => {
    expect(amountOf(prorateMoney(egp('30000.00'), 17, 30))).toBe('17000.00');
    expect(amountOf(prorateMoney(egp('10000.00'), 1, 3))).toBe('3333.33');
    expect(amountOf(prorateMoney(egp('100.00'), '2.5', '7.5'))).toBe('33.33');
    expect(amountOf(prorateMoney(egp('-0.02'), 1, 4))).toBe('-0.01');
    expect(() => prorateMoney(egp('1'), 1, 0)).toThrow(RangeError);
  });
});

describe('allocation', () => {
  it('splits 100.00 in three as 33.34, 33.33, 33.33', () => {
    expect(allocateMoney(egp('100.00'), [1, 1, 1]).map(amountOf)).toEqual(['33.34', '33.33', '33.33']);
    expect(allocateMoney(egp('-100.00'), [1, 1, 1]).map(amountOf)).toEqual(['-33.34', '-33.33', '-33.33']);
  });

  it('gives leftover units to the largest remainders, the earlier part on a tie', () => {
    // 0.05 by 3:7 is 0.015 and 0.035: both remainders are half, the first wins.
    expect(allocateMoney(egp('0.05'), [3, 7]).map(amountOf)).toEqual(['0.02', '0.03']);
    // 10.00 by 1:1:1:1:2 (1.6666… ×4, 3.3333…): the 0.6666 remainders get the units before the 0.3333 one.
    expect(allocateMoney(egp('10.00'), [1, 1, 1, 1, 2]).map(amountOf)).toEqual([
      '1.67',
      '1.67',
      '1.67',
      '1.66',
      '3.33',
    ]);
    expect(allocateMoney(egp('1.00'), ['0.5', '0.25', '0.25']).map(amountOf)).toEqual(['0.50', '0.25', '0.25']);
    expect(allocateMoney(egp('5.00'), [0, 1, 0]).map(amountOf)).toEqual(['0.00', '5.00', '0.00']);
  });

  it('refuses ratios that split nothing', () => {
    expect(() => allocateMoney(egp('1'), [])).toThrow(RangeError);
    expect(() => allocateMoney(egp('1'), [0, 0])).toThrow(RangeError);
    expect(() => allocateMoney(egp('1'), [1, -1])).toThrow(RangeError);
  });

  it('never loses or invents a minor unit, over many random totals and ratio sets', () => {
    let seed = 20260101;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let run = 0; run < 2000; run++) {
      const total = fromMinor(BigInt(random(2_000_000_000)) * BigInt(random(3) - 1 || 1), 'EGP');
      const ratios = Array.from({ length: 1 + random(12) }, () =>
        random(4) === 0 ? '0' : `${random(1000)}.${String(random(1000)).padStart(3, '0')}`,
      );
      if (ratios.every((r) => Number(r) === 0)) ratios.push('1');
      const parts = allocateMoney(total, ratios);
      expect(parts).toHaveLength(ratios.length);
      expect(sumMoney(parts, 'EGP').minor).toBe(total.minor);
      const weights = ratios.map((r) => BigInt(r.replace('.', '')));
      const whole = weights.reduce((a, b) => a + b, 0n);
      parts.forEach((part, i) => {
        // Each part is its exact share rounded down or up by at most one minor unit.
        const exactTimesWhole = total.minor * (weights[i] ?? 0n);
        const gap = part.minor * whole - exactTimesWhole;
        expect(gap < whole && gap > -whole).toBe(true);
        if (weights[i] === 0n) expect(part.minor).toBe(0n);
      });
      expect(allocateMoney(total, ratios)).toEqual(parts);
    }
  });
});

describe('the request schema', () => {
  const body = z.object({ salary: moneyInput({ sign: 'positive' }), refund: z.optional(moneyInput()) });
  const paths = (input: unknown) => {
    const result = body.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('parses a valid amount to Money', () => {
    expect(body.parse({ salary: { amount: '40000.50', currency: 'EGP' } }).salary).toEqual(
      fromMinor(4_000_050n, 'EGP'),
    );
    expect(
      body.parse({ salary: { amount: '1', currency: 'EGP' }, refund: { amount: '-5', currency: 'EGP' } }).refund,
    ).toEqual(fromMinor(-500n, 'EGP'));
  });

  it('names the failing field and says why', () => {
    expect(paths({ salary: { amount: '40000.555', currency: 'EGP' } })).toEqual([
      'salary.amount: EGP amounts have 2 decimal places.',
    ]);
    expect(paths({ salary: { amount: '1000', currency: 'XXX' } })).toEqual([
      expect.stringMatching(/^salary\.currency: "XXX" is not a supported ISO 4217 currency code/),
    ]);
    expect(paths({ salary: { amount: '92233720368547758.08', currency: 'EGP' } })).toEqual([
      expect.stringMatching(/^salary\.amount: The amount is out of range/),
    ]);
    expect(paths({ salary: { amount: '1,000', currency: 'EGP' } })).toEqual([
      expect.stringMatching(/^salary\.amount: Write the amount as a decimal string/),
    ]);
    expect(paths({ salary: { amount: 1000, currency: 'EGP' } })).toEqual([expect.stringMatching(/^salary\.amount/)]);
  });

  it('applies the sign constraint', () => {
    expect(paths({ salary: { amount: '0', currency: 'EGP' } })).toEqual(['salary.amount: Must be greater than zero.']);
    expect(paths({ salary: { amount: '-1', currency: 'EGP' } })).toEqual(['salary.amount: Must be greater than zero.']);
    const floor = moneyInput({ sign: 'nonNegative' });
    expect(floor.safeParse({ amount: '0', currency: 'EGP' }).success).toBe(true);
    expect(floor.safeParse({ amount: '-0.01', currency: 'EGP' }).success).toBe(false);
  });
});

describe('money at the edges of a service', () => {
  it('answers 422, not 500, when domain code cannot combine or hold a client’s amounts', () => {
    for (const err of [
      new CurrencyMismatchError('EGP', 'USD'),
      new UnsupportedCurrencyError('XYZ'),
      new DecimalError('scale', 'EGP amounts have 2 decimal places.'),
    ]) {
      expect(toProblemError(err)).toMatchObject({ status: 422 });
    }
    expect(toProblemError(new RangeError('a bug'))).toBeUndefined();
  });

  it('audits amounts in minor units as digit strings (JSON has no bigint)', () => {
    expect(diff({ salaryAmount: 4_000_000n }, { salaryAmount: 99_999_999_999_999_999n })).toEqual({
      salaryAmount: { from: '4000000', to: '99999999999999999' },
    });
    expect(diff({ salaryAmount: 5n }, { salaryAmount: 5n })).toEqual({});
  });
});
