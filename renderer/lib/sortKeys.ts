import { Decimal } from '../../shared/decimal';
import { textOrderKeys } from './textOrder';

/** A value a table column sorts by: decimals stay Decimal (never parseFloat), times are epoch milliseconds. */
export type SortKey = Decimal | string | number | null;

export type SortKind = 'decimal' | 'text' | 'time';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
let textKeyOf: ((text: string) => string | null) | undefined;

/** Parses a cell once into the key its column sorts by; unreadable values sort as missing. */
export function toSortKey(kind: SortKind, value: string | null | undefined): SortKey {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'text') return value;
  if (kind === 'time') {
    const epoch = Date.parse(value);
    return Number.isNaN(epoch) ? null : epoch;
  }
  try {
    return new Decimal(value);
  } catch {
    return null;
  }
}

/** Orders two keys of one column ascending; a missing value sorts before every present one. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (a instanceof Decimal && b instanceof Decimal) return a.comparedTo(b);
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  return collator.compare(String(a), String(b));
}

/**
 * Keys that order a text column by plain comparison (comparePlainKeys) exactly as compareSortKeys orders its texts,
 * missing values as null; null when any text is beyond what the keys cover, for compareSortKeys to sort instead.
 */
export function plainTextKeys(values: readonly (string | null | undefined)[]): (string | null)[] | null {
  textKeyOf ??= textOrderKeys(collator);
  const keys: (string | null)[] = [];
  for (const value of values) {
    if (value === null || value === undefined || value === '') {
      keys.push(null);
      continue;
    }
    const key = textKeyOf(value);
    if (key === null) return null;
    keys.push(key);
  }
  return keys;
}

/** Orders two plainTextKeys ascending; a missing value sorts before every present one. */
export function comparePlainKeys(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
