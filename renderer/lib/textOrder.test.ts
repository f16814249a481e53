import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textOrderKeys } from './textOrder';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const keyOf = textOrderKeys(collator);
const sign = (value: number) => (value < 0 ? -1 : value > 0 ? 1 : 0);
const compareKeys = (a: string, b: string) => {
  const left = keyOf(a);
  const right = keyOf(b);
  if (left === null || right === null) throw new Error(`no key for ${a} or ${b}`);
  return left < right ? -1 : left > right ? 1 : 0;
};

/** Symbols as brokers write them: letters, digits (leading zeros too), dots, slashes, dashes, spaces, any case. */
const symbolText = fc.string({ unit: fc.constantFrom(...'aAbBzZ0019.-_/ !$~#'.split('')), maxLength: 8 });
const printableText = fc.string({ unit: fc.integer({ min: 32, max: 126 }).map((code) => String.fromCharCode(code)), maxLength: 8 });

describe('textOrderKeys', () => {
  it('orders symbol-like text exactly as the collator does, equal where it calls them equal', () => {
    fc.assert(fc.property(symbolText, symbolText, (a, b) => {
      expect(compareKeys(a, b)).toBe(sign(collator.compare(a, b)));
    }), { numRuns: 20_000 });
  });

  it('orders any printable ASCII text exactly as the collator does', () => {
    fc.assert(fc.property(printableText, printableText, (a, b) => {
      expect(compareKeys(a, b)).toBe(sign(collator.compare(a, b)));
    }), { numRuns: 20_000 });
  });

  it('compares digit runs by value, however long, ignoring leading zeros', () => {
    expect(compareKeys('A9', 'A10')).toBe(-1);
    expect(compareKeys('X007', 'X7')).toBe(0);
    expect(compareKeys('N123456789012345678901', 'N123456789012345678900')).toBe(1);
  });

  it('gives no key to text beyond printable ASCII, so the caller falls back to the collator', () => {
    expect(keyOf('Café')).toBeNull();
    expect(keyOf('7203\tT')).toBeNull();
  });

  it('refuses a collator that compares digits as text', () => {
    expect(() => textOrderKeys(new Intl.Collator('en'))).toThrow(/numerically/);
  });
});
