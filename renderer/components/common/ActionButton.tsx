import { useId, type KeyboardEvent, type ReactNode } from 'react';
import type { Availability } from '../../../shared/brokers';
import { useInRovingGrid } from '../../hooks/useRovingRows';

interface ActionButtonProps {
  availability: Availability;
  onClick(): void;
  children: ReactNode;
  variant?: 'danger' | 'default';
  /** The accessible name when the visible label is shorter, e.g. "Close AAPL" for a row's "Close". */
  label?: string;
  /** Row buttons show the reason in their tooltip only; the table says it once in words. */
  compact?: boolean;
  /** A tooltip while the action is available, e.g. that it sends without a dialog. */
  hint?: string | undefined;
  /** The key that does the same, named in the tooltip and to assistive technology. */
  shortcut?: string | undefined;
}

// A held Enter repeats the click of a focused button: one press is one action.
function swallowRepeatedEnter(event: KeyboardEvent) {
  if (event.key === 'Enter' && event.repeat) event.preventDefault();
}

/** A button for an action the broker may not offer: shown disabled with its reason, never hidden. */
export function ActionButton({ availability, onClick, children, variant = 'default', label, compact = false, hint, shortcut }: ActionButtonProps) {
  const reasonId = useId();
  const reason = availability.available ? null : availability.reason;
  // In a grid the row is the Tab stop; its buttons are reached with the arrow keys.
  const inGrid = useInRovingGrid();
  const tooltip = [hint, shortcut ? `Shortcut: ${shortcut}` : null].filter((part) => part !== undefined && part !== null).join(' ') || undefined;
  return (
    <span className="action" title={reason ?? undefined}>
      <button
        type="button"
        className={`button ${variant === 'danger' ? 'button-danger' : ''} ${compact ? 'button-small' : ''}`}
        disabled={!availability.available}
        tabIndex={inGrid ? -1 : undefined}
        aria-label={label}
        aria-describedby={reason && !compact ? reasonId : undefined}
        title={reason ?? tooltip}
        aria-keyshortcuts={shortcut}
        onKeyDown={swallowRepeatedEnter}
        onClick={onClick}
      >
        {children}
      </button>
      {reason && !compact ? (
        <span id={reasonId} className="reason">
          {reason}
        </span>
      ) : null}
    </span>
  );
}
