import type { ActionKind, ActionReceipt, ActionState, CloseAllItem, CloseAllReceipt } from '../../shared/actions';
import { describeError, type AppErrorShape, type ErrorCode } from '../../shared/errors';
import { followedItems } from './closeAllFills';
import { formatClock } from './format';
import { nothingSentNotice } from './interrupted';
import { summariseCloseAll } from './notices';

/**
 * What the Actions panel knows of one destructive action: the broker's states, plus the two endings where the broker
 * never acted on it: 'not_sent' (refused before sending) and 'failed' (an error that does not say).
 */
export type EntryState = ActionState | 'not_sent' | 'failed';

export interface ActionEntry {
  /** Given by the renderer when the action starts, before the main process has named it. */
  id: string;
  /** The main process's id, once its answer arrives: pushes that settle an unknown outcome carry it. */
  actionId: string | null;
  kind: ActionKind;
  connection: string;
  accountId: string;
  accountNumber: string;
  /** The position or order acted on; null for account-wide actions. */
  subject: string | null;
  /** Names the action for people, e.g. "Close AAPL in account 9JA74XQ2". */
  label: string;
  state: EntryState;
  message: string | null;
  requestId: string | null;
  errorCode: ErrorCode | null;
  startedAt: number;
  updatedAt: number;
  /** Set once a push from the main process's reconciliation has settled the entry. */
  reconciled: boolean;
  /** A followed close all's positions, each with its fill. */
  fills?: readonly CloseAllItem[];
}

export type NewActionEntry = Pick<ActionEntry, 'id' | 'kind' | 'connection' | 'accountId' | 'accountNumber' | 'subject' | 'label' | 'startedAt'>;

export interface ActionLogState {
  entries: readonly ActionEntry[];
  /** Settling pushes that arrived before the answer naming their action: applied when it comes. */
  early: Readonly<Record<string, ActionReceipt | CloseAllReceipt>>;
}

export type ActionLogEvent =
  | { type: 'started'; entry: NewActionEntry }
  | { type: 'answered'; id: string; receipt: ActionReceipt | CloseAllReceipt; at: number }
  | { type: 'failed'; id: string; error: AppErrorShape; at: number }
  | { type: 'settled'; receipt: ActionReceipt | CloseAllReceipt; at: number }
  | { type: 'clearFinished' };

export const MAX_ACTION_ENTRIES = 50;

export const EMPTY_ACTION_LOG: ActionLogState = { entries: [], early: {} };

function isCloseAll(receipt: ActionReceipt | CloseAllReceipt): receipt is CloseAllReceipt {
  return receipt.kind === 'close_all' && 'items' in receipt;
}

function receiptMessage(receipt: ActionReceipt | CloseAllReceipt): string {
  return isCloseAll(receipt) && receipt.items.length > 0 ? `${receipt.message} Per position: ${summariseCloseAll(receipt.items)}.` : receipt.message;
}

/** What a failed send says about the broker: unknown, refused, never sent, or nothing either way. */
export function stateOfFailure(error: AppErrorShape): EntryState {
  if (error.outcome === 'unknown' || error.code === 'outcome_unknown') return 'unknown';
  if (error.outcome === 'rejected') return 'rejected';
  if (error.outcome === 'not_sent') return 'not_sent';
  return 'failed';
}

/** Pending, or unknown while the main process is still reading the broker to settle it: the target is locked. */
export function isUnsettled(entry: ActionEntry): boolean {
  return entry.state === 'pending' || (entry.state === 'unknown' && !entry.reconciled);
}

