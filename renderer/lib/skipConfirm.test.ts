import { describe, expect, it } from 'vitest';
import { readSkippedConnections, skipConfirmKey, writeSkipConfirm, type KeyValueStorage } from './skipConfirm';

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get length() {
      return data.size;
    },
    key: (index) => [...data.keys()][index] ?? null,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('skip-confirm storage', () => {
  it('remembers the choice per connection name, and only the flag', () => {
    const storage = memoryStorage();
    expect(writeSkipConfirm(storage, 'Alpaca demo', true)).toBe(true);
    expect([...storage.data.entries()]).toEqual([[skipConfirmKey('Alpaca demo'), '1']]);
    expect(readSkippedConnections(storage)).toEqual(['Alpaca demo']);
  });

  it('asks again once the choice is turned back on', () => {
    const storage = memoryStorage();
    writeSkipConfirm(storage, 'Alpaca demo', true);
    writeSkipConfirm(storage, 'Exness demo', true);
    writeSkipConfirm(storage, 'Alpaca demo', false);
    expect(readSkippedConnections(storage)).toEqual(['Exness demo']);
  });

  it('ignores keys of other features and values it did not write', () => {
    const storage = memoryStorage({ theme: 'dark', [skipConfirmKey('Odd')]: 'yes', [skipConfirmKey('Zed')]: '1', [skipConfirmKey('Abe')]: '1' });
    expect(readSkippedConnections(storage)).toEqual(['Abe', 'Zed']);
  });

  it('falls back to asking when storage is missing or refuses to be read', () => {
    expect(readSkippedConnections(null)).toEqual([]);
    const refusing = { ...memoryStorage(), key: () => { throw new Error('SecurityError'); }, length: 1 };
    expect(readSkippedConnections(refusing)).toEqual([]);
  });

  it('reports a write that storage refused', () => {
    const full = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(writeSkipConfirm(full, 'Alpaca demo', true)).toBe(false);
    expect(writeSkipConfirm(null, 'Alpaca demo', true)).toBe(false);
  });
});
