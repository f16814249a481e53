import type { DialogRequest } from '../../state/dialogs';
import { lazyComponent } from '../common/lazyComponent';

// Every dialog is a chunk of its own, so the first paint of the account view waits for none of them.
export const ClosePositionDialog = lazyComponent(() => import('./ClosePositionDialog').then((chunk) => chunk.ClosePositionDialog));
export const CancelThenCloseDialog = lazyComponent(() => import('./CancelThenCloseDialog').then((chunk) => chunk.CancelThenCloseDialog));
export const CloseAllDialog = lazyComponent(() => import('./CloseAllDialog').then((chunk) => chunk.CloseAllDialog));
export const CloseSelectedDialog = lazyComponent(() => import('./SelectedActionDialog').then((chunk) => chunk.CloseSelectedDialog));
export const CancelSelectedDialog = lazyComponent(() => import('./SelectedActionDialog').then((chunk) => chunk.CancelSelectedDialog));
export const ShortcutsDialog = lazyComponent(() => import('./ShortcutsDialog').then((chunk) => chunk.ShortcutsDialog));
export const CancelOrderDialog = lazyComponent(() => import('./CancelOrderDialog').then((chunk) => chunk.CancelOrderDialog));
export const CancelAllOrdersDialog = lazyComponent(() => import('./CancelAllOrdersDialog').then((chunk) => chunk.CancelAllOrdersDialog));
export const CloseAccountDialog = lazyComponent(() => import('./CloseAccountDialog').then((chunk) => chunk.CloseAccountDialog));
export const WindDownDialog = lazyComponent(() => import('../windDown/WindDownDialog').then((chunk) => chunk.WindDownDialog));
export const FlattenDialog = lazyComponent(() => import('../flatten/FlattenDialog').then((chunk) => chunk.FlattenDialog));
export const SettingsDialog = lazyComponent(() => import('./SettingsDialog').then((chunk) => chunk.SettingsDialog));
export const ActivityDialog = lazyComponent(() => import('../activity/ActivityDialog').then((chunk) => chunk.ActivityDialog));

const CHUNKS = {
  closePosition: ClosePositionDialog,
  cancelThenClose: CancelThenCloseDialog,
  closeAll: CloseAllDialog,
  closeSelected: CloseSelectedDialog,
  cancelSelected: CancelSelectedDialog,
  shortcuts: ShortcutsDialog,
  cancelOrder: CancelOrderDialog,
  cancelAllOrders: CancelAllOrdersDialog,
  closeAccount: CloseAccountDialog,
  windDown: WindDownDialog,
  flatten: FlattenDialog,
  settings: SettingsDialog,
  activity: ActivityDialog,
} satisfies Record<DialogRequest['kind'], { preload(): Promise<void> }>;

/**
 * Fetches every dialog's chunk, one at a time in idle moments, so a dialog opened later shows at once. The account
 * view's first rows come first: nothing starts until the browser is idle.
 */
export function preloadDialogs(): () => void {
  const pending = Object.values(CHUNKS);
  let handle: number | undefined;
  const next = () => {
    const chunk = pending.shift();
    if (!chunk) return;
    // A chunk that fails here fails again when its dialog opens, and says so there.
    void chunk.preload().catch(() => undefined).finally(() => {
      handle = requestIdleCallback(next);
    });
  };
  handle = requestIdleCallback(next);
  return () => {
    pending.length = 0;
    if (handle !== undefined) cancelIdleCallback(handle);
  };
}
