import { create } from 'zustand';
import type { ActionReceipt, CloseAllReceipt } from '../../shared/actions';
import type { AppErrorShape } from '../../shared/errors';
import {
  blockingEntry,
  EMPTY_ACTION_LOG,
  hasTakenClose,
  reduceActionLog,
  unresolvedEntry,
  workingEntry,
  type ActionEntry,
  type ActionLogEvent,
  type ActionLogState,
  type NewActionEntry,
  type RowTarget,
} from '../lib/actionLog';

/** What runAction writes as a destructive action goes out and comes back. */
export interface ActionLogWriter {
  start(entry: Omit<NewActionEntry, 'id' | 'startedAt'>): string;
  answer(id: string, receipt: ActionReceipt | CloseAllReceipt): void;
  fail(id: string, error: AppErrorShape): void;
}

interface ActionLogStore extends ActionLogState {
  nextId: number;
  dispatch(event: ActionLogEvent): void;
}

/** The last destructive actions of this window, for the Actions panel and the row badges; not persisted. */
export const actionLogStore = create<ActionLogStore>()((set) => ({
  ...EMPTY_ACTION_LOG,
  nextId: 1,
  dispatch: (event) => set((state) => reduceActionLog(state, event)),
}));

const dispatch = (event: ActionLogEvent) => actionLogStore.getState().dispatch(event);

export const actionLogWriter: ActionLogWriter = {
  start: (entry) => {
    const id = `local-${actionLogStore.getState().nextId}`;
    actionLogStore.setState((state) => ({ nextId: state.nextId + 1 }));
    dispatch({ type: 'started', entry: { ...entry, id, startedAt: Date.now() } });
    return id;
  },
  answer: (id, receipt) => dispatch({ type: 'answered', id, receipt, at: Date.now() }),
  fail: (id, error) => dispatch({ type: 'failed', id, error, at: Date.now() }),
};

/** Applies a push from the main process's reconciliation; returns the entry it settled, if this window started it. */
export function settleAction(receipt: ActionReceipt | CloseAllReceipt): ActionEntry | null {
  const entry = actionLogStore.getState().entries.find((candidate) => candidate.actionId === receipt.actionId) ?? null;
  dispatch({ type: 'settled', receipt, at: Date.now() });
  return entry;
}

export const clearFinishedActions = () => dispatch({ type: 'clearFinished' });

export const useActionEntries = () => actionLogStore((state) => state.entries);

/** The action that locks this row or dialog target, or null. */
export const useBlockingAction = (target: RowTarget) => actionLogStore((state) => blockingEntry(state.entries, target));

/** The close whose order the broker is still working on this row: the row shows it as closing. */
export const useWorkingAction = (target: RowTarget) => actionLogStore((state) => workingEntry(state.entries, target));

/** Whether the broker already took a close of this row while it is still listed. */
export const useHasTakenClose = (target: RowTarget) => actionLogStore((state) => hasTakenClose(state.entries, target));

/** The latest action on this target whose outcome reading could not settle, or null. */
export const useUnresolvedAction = (target: RowTarget) => actionLogStore((state) => unresolvedEntry(state.entries, target));

/** The entry of an action this window started, once a push has settled it by reading; null until then. */
export const useSettledAction = (actionId: string | null | undefined) =>
  actionLogStore((state) => (actionId ? (state.entries.find((entry) => entry.actionId === actionId && entry.reconciled) ?? null) : null));
