import { describe, expect, it } from 'vitest';
import { nextSort, sortItems } from './tableSort';

interface Row {
  id: string;
  qty: string | null;
}

const rows: Row[] = [
  { id: 'a', qty: '10' },
  { id: 'b', qty: '9.5' },
  { id: 'c', qty: null },
  { id: 'd', qty: '10.0' },
  { id: 'e', qty: '-2' },
];
const qty = (row: Row) => row.qty;

describe('sortItems', () => {
  it('orders decimals by value, not as text, with missing values first ascending', () => {
    expect(sortItems(rows, 'decimal', qty, false).map((row) => row.id)).toEqual(['c', 'e', 'b', 'a', 'd']);
  });

  it('keeps equal keys in the order they came in, in both directions', () => {
    expect(sortItems(rows, 'decimal', qty, true).map((row) => row.id)).toEqual(['a', 'd', 'b', 'e', 'c']);
  });

  it('returns the same items, each exactly once, however many there are', () => {
    const many = Array.from({ length: 10_000 }, (_, index) => ({ id: String(index), qty: String((index * 7919) % 10_007) }));
    const sorted = sortItems(many, 'decimal', qty, false);
    expect(new Set(sorted).size).toBe(many.length);
    expect(sorted.every((row, index) => index === 0 || Number(sorted[index - 1]?.qty) <= Number(row.qty))).toBe(true);
  });

  it('leaves the items it was given untouched', () => {
    const before = rows.map((row) => row.id);
    sortItems(rows, 'decimal', qty, true);
    expect(rows.map((row) => row.id)).toEqual(before);
  });
});

describe('nextSort', () => {
  it('sorts a new column in its first direction', () => {
    expect(nextSort(null, 'qty', true)).toEqual({ columnId: 'qty', desc: true });
    expect(nextSort({ columnId: 'symbol', desc: false }, 'qty', false)).toEqual({ columnId: 'qty', desc: false });
  });

  it('turns the same column the other way on a second click, and unsorted on a third', () => {
    const first = nextSort(null, 'qty', true);
    const second = nextSort(first, 'qty', true);
    expect(second).toEqual({ columnId: 'qty', desc: false });
    expect(nextSort(second, 'qty', true)).toBeNull();
  });
});

describe('sortItems on text', () => {
  const symbols = ['msft', 'BRK.B', 'AAPL', null, 'A10', 'a9', 'Nestlé', 'brk.a', 'AAPL'];
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const byCollator = (values: readonly (string | null)[]) =>
    values
      .map((symbol, index) => ({ symbol, index }))
      .sort((a, b) => (a.symbol === null || b.symbol === null ? Number(b.symbol === null) - Number(a.symbol === null) : collator.compare(a.symbol, b.symbol)) || a.index - b.index)
      .map((entry) => entry.symbol);
  const sortSymbols = (values: readonly (string | null)[], desc = false) => sortItems(values, 'text', (symbol) => symbol, desc);

  it('orders plain ASCII symbols as the collator does: any case, numbers by value, missing first', () => {
    const ascii = symbols.filter((symbol) => symbol !== 'Nestlé');
    expect(sortSymbols(ascii)).toEqual(byCollator(ascii));
    expect(sortSymbols(ascii)).toEqual([null, 'a9', 'A10', 'AAPL', 'AAPL', 'brk.a', 'BRK.B', 'msft']);
  });

  it('orders a column with text beyond ASCII the same way, through the collator', () => {
    expect(sortSymbols(symbols)).toEqual(byCollator(symbols));
  });

  it('reverses the order descending and keeps equal symbols in the order they came in', () => {
    const rowsOf = [
      { id: 'first', symbol: 'AAPL' },
      { id: 'other', symbol: 'MSFT' },
      { id: 'second', symbol: 'aapl' },
    ];
    expect(sortItems(rowsOf, 'text', (row) => row.symbol, true).map((row) => row.id)).toEqual(['other', 'first', 'second']);
  });
});
