import type { ActionEntry } from './actionLog';
import type { InterruptedAction } from './interrupted';

export type ActionsPanelItem = { type: 'own'; entry: ActionEntry } | { type: 'interrupted'; action: InterruptedAction };

/** This window's own actions and the interrupted ones in one list, the newest start first. */
export function actionsPanelItems(own: readonly ActionEntry[], interrupted: readonly InterruptedAction[]): ActionsPanelItem[] {
  const timed = [
    ...own.map((entry) => ({ at: entry.startedAt, item: { type: 'own', entry } as const })),
    ...interrupted.map((action) => ({ at: Date.parse(action.startedAt), item: { type: 'interrupted', action } as const })),
  ];
  return timed.sort((a, b) => b.at - a.at).map(({ item }) => item);
}
