import { create } from 'zustand';
import type { WindDownProgress } from '../../shared/windDown';
import { applyProgress, NO_PROGRESS, type RunProgress } from '../lib/windDownProgress';

interface WindDownProgressState {
  byRun: Readonly<Record<string, RunProgress>>;
  actions: {
    record(event: WindDownProgress): void;
    /** Forgets a run's progress before it runs again under the same id (a resumed run). */
    clear(runId: string): void;
  };
}

/** How far each account's wind-down has got, from the main process's windDown:progress pushes. */
export const windDownProgressStore = create<WindDownProgressState>()((set) => ({
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

export const recordWindDownProgress = (event: WindDownProgress): void => windDownProgressStore.getState().actions.record(event);
export const useWindDownProgressActions = () => windDownProgressStore((state) => state.actions);
export const useWindDownRunProgress = (runId: string | null) => windDownProgressStore((state) => (runId === null ? null : (state.byRun[runId] ?? null)));
