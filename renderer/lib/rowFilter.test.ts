import { describe, expect, it } from 'vitest';
import { filterRows } from './rowFilter';

const rows = [{ symbol: 'AAPL' }, { symbol: 'AAL' }, { symbol: 'MSFT' }, { symbol: 'BRK.B' }];
const symbol = (row: { symbol: string }) => row.symbol;

describe('filterRows', () => {
  it('keeps the rows whose text contains the query, ignoring case and surrounding spaces', () => {
    expect(filterRows(rows, '  aa ', symbol).map(symbol)).toEqual(['AAPL', 'AAL']);
    expect(filterRows(rows, 'k.b', symbol).map(symbol)).toEqual(['BRK.B']);
  });

  it('gives back the same array for an empty query, so nothing downstream recomputes', () => {
    expect(filterRows(rows, '', symbol)).toBe(rows);
    expect(filterRows(rows, '   ', symbol)).toBe(rows);
  });

  it('finds one row among ten thousand, and none when nothing matches', () => {
    const many = Array.from({ length: 10_000 }, (_, index) => ({ symbol: `S${index}` }));
    expect(filterRows(many, 's9876', symbol)).toEqual([{ symbol: 'S9876' }]);
    expect(filterRows(many, 'ZZZ', symbol)).toEqual([]);
  });
});
