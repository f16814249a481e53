import type { ActionKind, ActionReceipt, CloseAllReceipt, EarlierAttempt, EarlierVerdict } from '../../shared/actions';
import { formatTimestamp } from './format';
import type { NoticeText } from './noticeText';

// Actions a Closeout process started and could not finish because it stopped: the next core to start claims them and
// reads the broker to settle them. The Actions panel lists them beside this window's own actions.

/** One interrupted action as the Actions panel shows it. */
export interface InterruptedAction {
  actionId: string;
  kind: ActionKind;
  /** "close of 10 shares of AAPL" */
  summary: string;
  /** ISO time the interrupted process started it. */
  startedAt: string;
  /** null while Closeout is still reading the broker. */
  verdict: EarlierVerdict | null;
  /** What reading found, in the core's words; null while it is still reading. */
  message: string | null;
}

/** The interrupted action a receipt reports, or null for a receipt about an action of its own. */
export function interruptedOf(receipt: ActionReceipt | CloseAllReceipt): InterruptedAction | null {
  const { earlier } = receipt;
  if (!earlier) return null;
  return {
    actionId: earlier.actionId,
    kind: receipt.kind,
    summary: earlier.summary,
    startedAt: earlier.startedAt,
    verdict: earlier.verdict,
    message: earlier.verdict === null ? null : receipt.message,
  };
}

/**
 * A fresh read of the list, keeping every verdict already known: a read the core answered before a push settled an
 * action may arrive after that push, and must not turn the action back to "reading".
 */
export function mergeInterrupted(held: readonly InterruptedAction[] | undefined, fresh: readonly InterruptedAction[]): InterruptedAction[] {
  const known = new Map((held ?? []).filter((action) => action.verdict !== null).map((action) => [action.actionId, action]));
  return fresh.map((action) => (action.verdict === null ? (known.get(action.actionId) ?? action) : action));
}

/** The list with one action settled by a push: in its place, or first when the list did not have it yet. */
export function withSettledInterrupted(held: readonly InterruptedAction[] | undefined, settled: InterruptedAction): InterruptedAction[] {
  const list = held ?? [];
  return list.some((action) => action.actionId === settled.actionId)
    ? list.map((action) => (action.actionId === settled.actionId ? settled : action))
    : [settled, ...list];
}

export const isBeingRead = (action: InterruptedAction): boolean => action.verdict === null;

const READING_WORDS = 'Outcome unknown — reading the broker';

/** The verdict in words, as a badge shows it. */
export const VERDICT_WORDS: Record<EarlierVerdict, string> = {
  happened: 'Did happen',
  partly: 'Partly happened',
  not_happened: 'Did not happen',
  still_unknown: 'Could not be settled',
};

/** The badge of an interrupted action: the verdict, or that the outcome is not known yet. */
export function interruptedStatus(verdict: EarlierVerdict | null): string {
  return verdict === null ? 'Outcome unknown' : VERDICT_WORDS[verdict];
}

/** "close of 10 shares of AAPL, started 2026-12-03 09:41:03 by a Closeout process that stopped" */
export function startedBy(summary: string, startedAt: string): string {
  return `${summary}, started ${formatTimestamp(startedAt)} by a Closeout process that stopped`;
}

/** What the Actions panel says beside an interrupted action's name. */
export function interruptedDetail(action: InterruptedAction): string {
  const started = `Started ${formatTimestamp(action.startedAt)} by a Closeout process that stopped.`;
  if (action.verdict === null) return `${started} ${READING_WORDS}; nothing is sent again meanwhile.`;
  return `${started} ${action.message ?? ''}`.trim();
}

// Nothing happened, or nobody can tell: the person has to look, so the notice stays until dismissed.
const VERDICT_TONE: Record<EarlierVerdict, NoticeText['tone']> = {
  happened: 'info',
  partly: 'warning',
  not_happened: 'warning',
  still_unknown: 'warning',
};

/** Announces interrupted actions found at start that are still being read. */
export function foundNotice([first, ...others]: readonly [InterruptedAction, ...InterruptedAction[]]): NoticeText {
  const more = others.length > 0 ? `, and ${others.length} more interrupted ${others.length === 1 ? 'action' : 'actions'}` : '';
  return { tone: 'warning', text: `Closeout found an interrupted ${startedBy(first.summary, first.startedAt)}${more}. ${READING_WORDS}; nothing is sent again meanwhile.` };
}

/** Announces the verdict on an interrupted action once reading the broker has settled it. */
export function verdictNotice(action: InterruptedAction): NoticeText {
  const verdict = action.verdict ?? 'still_unknown';
  return { tone: VERDICT_TONE[verdict], text: `The interrupted ${startedBy(action.summary, action.startedAt)}: ${VERDICT_WORDS[verdict].toLowerCase()}.` };
}

/** "An earlier close of 10 shares of AAPL, started … by a Closeout process that stopped, did not happen." */
export function earlierSentence(earlier: EarlierAttempt): string {
  const words = earlier.verdict === null ? 'is still being read' : VERDICT_WORDS[earlier.verdict].toLowerCase();
  return `An earlier ${startedBy(earlier.summary, earlier.startedAt)}, ${words}.`;
}

/**
 * The answer to a send that found an earlier interrupted attempt on its target: nothing new went to the broker, and
 * how that earlier attempt ended is the news.
 */
export function nothingSentNotice(earlier: EarlierAttempt): NoticeText {
  return { tone: earlier.verdict === null ? 'warning' : VERDICT_TONE[earlier.verdict], text: `Nothing new was sent. ${earlierSentence(earlier)}` };
}
