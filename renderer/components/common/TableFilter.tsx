import { useEffect, useRef } from 'react';
import { plainKey, typingIn } from '../../lib/shortcuts';
import { dialogStore } from '../../state/dialogs';
import './TableFilter.css';

interface TableFilterProps {
  /** The accessible name, e.g. "Filter positions by symbol". */
  label: string;
  query: string;
  onQuery(query: string): void;
  shown: number;
  total: number;
  /** Ctrl+F (Cmd+F on a Mac) moves focus here: one box on screen should take it. */
  takesFindShortcut?: boolean;
}

// Ctrl+F as in any app; a bare F too, outside a field, as the shortcut list (?) names it.
function isFindShortcut(event: KeyboardEvent): boolean {
  if (!event.altKey && !event.shiftKey && (event.ctrlKey || event.metaKey)) return event.key.toLowerCase() === 'f';
  return plainKey(event) === 'f' && !event.defaultPrevented && !typingIn(event.target);
}

/** A search box that narrows a table; says how many rows it shows while it filters. Escape clears it. */
export function TableFilter({ label, query, onQuery, shown, total, takesFindShortcut = false }: TableFilterProps) {
  const input = useRef<HTMLInputElement>(null);
  const filtering = query.trim() !== '';

  useEffect(() => {
    if (!takesFindShortcut) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      // An open dialog's focus trap keeps the keyboard inside it (e2e/large-account.spec.ts checks that).
      if (!isFindShortcut(event) || dialogStore.getState().open) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [takesFindShortcut]);

  return (
    <span className="table-filter">
      <input
        ref={input}
        type="search"
        className="input input-small"
        aria-label={label}
        aria-keyshortcuts={takesFindShortcut ? 'F Control+F Meta+F' : undefined}
        placeholder={takesFindShortcut ? 'Filter by symbol (F)' : 'Filter by symbol'}
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && filtering) {
            event.preventDefault();
            onQuery('');
          }
        }}
      />
      <span className="muted" role="status">
        {filtering ? `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} shown` : ''}
      </span>
    </span>
  );
}