function applyReceipt(entry: ActionEntry, receipt: ActionReceipt | CloseAllReceipt, at: number, reconciled: boolean): ActionEntry {
  const fills = isCloseAll(receipt) ? followedItems(receipt.items) : [];
  return {
    ...(fills.length > 0 ? { fills } : {}),
    ...entry,
    actionId: receipt.actionId,
    // An answer that reports an earlier interrupted attempt sent nothing: its state is that attempt's, not this one's.
    state: receipt.earlier ? 'not_sent' : receipt.state,
    message: receipt.earlier ? nothingSentNotice(receipt.earlier).text : receiptMessage(receipt),
    requestId: receipt.requestId ?? entry.requestId,
    updatedAt: at,
    reconciled: entry.reconciled || reconciled,
  };
}

/** Applies a push that arrived first, once the answer has named the action. */
function withEarlyPush(state: ActionLogState, entry: ActionEntry, at: number): { entry: ActionEntry; early: ActionLogState['early'] } {
  const actionId = entry.actionId;
  const pushed = actionId === null ? undefined : state.early[actionId];
  if (!pushed || actionId === null) return { entry, early: state.early };
  const early = { ...state.early };
  delete early[actionId];
  return { entry: applyReceipt(entry, pushed, at, true), early };
}

function replace(entries: readonly ActionEntry[], updated: ActionEntry): ActionEntry[] {
  return entries.map((entry) => (entry.id === updated.id ? updated : entry));
}

/** Keeps the newest entries; finished ones go first, so a long burst never hides an action still in flight. */
function bounded(entries: ActionEntry[]): ActionEntry[] {
  const kept = [...entries];
  while (kept.length > MAX_ACTION_ENTRIES) {
    let drop = kept.length - 1;
    for (let index = kept.length - 1; index >= 0; index -= 1) {
      const candidate = kept[index];
      if (candidate && !isUnsettled(candidate)) {
        drop = index;
        break;
      }
    }
    kept.splice(drop, 1);
  }
  return kept;
}

const MAX_EARLY_PUSHES = MAX_ACTION_ENTRIES;

/** The Actions panel's history, newest first: one pure step per event, so every transition is tested without React. */
export function reduceActionLog(state: ActionLogState, event: ActionLogEvent): ActionLogState {
  switch (event.type) {
    case 'started': {
      const entry: ActionEntry = {
        ...event.entry,
        actionId: null,
        state: 'pending',
        message: null,
        requestId: null,
        errorCode: null,
        updatedAt: event.entry.startedAt,
        reconciled: false,
      };
      return { ...state, entries: bounded([entry, ...state.entries]) };
    }
    case 'answered': {
      const current = state.entries.find((entry) => entry.id === event.id);
      if (!current) return state;
      const { entry, early } = withEarlyPush(state, applyReceipt(current, event.receipt, event.at, false), event.at);
      return { entries: replace(state.entries, entry), early };
    }
    case 'failed': {
      const current = state.entries.find((entry) => entry.id === event.id);
      if (!current) return state;
      const failed: ActionEntry = {
        ...current,
        actionId: event.error.actionId ?? current.actionId,
        state: stateOfFailure(event.error),
        message: describeError(event.error),
        requestId: event.error.requestId ?? current.requestId,
        errorCode: event.error.code,
        updatedAt: event.at,
      };
      const { entry, early } = withEarlyPush(state, failed, event.at);
      return { entries: replace(state.entries, entry), early };
    }
    case 'settled': {
      const current = state.entries.find((entry) => entry.actionId === event.receipt.actionId);
      if (current) return { ...state, entries: replace(state.entries, applyReceipt(current, event.receipt, event.at, true)) };
      const early = { ...state.early, [event.receipt.actionId]: event.receipt };
      const ids = Object.keys(early);
      for (const stale of ids.slice(0, Math.max(0, ids.length - MAX_EARLY_PUSHES))) delete early[stale];
      return { ...state, early };
    }
    case 'clearFinished':
      return { ...state, entries: state.entries.filter(isUnsettled) };
  }
}

export interface RowTarget {
  connection: string;
  accountId: string;
  /** What the row's own actions are, and on which position or order; null for the account as a whole. */
  kind: ActionKind;
  subject: string | null;
}

