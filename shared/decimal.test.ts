import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absoluteDecimal, Decimal, isCanonicalDecimal, shiftDecimalPoint, toDecimalString, type DecimalString } from './decimal';

/** Decimal text as brokers send it: signs, leading zeros, trailing zeros, whole numbers and fractions. */
const brokerDecimalText = fc
  .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{1,12}$/), fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }))
  .map(([sign, whole, fraction]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}`);

// decimal.js rounds arithmetic to 20 significant digits by default; the oracle must not.
const ExactDecimal = Decimal.clone({ precision: 100 });

const canonical = brokerDecimalText.map((text) => new Decimal(text).toFixed() as DecimalString);

describe('isCanonicalDecimal', () => {
  it('accepts exactly the text decimal.js prints for the same value', () => {
    fc.assert(
      fc.property(brokerDecimalText, (text) => {
        expect(isCanonicalDecimal(text)).toBe(new Decimal(text).toFixed() === text);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['', '-', '-0', '+1', '01', '1.', '.5', '1.50', '1e5', ' 1', '1,5', 'NaN', '0.0', '-0.0'])('refuses %j', (text) => {
    expect(isCanonicalDecimal(text)).toBe(false);
  });

  it.each(['0', '7', '-7', '0.5', '-0.5', '10.25', '123456789.000000001'])('accepts %j', (text) => {
    expect(isCanonicalDecimal(text)).toBe(true);
  });

  it('refuses text longer than any decimal Closeout keeps', () => {
    expect(isCanonicalDecimal(`1${'0'.repeat(40)}`)).toBe(false);
  });
});

describe('toDecimalString', () => {
  it('gives what decimal.js gives for any decimal text a broker sends', () => {
    fc.assert(
      fc.property(brokerDecimalText, (text) => {
        expect(toDecimalString(text)).toBe(new Decimal(text).toFixed());
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses text that is not a decimal, naming the field', () => {
    expect(() => toDecimalString('12,5', 'qty')).toThrow('qty must be a decimal number, got "12,5"');
  });
});

describe('absoluteDecimal', () => {
  it('agrees with decimal.js on the size of any canonical decimal', () => {
    fc.assert(
      fc.property(canonical, (value) => {
        expect(absoluteDecimal(value)).toBe(new Decimal(value).abs().toFixed());
      }),
    );
  });
});

describe('shiftDecimalPoint', () => {
  it('multiplies by a power of ten exactly, however many digits the value has', () => {
    fc.assert(
      fc.property(canonical, fc.integer({ min: 0, max: 12 }), (value, places) => {
        expect(shiftDecimalPoint(value, places)).toBe(new ExactDecimal(value).times(new ExactDecimal(10).pow(places)).toFixed());
      }),
      { numRuns: 2000 },
    );
  });

  it('turns a ratio into percent without binary-float drift', () => {
    expect(shiftDecimalPoint(toDecimalString('0.07'), 2)).toBe('7');
    expect(shiftDecimalPoint(toDecimalString('-0.0189483657034581'), 2)).toBe('-1.89483657034581');
    expect(shiftDecimalPoint(toDecimalString('0.000001'), 2)).toBe('0.0001');
  });

  it('refuses a negative or fractional number of places', () => {
    expect(() => shiftDecimalPoint(toDecimalString('1'), -1)).toThrow('places must be a whole number of at least 0, got -1');
    expect(() => shiftDecimalPoint(toDecimalString('1'), 1.5)).toThrow('places must be a whole number of at least 0, got 1.5');
  });
});
