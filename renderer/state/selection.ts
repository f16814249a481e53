import { create } from 'zustand';

interface SelectionState {
  connection: string | null;
  accountId: string | null;
  actions: {
    selectConnection(name: string | null): void;
    selectAccount(accountId: string | null): void;
    /** Clears the selection when the connection it points at was removed. */
    forgetConnection(name: string): void;
  };
}

export const selectionStore = create<SelectionState>()((set) => ({
  connection: null,
  accountId: null,
  actions: {
    selectConnection: (name) => set((state) => (state.connection === name ? state : { connection: name, accountId: null })),
    selectAccount: (accountId) => set({ accountId }),
    forgetConnection: (name) => set((state) => (state.connection === name ? { connection: null, accountId: null } : state)),
  },
}));

export const useSelectedConnection = () => selectionStore((state) => state.connection);
export const useSelectedAccountId = () => selectionStore((state) => state.accountId);
export const useSelectionActions = () => selectionStore((state) => state.actions);
