import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSortKeys, toSortKey, type SortKey } from './sortKeys';

function sortAscending(kind: 'decimal' | 'text' | 'time', values: Array<string | null>): Array<string | null> {
  return values
    .map((value) => ({ value, key: toSortKey(kind, value) }))
    .sort((a, b) => compareSortKeys(a.key, b.key))
    .map((entry) => entry.value);
}

describe('decimal sort keys', () => {
  it('order by numeric value, not by text', () => {
    expect(sortAscending('decimal', ['10', '9.5', '-2', '100.001', '0'])).toEqual(['-2', '0', '9.5', '10', '100.001']);
  });

  it('tell apart values a binary float cannot', () => {
    expect(sortAscending('decimal', ['0.30000000000000000001', '0.3'])).toEqual(['0.3', '0.30000000000000000001']);
  });

  it('put missing values first', () => {
    expect(sortAscending('decimal', ['5', null, '-5'])).toEqual([null, '-5', '5']);
  });

  it('agree with the sign of the difference for any pair of decimals', () => {
    const decimalText = fc
      .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 8 }))
      .map(([units, scale]) => {
        const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
        const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        return { text: units < 0n ? `-${text}` : text, units, scale };
      });
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const scale = Math.max(a.scale, b.scale);
        const left = a.units * 10n ** BigInt(scale - a.scale);
        const right = b.units * 10n ** BigInt(scale - b.scale);
        const expected = left === right ? 0 : left < right ? -1 : 1;
        expect(compareSortKeys(toSortKey('decimal', a.text), toSortKey('decimal', b.text))).toBe(expected);
      }),
    );
  });
});

describe('text and time sort keys', () => {
  it('sort text case-insensitively with numbers in natural order', () => {
    expect(sortAscending('text', ['msft', 'AAPL', 'A10', 'A9'])).toEqual(['A9', 'A10', 'AAPL', 'msft']);
  });

  it('sort timestamps by the instant they name', () => {
    expect(sortAscending('time', ['2024-05-01T10:00:00Z', '2024-05-01T09:00:00-02:00', '2024-04-30T23:00:00Z'])).toEqual([
      '2024-04-30T23:00:00Z',
      '2024-05-01T10:00:00Z',
      '2024-05-01T09:00:00-02:00',
    ]);
  });

  it('treat an unreadable value as missing', () => {
    const keys: SortKey[] = [toSortKey('decimal', 'abc'), toSortKey('time', 'soon')];
    expect(keys).toEqual([null, null]);
  });
});
