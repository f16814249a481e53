import { create } from 'zustand';

/** The account a dialog acts on, fixed when it opens so a later selection change cannot retarget it. */
export interface AccountTarget {
  connection: string;
  accountId: string;
  /** What people call the account; the typed confirmations compare against it. */
  accountNumber: string;
}

export type DialogRequest =
  | { kind: 'closePosition'; target: AccountTarget; positionId: string; mode: 'all' | 'quantity' }
  | { kind: 'cancelThenClose'; target: AccountTarget; positionId: string }
  | { kind: 'closeAll'; target: AccountTarget }
  | { kind: 'closeSelected'; target: AccountTarget }
  | { kind: 'cancelSelected'; target: AccountTarget }
  | { kind: 'shortcuts' }
  | { kind: 'cancelOrder'; target: AccountTarget; orderId: string }
  | { kind: 'cancelAllOrders'; target: AccountTarget }
  | { kind: 'closeAccount'; target: AccountTarget }
  | { kind: 'windDown'; connection: string; resumeRunId?: string | undefined }
  | { kind: 'flatten' }
  | { kind: 'settings' }
  | { kind: 'activity' };

interface DialogState {
  open: DialogRequest | null;
  actions: {
    openDialog(request: DialogRequest): void;
    closeDialog(): void;
  };
}

export const dialogStore = create<DialogState>()((set) => ({
  open: null,
  actions: {
    openDialog: (request) => set({ open: request }),
    closeDialog: () => set({ open: null }),
  },
}));

export const useOpenDialog = () => dialogStore((state) => state.open);
export const useDialogActions = () => dialogStore((state) => state.actions);
