/** The subset of a key event the shortcuts read, so the rules can be checked without a DOM. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * The letter of a single-key shortcut (lower case), or null when a modifier is held: Ctrl+C copies, it never closes a
 * position. Shift is allowed only where the shortcut list says so (Shift+C closes all).
 */
export function plainKey(event: KeyPress): string | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return null;
  // Shift makes a letter another shortcut; on a symbol ("?") it is only how the key is typed.
  if (event.shiftKey && /^[a-z]$/i.test(event.key)) return null;
  return event.key.toLowerCase();
}

/** "C" for Shift+C, null for anything else. */
export function shiftedLetter(event: KeyPress): string | null {
  if (!event.shiftKey || event.ctrlKey || event.metaKey || event.altKey || !/^[a-z]$/i.test(event.key)) return null;
  return event.key.toUpperCase();
}

/** Whether a key press is meant for a field being typed in rather than for the app. */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** Every shortcut, as the help overlay (?) and the tooltips list them. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; what: string }> = [
  { keys: '↑ ↓ PgUp PgDn Home End', what: 'Move between rows of the focused table' },
  { keys: '← →', what: "Move between a row's buttons; ← from the first goes back to the row" },
  { keys: 'Space', what: 'Pick or unpick the focused row' },
  { keys: 'Shift+↑ Shift+↓', what: 'Extend the picked rows' },
  { keys: 'Ctrl+A', what: 'Pick every row the filter shows' },
  { keys: 'Esc', what: 'Unpick all rows; in a dialog, close it' },
  { keys: 'C', what: 'Close the focused position (or the picked ones), after confirmation' },
  { keys: 'P', what: 'Partial close of the focused position, after confirmation' },
  { keys: 'X', what: 'Cancel the focused order (or the picked ones), after confirmation' },
  { keys: 'Shift+C', what: 'Close all positions of the account, after confirmation' },
  { keys: 'R', what: 'Read the account again' },
  { keys: 'A or /', what: 'Switch account: focus the account search' },
  { keys: 'F or Ctrl+F', what: 'Focus the positions filter' },
  { keys: '?', what: 'Show this list' },
];
