import { useId, type ReactNode } from 'react';
import type { AppError } from '../../../shared/errors';
import { describeError } from '../../../shared/errors';
import { formatClock } from '../../lib/format';
import type { InFlightEntry } from '../../state/inFlight';

/** Label/value pairs describing what an action targets. */
export function Facts({ items }: { items: ReadonlyArray<readonly [string, ReactNode]> }) {
  return (
    <dl className="facts">
      {items.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The sentence that says exactly what will be sent. */
export function SendSentence({ children }: { children: ReactNode }) {
  return <p className="send-sentence">{children}</p>;
}

export function TypedConfirmation({ accountNumber, value, onChange }: { accountNumber: string; value: string; onChange(value: string): void }) {
  const id = useId();
  const hintId = useId();
  const matches = value === accountNumber;
  return (
    <div className="field">
      <label htmlFor={id}>
        Type the account number <strong className="mono">{accountNumber}</strong> to confirm
      </label>
      <input
        id={id}
        className={`input mono ${matches ? 'input-ok' : ''}`}
        value={value}
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        aria-describedby={hintId}
        onChange={(event) => onChange(event.target.value)}
      />
      <span id={hintId} className="hint">
        {value === '' ? 'The button unlocks when the text matches exactly.' : matches ? 'Account number matches.' : 'Does not match yet.'}
      </span>
    </div>
  );
}

/** Points at an earlier send of the same action that has not been answered yet. */
export function InFlightNote({ entry }: { entry: InFlightEntry }) {
  return (
    <p className="note note-info" role="status">
      {entry.label} was sent at {formatClock(entry.since)} and is still waiting for the broker. Closeout will not send it again.
    </p>
  );
}

/** A failed send in words: what is known about whether anything reached the broker. */
export function SendError({ error }: { error: AppError }) {
  const outcome =
    error.outcome === 'unknown' || error.code === 'outcome_unknown'
      ? 'Outcome unknown: the broker may have acted. Closeout is re-reading the account; do not send again until it shows the result.'
      : error.outcome === 'not_sent'
        ? 'Nothing was sent to the broker.'
        : error.outcome === 'rejected'
          ? 'The broker refused the request.'
          : null;
  return (
    <div className="note note-error" role="alert">
      <p>{describeError(error)}</p>
      {outcome ? <p>{outcome}</p> : null}
    </div>
  );
}

export function ConfirmButton({ disabled, pending, children }: { disabled: boolean; pending: boolean; children: string }) {
  return (
    <button type="submit" className="button button-danger" disabled={disabled || pending} aria-busy={pending}>
      {pending ? 'Sending…' : children}
    </button>
  );
}
