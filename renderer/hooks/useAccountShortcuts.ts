import { useEffect, useRef } from 'react';
import { plainKey, shiftedLetter, typingIn } from '../lib/shortcuts';
import { dialogStore } from '../state/dialogs';

interface AccountShortcuts {
  /** Shift+C: opens close all's confirmation. */
  closeAll(): void;
  /** R: reads the account again. */
  refresh(): void;
}

/**
 * The open account's keys, heard anywhere outside a field or a dialog. Each opens a confirmation or only reads: none
 * sends anything by itself. The row keys (C, P, X) live with the tables, `/` and A with the account search, F with
 * the filter, `?` with the app.
 */
export function useAccountShortcuts(shortcuts: AccountShortcuts): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typingIn(event.target) || dialogStore.getState().open) return;
      if (shiftedLetter(event) === 'C') {
        event.preventDefault();
        latest.current.closeAll();
      } else if (plainKey(event) === 'r') {
        event.preventDefault();
        latest.current.refresh();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
