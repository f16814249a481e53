import { create } from 'zustand';
import type { CloseoutProgress } from '../../shared/closeout';
import { applyProgress, NO_PROGRESS, type RunProgress } from '../lib/closeoutProgress';

interface CloseoutProgressState {
  byRun: Readonly<Record<string, RunProgress>>;
  actions: {
    record(event: CloseoutProgress): void;
    /** Forgets a run's progress before it runs again under the same id (a resumed run). */
    clear(runId: string): void;
  };
}

/** How far each account closeout has got, from the main process's closeout:progress pushes. */
export const closeoutProgressStore = create<CloseoutProgressState>()((set) => ({
  byRun: {},
  actions: {
    record: (event) => set((state) => ({ byRun: { ...state.byRun, [event.runId]: applyProgress(state.byRun[event.runId] ?? NO_PROGRESS, event) } })),
    clear: (runId) =>
      set((state) => {
        if (!state.byRun[runId]) return state;
        const byRun = { ...state.byRun };
        delete byRun[runId];
        return { byRun };
      }),
  },
}));

export const recordCloseoutProgress = (event: CloseoutProgress): void => closeoutProgressStore.getState().actions.record(event);
export const useCloseoutProgressActions = () => closeoutProgressStore((state) => state.actions);
export const useCloseoutRunProgress = (runId: string | null) => closeoutProgressStore((state) => (runId === null ? null : (state.byRun[runId] ?? null)));
