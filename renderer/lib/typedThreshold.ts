import type { KeyValueStorage } from './skipConfirm';

/** Above this many items, an action on picked rows asks for their number to be typed. */
export const DEFAULT_TYPED_ABOVE = 5;
const KEY = 'closeout.typedConfirmAbove';

/** The threshold as stored, or the default when it is missing or not a whole number from 0 to 10,000. */
export function readTypedAbove(storage: KeyValueStorage | null): number {
  try {
    const text = storage?.getItem(KEY) ?? null;
    const value = text === null || !/^\d{1,5}$/.test(text) ? NaN : Number(text);
    return Number.isInteger(value) && value <= 10_000 ? value : DEFAULT_TYPED_ABOVE;
  } catch {
    return DEFAULT_TYPED_ABOVE;
  }
}

/** The field's text as a threshold, or the rule it breaks. */
export function parseTypedAbove(text: string): { value: number; error: null } | { value: null; error: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { value: null, error: 'Count must be a whole number such as 5.' };
  const value = Number(trimmed);
  if (value > 10_000) return { value: null, error: 'Count must be at most 10,000.' };
  return { value, error: null };
}

export function writeTypedAbove(storage: KeyValueStorage | null, value: number): void {
  try {
    storage?.setItem(KEY, String(value));
  } catch {
    // Refused storage keeps the choice for this session only.
  }
}

/** Whether acting on `count` items needs their number typed. */
export function needsTypedCount(count: number, typedAbove: number): boolean {
  return count > typedAbove;
}
