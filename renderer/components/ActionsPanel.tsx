import { useState } from 'react';
import type { CloseAllItem, EarlierVerdict } from '../../shared/actions';
import { useInterruptedActions } from '../hooks/useInterruptedActions';
import { isUnsettled, STATE_WORDS, type ActionEntry, type EntryState } from '../lib/actionLog';
import { actionsPanelItems, type ActionsPanelItem } from '../lib/actionsPanelItems';
import { fillLine } from '../lib/closeAllFills';
import { interruptedDetail, interruptedStatus, isBeingRead, type InterruptedAction } from '../lib/interrupted';
import { formatClock, plural } from '../lib/format';
import { clearFinishedActions, useActionEntries } from '../state/actionLog';
import { useCloseAllProgress } from '../state/progress';
import { ScrollList } from './common/ScrollRegion';
import { Badge, type BadgeTone } from './common/StatusBadge';
import { WindDownRuns } from './windDown/WindDownRuns';
import './ActionsPanel.css';

const TONE: Record<EntryState, BadgeTone> = {
  pending: 'neutral',
  accepted: 'positive',
  filled: 'positive',
  partly_filled: 'warning',
  cancelled: 'positive',
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

/** Positions listed under a followed close all; a longer one says how many more. */
const LISTED_FILLS = 50;

function CloseAllFills({ fills }: { fills: readonly CloseAllItem[] }) {
  return (
    <ul className="action-fills" aria-label="Fill per position" data-testid="action-fills">
      {fills.slice(0, LISTED_FILLS).map((item) => (
        <li key={item.positionId} data-state={item.state}>
          {fillLine(item)}
        </li>
      ))}
      {fills.length > LISTED_FILLS ? <li>and {fills.length - LISTED_FILLS} more</li> : null}
    </ul>
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
      {entry.fills && entry.fills.length > 0 ? <CloseAllFills fills={entry.fills} /> : null}
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

const VERDICT_TONE: Record<EarlierVerdict, BadgeTone> = {
  happened: 'positive',
  partly: 'warning',
  not_happened: 'negative',
  still_unknown: 'warning',
};

const interruptedTone = (action: InterruptedAction): BadgeTone => (action.verdict === null ? 'warning' : VERDICT_TONE[action.verdict]);

/** An action a Closeout process that stopped left unfinished: outcome unknown while the broker is read, then the verdict. */
function InterruptedLine({ action }: { action: InterruptedAction }) {
  return (
    <li
      className="action-entry action-entry-interrupted"
      data-testid="interrupted-entry"
      data-verdict={action.verdict ?? 'reading'}
      data-action-id={action.actionId}
    >
      <span className="action-time">{formatClock(Date.parse(action.startedAt))}</span>
      <Badge tone={interruptedTone(action)}>{interruptedStatus(action.verdict)}</Badge>
      <span className="action-label" title={`Interrupted ${action.summary}`}>
        Interrupted {action.summary}
      </span>
      <span className="action-message">
        {interruptedDetail(action)}
        <span className="tag tag-interrupted">interrupted</span>
      </span>
    </li>
  );
}

function isUnfinished(item: ActionsPanelItem): boolean {
  return item.type === 'own' ? isUnsettled(item.entry) : isBeingRead(item.action);
}

function summary(items: readonly ActionsPanelItem[]): string {
  const pending = items.filter((item) => item.type === 'own' && item.entry.state === 'pending').length;
  const unknown = items.filter((item) => (item.type === 'own' ? item.entry.state === 'unknown' : isBeingRead(item.action))).length;
  const parts = [pending > 0 ? `${pending} pending` : null, unknown > 0 ? `${unknown} outcome unknown` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : items.length === 0 ? 'none yet' : 'all settled';
}

function LatestItem({ item }: { item: ActionsPanelItem }) {
  if (item.type === 'own') {
    return (
      <span className="actions-latest" title={item.entry.message ?? undefined}>
        <Badge tone={TONE[item.entry.state]}>{STATE_WORDS[item.entry.state]}</Badge>
        <span className="action-label">{item.entry.label}</span>
      </span>
    );
  }
  return (
    <span className="actions-latest" title={interruptedDetail(item.action)}>
      <Badge tone={interruptedTone(item.action)}>{interruptedStatus(item.action.verdict)}</Badge>
      <span className="action-label">Interrupted {item.action.summary}</span>
    </span>
  );
}

/**
 * Every destructive action started in this window, newest first, with its state as it moves from pending to the
 * broker's answer, or to unknown and then to what reading the broker found; among them, the actions a Closeout
 * process that stopped left unfinished, as the core settles them. Collapsed, it shows the latest one.
 */
export function ActionsPanel() {
  const entries = useActionEntries();
  const interrupted = useInterruptedActions();
  // Interrupted actions come from the journal on every read; clearing hides the settled ones in this window only.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const items = actionsPanelItems(
    entries,
    interrupted.filter((action) => !hidden.has(action.actionId)),
  );
  const [open, setOpen] = useState(false);
  const latest = items[0];
  const finished = items.some((item) => !isUnfinished(item));
  const clearFinished = () => {
    clearFinishedActions();
    setHidden(new Set([...hidden, ...interrupted.filter((action) => !isBeingRead(action)).map((action) => action.actionId)]));
  };
  return (
    <section className={`actions-panel ${open ? 'actions-panel-open' : ''}`} aria-label="Actions" data-testid="actions-panel">
      <div className="actions-bar">
        <button type="button" className="actions-toggle" aria-expanded={open} aria-controls={open ? 'actions-list' : undefined} onClick={() => setOpen(!open)}>
          <span className="actions-chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          Actions
        </button>
        <span className="count">{items.length}</span>
        <span className="actions-summary" data-testid="actions-summary">
          {summary(items)}
        </span>
        {!open && latest ? <LatestItem item={latest} /> : null}
        {open && finished ? (
          <button type="button" className="button button-small actions-clear" onClick={clearFinished}>
            Clear finished
          </button>
        ) : null}
      </div>
      <WindDownRuns />
      {open ? (
        items.length === 0 ? (
          <p id="actions-list" className="state">
            No destructive action has been started in this window yet.
          </p>
        ) : (
          <ScrollList ordered id="actions-list" className="actions-list" label="Actions in this window">
            {items.map((item) =>
              item.type === 'own' ? <EntryLine key={item.entry.id} entry={item.entry} /> : <InterruptedLine key={`interrupted-${item.action.actionId}`} action={item.action} />,
            )}
          </ScrollList>
        )
      ) : null}
    </section>
  );
}
