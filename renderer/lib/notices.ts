import type { ActionReceipt, ActionState, CloseAllItem, CloseAllReceipt } from '../../shared/actions';
import { describeError, type AppErrorShape } from '../../shared/errors';
import { nothingSentNotice } from './interrupted';
import type { NoticeText, NoticeTone } from './noticeText';

const RESOLVE_HINT = 'Closeout is re-reading positions and orders; do not send it again.';

function toneOf(state: ActionState): NoticeTone {
  if (state === 'rejected') return 'error';
  if (state === 'unknown' || state === 'partly_filled') return 'warning';
  return 'success';
}

/** "Close accepted." + id -> "Close accepted (request id r-1)." */
function withRequestId(message: string, requestId: string | null): string {
  if (!requestId || message.includes(requestId)) return message;
  const stop = /[.!]$/.exec(message)?.[0] ?? '';
  return `${message.slice(0, message.length - stop.length)} (request id ${requestId})${stop}`;
}

const STATE_ORDER: ActionState[] = ['filled', 'partly_filled', 'accepted', 'pending', 'cancelled', 'rejected', 'unknown'];

/** "2 accepted, 1 rejected": how a close-all went, position by position. */
export function summariseCloseAll(items: readonly CloseAllItem[]): string {
  if (items.length === 0) return 'no positions';
  const counts = new Map<ActionState, number>();
  for (const item of items) counts.set(item.state, (counts.get(item.state) ?? 0) + 1);
  return STATE_ORDER.filter((state) => counts.has(state))
    .map((state) => `${counts.get(state)} ${state}`)
    .join(', ');
}

/**
 * One close-all line: the order id when the broker took it (and what stays open when it closes only part), otherwise
 * its reason with code and HTTP status.
 */
export function closeAllItemDetail(item: CloseAllItem): string {
  if (item.orderId && item.state !== 'rejected') return item.remaining === undefined ? item.orderId : `${item.orderId} (${item.remaining} stay open)`;
  const extras: string[] = [];
  if (item.brokerCode && item.brokerCode !== item.message) extras.push(`broker code ${item.brokerCode}`);
  if (item.httpStatus) extras.push(`HTTP ${item.httpStatus}`);
  return extras.length > 0 ? `${item.message} (${extras.join(', ')})` : item.message;
}

function isCloseAll(receipt: ActionReceipt | CloseAllReceipt): receipt is CloseAllReceipt {
  return receipt.kind === 'close_all' && 'items' in receipt;
}

/**
 * What a person reads after the broker answered: the broker's outcome in plain words, with the request id; or, when
 * the core found an earlier interrupted attempt on the target instead of sending, that nothing new was sent.
 */
export function receiptNotice(receipt: ActionReceipt | CloseAllReceipt): NoticeText {
  if (receipt.earlier) return nothingSentNotice(receipt.earlier);
  const tone = isCloseAll(receipt) && receipt.items.some((item) => item.state === 'rejected') && receipt.state !== 'unknown'
    ? 'warning'
    : toneOf(receipt.state);
  let text = withRequestId(receipt.message, receipt.requestId);
  if (isCloseAll(receipt)) text = `${text} Per position: ${summariseCloseAll(receipt.items)}.`;
  if (receipt.state === 'unknown') text = `Outcome unknown: ${text} ${RESOLVE_HINT}`;
  return { tone, text };
}

// A stop may sit inside closing quotes or brackets ("(… closed.)"), and an ellipsis ends a sentence too.
const ENDS_SENTENCE = /[.!?…]["'”’)\]]*$/;
// Two stops where a message that ended with one had another appended upstream; three are an ellipsis.
const DOUBLED_STOP = /(?<!\.)\.\.$/;

/** Ends the text with exactly one full stop, whether it came with none, one, or a doubled one. */
function sentence(text: string): string {
  const trimmed = text.trimEnd().replace(DOUBLED_STOP, '.');
  return ENDS_SENTENCE.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** What a person reads when an action failed; `what` names the action, e.g. "Close AAPL in account 9JA74XQ2". */
export function failureNotice(what: string, error: AppErrorShape): NoticeText {
  const detail = describeError(error);
  if (error.code === 'in_flight') return { tone: 'info', text: `${what} is already in flight: wait for its result. ${sentence(detail)}` };
  if (error.outcome === 'unknown' || error.code === 'outcome_unknown') {
    return { tone: 'warning', text: `${what}: outcome unknown. ${sentence(detail)} ${RESOLVE_HINT}` };
  }
  const sent = error.outcome === 'not_sent' ? ' Nothing was sent to the broker.' : '';
  return { tone: 'error', text: `${what} failed: ${sentence(detail)}${sent}` };
}

/** A push settling an earlier action, prefixed with that action's name when the Actions panel knows it. */
export function settledNotice(receipt: ActionReceipt | CloseAllReceipt, label: string | null): NoticeText {
  const notice = receiptNotice(receipt);
  return label === null ? notice : { ...notice, text: `${label}: ${notice.text}` };
}
