import { create } from 'zustand';
import { readSkippedConnections, writeSkipConfirm, type KeyValueStorage } from '../lib/skipConfirm';
import { readTypedAbove, writeTypedAbove } from '../lib/typedThreshold';

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
  /** Actions on more picked rows than this ask for their number to be typed. */
  typedAbove: number;
  actions: {
    setSkipSingleCloseConfirm(connection: string, skip: boolean): void;
    setTypedAbove(count: number): void;
  };
}

export function createConfirmPrefsStore(storage: KeyValueStorage | null) {
  return create<ConfirmPrefsState>()((set) => ({
    skipped: readSkippedConnections(storage),
    typedAbove: readTypedAbove(storage),
    actions: {
      setTypedAbove: (count) => {
        writeTypedAbove(storage, count);
        set({ typedAbove: count });
      },
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
export const useTypedAbove = () => confirmPrefsStore((state) => state.typedAbove);
