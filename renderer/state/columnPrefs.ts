import { create } from 'zustand';
import type { BrokerKind } from '../../shared/brokers';
import { readShownColumns, writeShownColumns, type ChoosableTable } from '../lib/columnChoice';
import type { KeyValueStorage } from '../lib/skipConfirm';

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

type Key = `${ChoosableTable}:${BrokerKind}`;

interface ColumnPrefsState {
  /** The columns chosen per table and broker, read from storage the first time a table asks. */
  chosen: Partial<Record<Key, readonly string[] | null>>;
  actions: {
    choose(table: ChoosableTable, broker: BrokerKind, shown: readonly string[]): void;
  };
}

export function createColumnPrefsStore(storage: KeyValueStorage | null) {
  return create<ColumnPrefsState>()((set) => ({
    chosen: {},
    actions: {
      choose: (table, broker, shown) => {
        writeShownColumns(storage, table, broker, shown);
        set((state) => ({ chosen: { ...state.chosen, [`${table}:${broker}`]: shown } }));
      },
    },
  }));
}

const storage = browserStorage();
export const columnPrefsStore = createColumnPrefsStore(storage);

// Read once per table and broker, so the selector hands back the same array on every render.
const stored = new Map<Key, readonly string[] | null>();
function storedChoice(table: ChoosableTable, broker: BrokerKind): readonly string[] | null {
  const key: Key = `${table}:${broker}`;
  if (!stored.has(key)) stored.set(key, readShownColumns(storage, table, broker));
  return stored.get(key) ?? null;
}

/** The ids chosen for this table at this broker, or null to show its defaults. */
export function useChosenColumns(table: ChoosableTable, broker: BrokerKind): readonly string[] | null {
  const key: Key = `${table}:${broker}`;
  return columnPrefsStore((state) => (key in state.chosen ? (state.chosen[key] ?? null) : storedChoice(table, broker)));
}

export const useColumnPrefsActions = () => columnPrefsStore((state) => state.actions);
