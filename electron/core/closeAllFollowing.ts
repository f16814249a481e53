import type { CloseAllItem, CloseAllReceipt, ActionState, FillReport } from '../../shared/actions';
import type { AuditSubject } from '../../shared/audit';
import { dec, toDecimalString } from '../../shared/decimal';
import { fillPricePhrase, realisedPnlText } from '../../shared/fillText';
import { formatAmount, formatDecimal } from '../../shared/numberFormat';
import type { BrokerAdapter } from './brokers/broker';
import { followOrders, needsReading, recordFollowed, type FollowDeps, type FollowedOrder } from './fillFollowing';
import { fillMessage, fillOf, stateOfFill } from './fillReport';

export interface CloseAllFollowSpec {
  actionId: string;
  connection: string;
  broker: string;
  accountId: string;
  params: Record<string, unknown>;
  subject?: AuditSubject;
  adapter: BrokerAdapter;
  receipt: CloseAllReceipt;
  /** The account currency, where Closeout has read it: realised P&L is written in it. */
  currency?: string | null;
  /** Each position's closing order as the broker's answer gave it, by position id. */
  answers: ReadonlyMap<string, FollowedOrder>;
}

/** The items the broker took, each with the order its answer gave. */
function followable(spec: Pick<CloseAllFollowSpec, 'receipt' | 'answers'>): Array<{ index: number; followed: FollowedOrder }> {
  return spec.receipt.items.flatMap((item, index) => {
    const followed = spec.answers.get(item.positionId);
    return (item.state === 'accepted' || item.state === 'filled') && followed ? [{ index, followed }] : [];
  });
}

/** Whether following has to read the broker, or only reports what the answers already said (Exness). */
export function closeAllNeedsReading(spec: Pick<CloseAllFollowSpec, 'adapter' | 'receipt' | 'answers'>): boolean {
  return needsReading(
    spec.adapter,
    followable(spec).map(({ followed }) => followed),
  );
}

export function hasFollowable(spec: Pick<CloseAllFollowSpec, 'receipt' | 'answers'>): boolean {
  return followable(spec).length > 0;
}

/**
 * Follows every closing order of a close all to its end, a bounded number of reads at a time: each position's item
 * moves to filled, partly filled or rejected with its fill, the receipt says how the whole went, the fills are kept on
 * the intent and the audit trail, and the moved-on receipt is pushed when `push` (the caller did not wait).
 */
export async function followCloseAll(deps: FollowDeps, spec: CloseAllFollowSpec, push: boolean): Promise<CloseAllReceipt> {
  const targets = followable(spec);
  if (targets.length === 0) return spec.receipt;
  const followed = await followOrders(
    deps,
    spec.adapter,
    spec.accountId,
    targets.map(({ followed: answer }) => answer),
  );
  const items = [...spec.receipt.items];
  const fills: FillReport[] = [];
  targets.forEach(({ index }, at) => {
    const { order, position, realizedPnl } = followed[at] as FollowedOrder;
    const fill = fillOf(order, position, 'close_position', realizedPnl, spec.currency ?? null);
    fills.push(fill);
    const { remaining: _answered, ...item } = items[index] as CloseAllItem;
    const left = order.open || dec(fill.remaining).isZero() ? {} : { remaining: fill.remaining };
    items[index] = { ...item, state: stateOfFill('close_position', order, fill), orderId: order.id, message: fillMessage('close_position', order, fill, position), fill, ...left };
  });
  const receipt: CloseAllReceipt = { ...spec.receipt, items, state: followedState(items), message: followedMessage(items) };
  recordFollowed(deps, { ...spec, kind: 'close_all', outcome: receipt.state, message: receipt.message }, fills);
  if (push) deps.emit?.('action:updated', receipt);
  return receipt;
}

/** How a followed close all ended: filled only when every position did; a refusal or a part left makes it partial. */
export function followedState(items: readonly CloseAllItem[]): ActionState {
  if (items.some((item) => item.state === 'unknown')) return 'unknown';
  if (items.every((item) => item.state === 'rejected')) return 'rejected';
  if (items.some((item) => item.state === 'accepted')) return 'accepted';
  return items.every((item) => item.state === 'filled') ? 'filled' : 'partly_filled';
}

/** Fills named one by one up to this many positions; a longer close all is counted, each line in its item. */
const NAMED_FILLS = 5;

function fillPhrase(item: CloseAllItem): string {
  const fill = item.fill as FillReport;
  const realised = realisedPnlText(fill);
  const pnl = realised === null ? '' : ` (P&L ${realised}${fill.realizedPnlEstimated ? ', estimated' : ''})`;
  const left = item.state === 'partly_filled' && item.remaining !== undefined ? `, ${formatDecimal(item.remaining)} stay open` : '';
  return `${formatDecimal(fill.filledQuantity)} ${item.symbol}${fillPricePhrase(fill)}${pnl}${left}`;
}

/** "Filled 2 of 3 positions: 12 AAPL at 187.20 (P&L 12.00 USD, estimated), …; 1 only in part; realised P&L 40.50 USD (estimated)." */
export function followedMessage(items: readonly CloseAllItem[]): string {
  const total = items.length;
  const count = (state: ActionState) => items.filter((item) => item.state === state).length;
  const withFill = items.filter((item) => item.fill !== undefined && !dec(item.fill.filledQuantity).isZero());
  const named = withFill.length > 0 && withFill.length <= NAMED_FILLS ? `: ${withFill.map(fillPhrase).join('; ')}` : '';
  const parts = [`Filled ${count('filled')} of ${total} ${total === 1 ? 'position' : 'positions'}${named}`];
  if (count('partly_filled') > 0) parts.push(`${count('partly_filled')} only in part (${items.filter((item) => item.state === 'partly_filled').map((item) => `${item.symbol}: ${formatDecimal(item.remaining)} stay open`).join(', ')})`);
  if (count('accepted') > 0) parts.push(`${count('accepted')} still working when Closeout stopped following them: check the orders`);
  if (count('rejected') > 0) parts.push(`${count('rejected')} refused or not filled`);
  if (count('unknown') > 0) parts.push(`${count('unknown')} with no answer (outcome unknown: check before closing again)`);
  const realised = withFill.filter((item) => item.fill !== undefined && item.fill.realizedPnl !== null);
  if (realised.length > 0) {
    const sum = realised.reduce((total, item) => total.plus(item.fill?.realizedPnl ?? '0'), dec('0'));
    const estimated = realised.some((item) => item.fill?.realizedPnlEstimated);
    const currency = realised.find((item) => item.fill?.currency)?.fill?.currency ?? null;
    parts.push(`realised P&L ${formatAmount(toDecimalString(sum), currency)}${estimated ? ' (estimated from the average entry prices)' : ''}`);
  }
  return `${parts.join('; ')}.`;
}
