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
