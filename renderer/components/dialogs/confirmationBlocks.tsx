import { useId, type ReactNode } from 'react';
import type { ActionReceipt, EarlierAttempt } from '../../../shared/actions';
import type { AppError } from '../../../shared/errors';
import { describeError } from '../../../shared/errors';
import { useArmed } from '../../hooks/useArming';
import { isUnsettled, lockReason, STATE_WORDS, type ActionEntry } from '../../lib/actionLog';
import { receiptNeedsAttention } from '../../lib/receipts';
import { earlierSentence } from '../../lib/interrupted';
import { useSettledAction } from '../../state/actionLog';
import { formatAge, formatClock } from '../../lib/format';
import { STALE_QUOTE_MS } from '../../lib/staleQuote';
import type { QuoteGateState } from '../../hooks/useQuoteGate';
import './confirmationBlocks.css';

/** Label/value pairs describing what an action targets. */
export function Facts({ items, label }: { items: ReadonlyArray<readonly [string, ReactNode]>; label?: string }) {
  return (
    <dl className="facts" aria-label={label}>
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

/** Points at an earlier action on the same target: still in flight, being settled, or left with an unknown outcome. */
export function PriorActionNote({ entry }: { entry: ActionEntry }) {
  if (entry.state === 'pending') {
    return (
      <p className="note note-info" role="status">
        {entry.label} was sent at {formatClock(entry.startedAt)} and is still waiting for the broker. Closeout will not send it again.
      </p>
    );
  }
  return (
    <p className="note note-warning" role="status">
      {isUnsettled(entry)
        ? lockReason(entry)
        : `${entry.label} ended with an unknown outcome: ${entry.message ?? 'the broker did not say'} Check the account before sending it again.`}
    </p>
  );
}

/** What reading the broker found after this dialog's action ended with an unknown outcome, once the push arrives. */
export function SettledNote({ actionId }: { actionId: string | null | undefined }) {
  const entry = useSettledAction(actionId);
  if (!entry) return null;
  const tone = entry.state === 'unknown' ? 'note-warning' : entry.state === 'rejected' ? 'note-error' : 'note-success';
  return (
    <p className={`note ${tone}`} data-testid="settled-note">
      Settled by reading the broker ({STATE_WORDS[entry.state].toLowerCase()}): {entry.message}
    </p>
  );
}

/** The age of the prices, marked stale past the threshold. */
export function QuoteAge({ updatedAt, quote }: { updatedAt: number; quote: QuoteGateState }) {
  if (updatedAt === 0) return null;
  return (
    <>
      {' '}({formatAge(updatedAt, quote.now)})
      {quote.stale ? (
        <span className="badge badge-warning stale-badge" data-testid="stale-quote-badge">
          stale
        </span>
      ) : null}
    </>
  );
}

/** Says why Confirm waits on the prices and offers the refresh that unlocks it. */
export function StaleQuoteNote({ quote, updatedAt, error }: { quote: QuoteGateState; updatedAt: number; error: string | null }) {
  if (quote.confirmAllowed || updatedAt === 0) return null;
  const limit = STALE_QUOTE_MS / 1000;
  const text = quote.stale
    ? `These prices were read ${formatAge(updatedAt, quote.now)}: older than ${limit} s, they are stale. Refresh the quote and check it before confirming.`
    : 'The prices went stale while this dialog was open. Refresh the quote and check it before confirming.';
  return (
    <div className="note note-warning stale-quote" data-testid="stale-quote-note">
      <p>{text}</p>
      {error ? <p>Refreshing failed: {error}</p> : null}
      <button type="button" className="button button-small" disabled={quote.refreshing} aria-busy={quote.refreshing} onClick={quote.refresh}>
        Refresh quote
      </button>
    </div>
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

/**
 * The button that sends. Until the dialog has been in view for a moment it stays focusable but unarmed (aria-disabled),
 * and useArming ignores it: a press meant for the row behind cannot confirm what just opened.
 */
export function ConfirmButton({ disabled, pending, children }: { disabled: boolean; pending: boolean; children: string }) {
  const armed = useArmed();
  return (
    <button
      type="submit"
      className="button button-danger"
      data-confirm
      disabled={disabled || pending}
      aria-disabled={armed ? undefined : true}
      aria-busy={pending}
      title={armed ? undefined : 'Read what it sends: the button works in a moment.'}
    >
      {pending ? 'Sending…' : children}
    </button>
  );
}

/**
 * The answer to a send that found an earlier interrupted attempt on its target: nothing new went to the broker, so
 * the news is how that attempt ended (never a fresh success), then what reading the broker found, in the core's words.
 */
export function EarlierNote({ earlier, message }: { earlier: EarlierAttempt; message: string }) {
  return (
    <div className={`note ${earlier.verdict === 'happened' ? 'note-info' : 'note-warning'}`} role="alert" data-testid="earlier-note">
      <p>
        <strong>Nothing new was sent.</strong> {earlierSentence(earlier)}
      </p>
      <p>{message}</p>
    </div>
  );
}

/** Why a single action did not simply succeed, in the dialog that sent it. */
export function ReceiptNote({ receipt }: { receipt: ActionReceipt | undefined }) {
  if (!receipt || !receiptNeedsAttention(receipt)) return null;
  if (receipt.earlier) return <EarlierNote earlier={receipt.earlier} message={receipt.message} />;
  return (
    <p className={`note ${receipt.state === 'unknown' ? 'note-warning' : 'note-error'}`} role="alert">
      {receipt.state === 'unknown' ? 'Outcome unknown: ' : 'Rejected: '}
      {receipt.message}
    </p>
  );
}

/** A send's failure in words, and later what reading the broker found when its outcome was unknown. */
export function SendResult({ error, receipt }: { error: AppError | null; receipt: { actionId: string } | undefined }) {
  return (
    <>
      {error ? <SendError error={error} /> : null}
      <SettledNote actionId={error?.actionId ?? receipt?.actionId} />
    </>
  );
}
