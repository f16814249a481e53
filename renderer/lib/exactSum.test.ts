import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, toDecimalString } from '../../shared/decimal';
import { ExactSum } from './exactSum';

const sumOf = (values: readonly string[]) => {
  const sum = new ExactSum();
  for (const value of values) sum.add(toDecimalString(value));
  return sum.total();
};

const decimalText = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 10 }))
  .map(([units, places]) => toDecimalString(new Decimal(units.toString()).dividedBy(new Decimal(10).pow(places)).toFixed()));

describe('ExactSum', () => {
  it('adds decimals of different places exactly, in canonical form', () => {
    expect(sumOf(['0.1', '0.2'])).toBe('0.3');
    expect(sumOf(['1000.1', '-250.25', '0.15'])).toBe('750');
    expect(sumOf(['-0.5', '0.25'])).toBe('-0.25');
  });

  it('is zero for nothing, and for values that cancel', () => {
    expect(sumOf([])).toBe('0');
    expect(sumOf(['12.5', '-12.50'])).toBe('0');
  });

  it('agrees with decimal.js at full precision for any list of decimals', () => {
    const Exact = Decimal.clone({ precision: 100 });
    fc.assert(
      fc.property(fc.array(decimalText, { maxLength: 30 }), (values) => {
        const expected = values.reduce((sum, value) => sum.plus(value), new Exact(0));
        expect(sumOf(values)).toBe(toDecimalString(expected.toFixed()));
      }),
    );
  });
});
