import { create } from 'zustand';
import type { PushEvents } from '../../shared/contract';

export type ProgressEvent = PushEvents['action:progress'];

export interface Progress {
  actionId: string;
  done: number;
  total: number;
}

interface ProgressState {
  byAccount: Readonly<Record<string, Progress>>;
  actions: {
    record(event: ProgressEvent): void;
    clear(connection: string, accountId: string): void;
  };
}

const keyOf = (connection: string, accountId: string) => `${connection}|${accountId}`;

/** How far a ticket-by-ticket close all has got, per account, from the main process's progress pushes. */
export const progressStore = create<ProgressState>()((set) => ({
  byAccount: {},
  actions: {
    record: ({ actionId, connection, accountId, done, total }) =>
      set((state) => ({ byAccount: { ...state.byAccount, [keyOf(connection, accountId)]: { actionId, done, total } } })),
    clear: (connection, accountId) =>
      set((state) => {
        const key = keyOf(connection, accountId);
        if (!state.byAccount[key]) return state;
        const byAccount = { ...state.byAccount };
        delete byAccount[key];
        return { byAccount };
      }),
  },
}));

export const recordProgress = (event: ProgressEvent): void => progressStore.getState().actions.record(event);
export const useProgressActions = () => progressStore((state) => state.actions);
export const useCloseAllProgress = (connection: string, accountId: string) =>
  progressStore((state) => state.byAccount[keyOf(connection, accountId)] ?? null);
