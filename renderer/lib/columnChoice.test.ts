import { describe, expect, it } from 'vitest';
import { columnChoiceKey, readShownColumns, shownColumnIds, toggleColumn, writeShownColumns } from './columnChoice';
import type { KeyValueStorage } from './skipConfirm';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const OPTIONS = ['symbol', 'side', 'quantity', 'available', 'pct'].map((id) => ({ id, header: id }));
const DEFAULTS = ['symbol', 'side', 'quantity', 'pct'];

describe('column choice', () => {
  it('shows the defaults until a choice is made, then the choice in the table order', () => {
    expect([...shownColumnIds(OPTIONS, DEFAULTS, null)]).toEqual(DEFAULTS);
    const chosen = toggleColumn(OPTIONS, shownColumnIds(OPTIONS, DEFAULTS, null), 'available', true);
    expect(chosen).toEqual(['symbol', 'side', 'quantity', 'available', 'pct']);
    expect(toggleColumn(OPTIONS, new Set(chosen), 'pct', false)).toEqual(['symbol', 'side', 'quantity', 'available']);
  });

  it('keeps the last shown column, and ignores chosen ids the table no longer has', () => {
    expect(toggleColumn(OPTIONS, new Set(['side']), 'side', false)).toEqual(['side']);
    expect([...shownColumnIds(OPTIONS, DEFAULTS, ['gone', 'side'])]).toEqual(['side']);
    expect([...shownColumnIds(OPTIONS, DEFAULTS, ['gone'])]).toEqual(DEFAULTS);
  });

  it('remembers the choice per table and broker', () => {
    const storage = memoryStorage();
    expect(writeShownColumns(storage, 'positions', 'alpaca', ['symbol', 'pct'])).toBe(true);
    expect(readShownColumns(storage, 'positions', 'alpaca')).toEqual(['symbol', 'pct']);
    expect(readShownColumns(storage, 'positions', 'exness')).toBeNull();
    expect(readShownColumns(storage, 'orders', 'alpaca')).toBeNull();
    expect([...storage.map.keys()]).toEqual([columnChoiceKey('positions', 'alpaca')]);
  });

  it('reads nothing from storage that holds something else or cannot be read', () => {
    const storage = memoryStorage();
    storage.setItem(columnChoiceKey('orders', 'alpaca'), '{"not":"a list"}');
    expect(readShownColumns(storage, 'orders', 'alpaca')).toBeNull();
    storage.setItem(columnChoiceKey('orders', 'alpaca'), 'not json');
    expect(readShownColumns(storage, 'orders', 'alpaca')).toBeNull();
    expect(readShownColumns(null, 'orders', 'alpaca')).toBeNull();
    expect(writeShownColumns(null, 'orders', 'alpaca', ['symbol'])).toBe(false);
  });
});