const ACCOUNT_WIDE: ReadonlySet<ActionKind> = new Set(['close_all', 'cancel_all_orders', 'close_account']);

/**
 * Whether an entry touches the target the way the main process's locks nest: an account-wide action covers every
 * position and order in the account, and the account is covered by any action inside it.
 */
export function touches(entry: ActionEntry, target: RowTarget): boolean {
  if (entry.connection !== target.connection || entry.accountId !== target.accountId) return false;
  if (target.subject === null || ACCOUNT_WIDE.has(entry.kind)) return true;
  return entry.kind === target.kind && entry.subject === target.subject;
}

/** The newest action that locks this target (pending, or unknown and still being settled), or null. */
export function blockingEntry(entries: readonly ActionEntry[], target: RowTarget): ActionEntry | null {
  return entries.find((entry) => isUnsettled(entry) && touches(entry, target)) ?? null;
}

/**
 * The newest action on this target when its outcome stayed unknown after reconciling: worth a warning, no longer a
 * lock. A later action on the same target that did settle supersedes it.
 */
export function unresolvedEntry(entries: readonly ActionEntry[], target: RowTarget): ActionEntry | null {
  const newest = entries.find((entry) => touches(entry, target));
  return newest && newest.state === 'unknown' && newest.reconciled ? newest : null;
}

/**
 * The earlier action a dialog may send again as a deliberate retry, or null: only one that certainly was not carried
 * out. Either the send found an earlier interrupted attempt that did not happen, or the dialog's own send had an
 * unknown outcome that reading the broker settled as not done (`settled`, the entry the settling push updated).
 */
export function retryableEarlier(answer: ActionReceipt | undefined, settled: ActionEntry | null): string | null {
  if (answer?.earlier) return answer.earlier.verdict === 'not_happened' ? answer.earlier.actionId : null;
  if (settled?.reconciled && settled.state === 'rejected') return settled.actionId;
  return null;
}

const PENDING_WORDS: Record<ActionKind, string> = {
  close_position: 'Closing…',
  close_all: 'Closing all…',
  cancel_order: 'Cancelling…',
  cancel_all_orders: 'Cancelling all…',
  close_account: 'Closing account…',
  sweep_cash: 'Sweeping cash…',
};

/**
 * Whether the broker already took a close for this row (accepted or filled) and the row is still listed: a further
 * close then goes through the dialog even where the connection skips it, since the first may still be working.
 */
export function hasTakenClose(entries: readonly ActionEntry[], target: RowTarget): boolean {
  const newest = entries.find((entry) => touches(entry, target));
  return newest !== undefined && (newest.state === 'accepted' || newest.state === 'filled');
}

/** The newest action on this target while the broker works its order (accepted, followed until it ends), or null. */
export function workingEntry(entries: readonly ActionEntry[], target: RowTarget): ActionEntry | null {
  const newest = entries.find((entry) => touches(entry, target));
  return newest !== undefined && newest.state === 'accepted' ? newest : null;
}

/** The row badge's text while an action is unsettled. */
export function badgeText(entry: ActionEntry): string {
  return entry.state === 'unknown' ? 'Outcome unknown' : PENDING_WORDS[entry.kind];
}

/** Why a row's buttons are disabled, naming the action that holds them. */
export function lockReason(entry: ActionEntry): string {
  if (entry.state === 'unknown') {
    return `${entry.label}: outcome unknown since ${formatClock(entry.updatedAt)}. Closeout is re-reading the account to settle it and sends nothing meanwhile.`;
  }
  return `${entry.label} was sent at ${formatClock(entry.startedAt)} and is waiting for the broker.`;
}

export const STATE_WORDS: Record<EntryState, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  filled: 'Filled',
  partly_filled: 'Partly filled',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
  unknown: 'Outcome unknown',
  not_sent: 'Not sent',
  failed: 'Failed',
};
