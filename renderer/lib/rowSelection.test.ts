import { describe, expect, it } from 'vitest';
import { extendTo, keepShown, NO_SELECTION, onlyRow, pickedOf, pickSameKey, pickWhere, selectAll, toggleRow } from './rowSelection';

const ORDER = ['a', 'b', 'c', 'd', 'e'];
const idsOf = (selection: { ids: ReadonlySet<string> }) => [...selection.ids].sort();

describe('row selection', () => {
  it('toggles a row in and out and moves the anchor to it', () => {
    const once = toggleRow(NO_SELECTION, 'b');
    expect(idsOf(once)).toEqual(['b']);
    expect(once.anchor).toBe('b');
    const twice = toggleRow(toggleRow(once, 'd'), 'b');
    expect(idsOf(twice)).toEqual(['d']);
    expect(twice.anchor).toBe('b');
  });

  it('extends from the anchor to the row in either direction, keeping what was picked before', () => {
    const down = extendTo(onlyRow('b'), ORDER, 'b', 'd');
    expect(idsOf(down)).toEqual(['b', 'c', 'd']);
    const up = extendTo(toggleRow(NO_SELECTION, 'e'), ORDER, 'e', 'c');
    expect(idsOf(up)).toEqual(['c', 'd', 'e']);
    const added = extendTo({ ids: new Set(['a']), anchor: 'd' }, ORDER, 'd', 'e');
    expect(idsOf(added)).toEqual(['a', 'd', 'e']);
  });

  it('starts an extension at the focused row when there is no anchor or the anchor is no longer shown', () => {
    expect(idsOf(extendTo(NO_SELECTION, ORDER, 'c', 'a'))).toEqual(['a', 'b', 'c']);
    expect(idsOf(extendTo({ ids: new Set(), anchor: 'gone' }, ORDER, 'd', 'e'))).toEqual(['d', 'e']);
  });

  it('selects every row shown and nothing else', () => {
    expect(idsOf(selectAll(['c', 'a']))).toEqual(['a', 'c']);
    expect(selectAll([]).ids.size).toBe(0);
  });

  it('drops rows no longer shown, and returns the same selection when all are still there', () => {
    const picked = selectAll(ORDER);
    expect(keepShown(picked, new Set(ORDER))).toBe(picked);
    const kept = keepShown(picked, new Set(['a', 'c', 'z']));
    expect(idsOf(kept)).toEqual(['a', 'c']);
    expect(kept.anchor).toBe('a');
    expect(keepShown({ ids: new Set(['c']), anchor: 'b' }, new Set(['c'])).anchor).toBeNull();
  });

  it('lists the picked items in the order they are shown', () => {
    const items = [{ id: 'x' }, { id: 'y' }, { id: 'z' }];
    expect(pickedOf(items, { ids: new Set(['z', 'x']), anchor: null }, (item) => item.id)).toEqual([{ id: 'x' }, { id: 'z' }]);
    expect(pickedOf(items, NO_SELECTION, (item) => item.id)).toEqual([]);
  });

  it('picks the rows that pass a test in place of the earlier picks, as close losers does', () => {
    const rows = [{ id: 'a', pnl: -1 }, { id: 'b', pnl: 2 }, { id: 'c', pnl: -3 }];
    expect(idsOf(pickWhere(rows, (row) => row.id, (row) => row.pnl < 0))).toEqual(['a', 'c']);
  });

  it('widens the picks to every row of the picked symbols', () => {
    const rows = [
      { id: '1', symbol: 'EURUSD' },
      { id: '2', symbol: 'GBPUSD' },
      { id: '3', symbol: 'EURUSD' },
      { id: '4', symbol: 'XAUUSD' },
    ];
    const widened = pickSameKey(rows, onlyRow('1'), (row) => row.id, (row) => row.symbol);
    expect(idsOf(widened)).toEqual(['1', '3']);
    expect(widened.anchor).toBe('1');
  });
});
