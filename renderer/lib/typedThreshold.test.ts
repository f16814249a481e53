import { describe, expect, it } from 'vitest';
import { DEFAULT_TYPED_ABOVE, needsTypedCount, parseTypedAbove, readTypedAbove, writeTypedAbove } from './typedThreshold';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (index: number) => [...map.keys()][index] ?? null,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

describe('typed confirmation threshold', () => {
  it('is 5 until the person sets another, and keeps what they set', () => {
    const storage = memoryStorage();
    expect(readTypedAbove(storage)).toBe(DEFAULT_TYPED_ABOVE);
    writeTypedAbove(storage, 12);
    expect(readTypedAbove(storage)).toBe(12);
    expect(readTypedAbove(null)).toBe(5);
  });

  it('falls back to the default on a stored value it cannot trust', () => {
    const storage = memoryStorage();
    storage.setItem('closeout.typedConfirmAbove', '-3');
    expect(readTypedAbove(storage)).toBe(5);
  });

  it('names the rule a typed count breaks', () => {
    expect(parseTypedAbove(' 7 ')).toEqual({ value: 7, error: null });
    expect(parseTypedAbove('2.5').error).toBe('Count must be a whole number such as 5.');
    expect(parseTypedAbove('20000').error).toBe('Count must be at most 10,000.');
  });

  it('asks for typing only above the threshold', () => {
    expect(needsTypedCount(5, 5)).toBe(false);
    expect(needsTypedCount(6, 5)).toBe(true);
    expect(needsTypedCount(1, 0)).toBe(true);
  });
});
