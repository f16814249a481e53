import { useState } from 'react';
import { isUnsettled, STATE_WORDS, type ActionEntry, type EntryState } from '../lib/actionLog';
import { formatClock, plural } from '../lib/format';
import { clearFinishedActions, useActionEntries } from '../state/actionLog';
import { useCloseAllProgress } from '../state/progress';
import { Badge, type BadgeTone } from './common/StatusBadge';

const TONE: Record<EntryState, BadgeTone> = {
  pending: 'neutral',
  accepted: 'positive',
  filled: 'positive',
  rejected: 'negative',
  unknown: 'warning',
  not_sent: 'negative',
  failed: 'negative',
};

function CloseAllProgress({ entry }: { entry: ActionEntry }) {
  const progress = useCloseAllProgress(entry.connection, entry.accountId);
  if (!progress) return null;
  return (
    <span className="action-progress">
      {progress.done} of {progress.total} {plural(progress.total, 'ticket')} settled
    </span>
  );
}

function EntryDetails({ entry }: { entry: ActionEntry }) {
  const extras = [entry.requestId ? `request id ${entry.requestId}` : null, entry.errorCode ? `code ${entry.errorCode}` : null].filter(Boolean).join(' · ');
  return (
    <>
      <span className="action-message">
        {entry.state === 'pending' ? 'Waiting for the broker…' : entry.message}
        {entry.reconciled ? <span className="tag tag-settled">settled by reading</span> : null}
      </span>
      {entry.state === 'pending' && entry.kind === 'close_all' ? <CloseAllProgress entry={entry} /> : null}
      {extras ? <span className="action-meta mono">{extras}</span> : null}
    </>
  );
}

function EntryLine({ entry }: { entry: ActionEntry }) {
  return (
    <li className={`action-entry action-entry-${entry.state}`} data-testid="action-entry" data-state={entry.state} data-action-id={entry.actionId ?? undefined}>
      <span className="action-time">{formatClock(entry.startedAt)}</span>
      <Badge tone={TONE[entry.state]}>{STATE_WORDS[entry.state]}</Badge>
      <span className="action-label" title={entry.label}>
        {entry.label}
      </span>
      <EntryDetails entry={entry} />
    </li>
  );
}

function summary(entries: readonly ActionEntry[]): string {
  const pending = entries.filter((entry) => entry.state === 'pending').length;
  const unknown = entries.filter((entry) => entry.state === 'unknown').length;
  const parts = [pending > 0 ? `${pending} pending` : null, unknown > 0 ? `${unknown} outcome unknown` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : entries.length === 0 ? 'none yet' : 'all settled';
}

/**
 * Every destructive action started in this window, newest first, with its state as it moves from pending to the
 * broker's answer, or to unknown and then to what reading the broker found. Collapsed, it shows the latest one.
 */
export function ActionsPanel() {
  const entries = useActionEntries();
  const [open, setOpen] = useState(false);
  const latest = entries[0];
  const finished = entries.some((entry) => !isUnsettled(entry));
  return (
    <section className={`actions-panel ${open ? 'actions-panel-open' : ''}`} aria-label="Actions" data-testid="actions-panel">
      <div className="actions-bar">
        <button type="button" className="actions-toggle" aria-expanded={open} aria-controls={open ? 'actions-list' : undefined} onClick={() => setOpen(!open)}>
          <span className="actions-chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          Actions
        </button>
        <span className="count">{entries.length}</span>
        <span className="actions-summary" data-testid="actions-summary">
          {summary(entries)}
        </span>
        {!open && latest ? (
          <span className="actions-latest" title={latest.message ?? undefined}>
            <Badge tone={TONE[latest.state]}>{STATE_WORDS[latest.state]}</Badge>
            <span className="action-label">{latest.label}</span>
          </span>
        ) : null}
        {open && finished ? (
          <button type="button" className="button button-small actions-clear" onClick={clearFinishedActions}>
            Clear finished
          </button>
        ) : null}
      </div>
      {open ? (
        entries.length === 0 ? (
          <p id="actions-list" className="state">
            No destructive action has been started in this window yet.
          </p>
        ) : (
          <ol id="actions-list" className="actions-list">
            {entries.map((entry) => (
              <EntryLine key={entry.id} entry={entry} />
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}
