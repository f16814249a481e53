import { create } from 'zustand';
import type { Account } from '../../shared/domain';

interface SelectionState {
  connection: string | null;
  /** The account as it was listed when picked: kept so the account view stays put while the list is searched. */
  account: Account | null;
  actions: {
    selectConnection(name: string | null): void;
    selectAccount(account: Account | null): void;
    /** Clears the selection when the connection it points at was removed. */
    forgetConnection(name: string): void;
  };
}

export const selectionStore = create<SelectionState>()((set) => ({
  connection: null,
  account: null,
  actions: {
    selectConnection: (name) => set((state) => (state.connection === name ? state : { connection: name, account: null })),
    selectAccount: (account) => set({ account }),
    forgetConnection: (name) => set((state) => (state.connection === name ? { connection: null, account: null } : state)),
  },
}));

export const useSelectedConnection = () => selectionStore((state) => state.connection);
export const useSelectedAccount = () => selectionStore((state) => state.account);
export const useSelectionActions = () => selectionStore((state) => state.actions);
