import { create } from 'zustand';
import { readSkippedConnections, writeSkipConfirm, type KeyValueStorage } from '../lib/skipConfirm';

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

interface ConfirmPrefsState {
  /** Connections whose single full closes go out from the row without a dialog. */
  skipped: readonly string[];
  actions: {
    setSkipSingleCloseConfirm(connection: string, skip: boolean): void;
  };
}

export function createConfirmPrefsStore(storage: KeyValueStorage | null) {
  return create<ConfirmPrefsState>()((set) => ({
    skipped: readSkippedConnections(storage),
    actions: {
      setSkipSingleCloseConfirm: (connection, skip) => {
        writeSkipConfirm(storage, connection, skip);
        set((state) => {
          const others = state.skipped.filter((name) => name !== connection);
          return { skipped: skip ? [...others, connection].sort() : others };
        });
      },
    },
  }));
}

export const confirmPrefsStore = createConfirmPrefsStore(browserStorage());

export const useSkipsSingleCloseConfirm = (connection: string) => confirmPrefsStore((state) => state.skipped.includes(connection));
export const useSkippedConnections = () => confirmPrefsStore((state) => state.skipped);
export const useConfirmPrefsActions = () => confirmPrefsStore((state) => state.actions);
