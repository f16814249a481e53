import { create } from 'zustand';
import { NO_SELECTION, type RowSelection } from '../lib/rowSelection';

/** Which table a selection belongs to: positions or orders of one account. */
export function selectionKey(kind: 'positions' | 'orders', connection: string, accountId: string): string {
  return `${kind}|${connection}|${accountId}`;
}

interface RowSelectionState {
  byTable: Readonly<Record<string, RowSelection>>;
  actions: {
    setSelection(key: string, next: RowSelection): void;
  };
}

/** Row selections per table, outside the tables so the account's toolbar and the shortcuts act on the same rows. */
export const rowSelectionStore = create<RowSelectionState>()((set) => ({
  byTable: {},
  actions: {
    setSelection: (key, next) => set((state) => (state.byTable[key] === next ? state : { byTable: { ...state.byTable, [key]: next } })),
  },
}));

export const useRowSelection = (key: string) => rowSelectionStore((state) => state.byTable[key] ?? NO_SELECTION);
export const useRowSelectionActions = () => rowSelectionStore((state) => state.actions);
