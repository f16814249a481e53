import { comparePlainKeys, compareSortKeys, plainTextKeys, toSortKey, type SortKind } from './sortKeys';

/** A table sorted by one column. */
export interface TableSort {
  columnId: string;
  desc: boolean;
}

/**
 * The sort after a click on a column's header: its first direction (numbers and times largest first, text A to Z),
 * then the other, then back to the order the broker sent.
 */
export function nextSort(current: TableSort | null, columnId: string, descFirst: boolean): TableSort | null {
  if (current?.columnId !== columnId) return { columnId, desc: descFirst };
  return current.desc === descFirst ? { columnId, desc: !descFirst } : null;
}

/**
 * The items in one column's order, each key parsed once (a Decimal per cell, not per comparison; text as a key that
 * compares with `<`, where it has one); items with equal keys keep the order they came in, so rows do not jump between
 * polls.
 */
export function sortItems<T>(items: readonly T[], kind: SortKind, value: (item: T) => string | null, desc: boolean): readonly T[] {
  const direction = desc ? -1 : 1;
  const order = items.map((_, index) => index);
  const textKeys = kind === 'text' ? plainTextKeys(items.map(value)) : null;
  if (textKeys) {
    order.sort((a, b) => direction * comparePlainKeys(textKeys[a] ?? null, textKeys[b] ?? null) || a - b);
  } else {
    const keys = items.map((item) => toSortKey(kind, value(item)));
    order.sort((a, b) => direction * compareSortKeys(keys[a] ?? null, keys[b] ?? null) || a - b);
  }
  return order.map((index) => items[index] as T);
}
