/** The part of Web Storage this needs, so tests pass a Map-backed fake. */
export interface KeyValueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

// One key per connection, holding nothing but a flag: no secret, no account, ever goes to localStorage.
const PREFIX = 'closeout.skipSingleCloseConfirm:';
const SET = '1';

export function skipConfirmKey(connection: string): string {
  return `${PREFIX}${connection}`;
}

/** The connections whose single full closes go out without a dialog, sorted by name. */
export function readSkippedConnections(storage: KeyValueStorage | null): string[] {
  if (!storage) return [];
  const names: string[] = [];
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (key?.startsWith(PREFIX) && storage.getItem(key) === SET) names.push(key.slice(PREFIX.length));
    }
  } catch {
    // Storage the browser refuses to read asks before every close: the safe default.
    return [];
  }
  return names.sort();
}

/** Stores the choice; false when storage refused it, in which case it holds for this session only. */
export function writeSkipConfirm(storage: KeyValueStorage | null, connection: string, skip: boolean): boolean {
  if (!storage) return false;
  try {
    if (skip) storage.setItem(skipConfirmKey(connection), SET);
    else storage.removeItem(skipConfirmKey(connection));
    return true;
  } catch {
    return false;
  }
}
