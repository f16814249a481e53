import type { AuditSubject } from '../../shared/audit';
import type { ActionKind, ActionReceipt, ActionState, FillReport } from '../../shared/actions';
import type { PushEvent, PushEvents } from '../../shared/contract';
import { dec, toDecimalString } from '../../shared/decimal';
import type { Order, Position } from '../../shared/domain';
import type { BrokerAdapter } from './brokers/broker';
import type { JournalStores } from './journal';
import { auditEntryFor } from './journal/intents';
import { formatDecimal, formatMoney } from '../../shared/numberFormat';

/** Reads of one order: at most this many, this far apart. A market close fills in well under that; a resting one is left working. */
export interface FollowPace {
  intervalMs: number;
  maxReads: number;
}

export const DEFAULT_FOLLOW_PACE: FollowPace = { intervalMs: 1_000, maxReads: 30 };

export interface FollowDeps extends Pick<JournalStores, 'journal' | 'audit' | 'intents'> {
  emit?: <E extends PushEvent>(event: E, payload: PushEvents[E]) => void;
  pace?: FollowPace;
  sleep?: (ms: number) => Promise<void>;
}

export interface FollowSpec {
  actionId: string;
  kind: Extract<ActionKind, 'close_position' | 'cancel_order'>;
  connection: string;
  broker: string;
  accountId: string;
  params: Record<string, unknown>;
  /** Account number, holder name and symbol the action's own records keep. */
  subject?: AuditSubject;
  adapter: BrokerAdapter;
  /** The receipt the broker's answer made: following moves it on. */
  receipt: ActionReceipt;
  /** The position closed, for an estimate of the realised P&L where the broker gives none. */
  position: Position | null;
}

/**
 * Whether there is an order to follow, and a way to read it by id. One that already ended in the broker's answer is
 * reported as it stands, without a read. Brokers without orders by id (Exness, ScaleTrade) say what they did at once.
 */
export function canFollow(adapter: BrokerAdapter, receipt: ActionReceipt): boolean {
  return receipt.order !== null && adapter.getOrder !== undefined;
}

/**
 * Follows the order a close or cancel left by reading it (never by sending anything) until it ends or the pace runs
 * out; records what it found beside the intent's outcome and on the audit trail, and pushes the moved-on receipt.
 * A read that fails ends the following quietly: the order's fate is the broker's, and the next poll shows it.
 */
export async function followOrder(deps: FollowDeps, spec: FollowSpec): Promise<ActionReceipt> {
  const pace = deps.pace ?? DEFAULT_FOLLOW_PACE;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const getOrder = spec.adapter.getOrder?.bind(spec.adapter);
  let order = spec.receipt.order;
  if (!order || !getOrder) return spec.receipt;
  for (let read = 0; read < pace.maxReads && order.open; read += 1) {
    await sleep(pace.intervalMs);
    try {
      order = await getOrder(spec.accountId, order.id);
    } catch {
      return spec.receipt;
    }
  }
  const fill = fillOf(order, spec.position, spec.kind);
  const receipt: ActionReceipt = {
    ...spec.receipt,
    state: stateOf(spec.kind, order, fill),
    message: fillMessage(spec.kind, order, fill, spec.position),
    order,
    fill,
  };
  deps.journal.write(() => {
    deps.intents.recordFill(spec.actionId, fill);
    deps.audit.appendInTransaction({
      ...auditEntryFor({ ...spec, kind: spec.kind }, { phase: 'outcome', requestId: spec.receipt.requestId, outcome: receipt.state, errorCode: null, message: `Followed: ${receipt.message}` }),
      ...spec.subject,
    });
  });
  deps.emit?.('action:updated', receipt);
  return receipt;
}

export function fillOf(order: Order, position: Position | null, kind: FollowSpec['kind']): FillReport {
  const filled = order.filledQuantity;
  const remaining = order.quantity === null ? toDecimalString('0') : toDecimalString(dec(order.quantity).minus(filled));
  const realizedPnl = kind === 'close_position' ? estimatedPnl(order, position) : null;
  return {
    orderId: order.id,
    status: order.status,
    filledQuantity: filled,
    remaining,
    avgPrice: order.avgFillPrice,
    realizedPnl,
    realizedPnlEstimated: realizedPnl !== null,
    ended: !order.open,
  };
}

/**
 * Realised P&L of the filled part, from the fill price and the average entry price: brokers that fill orders report
 * no profit per order. Shares and units only: a contract's multiplier is not in the position.
 */
function estimatedPnl(order: Order, position: Position | null): ReturnType<typeof toDecimalString> | null {
  if (!position || position.avgPrice === null || order.avgFillPrice === null || position.unit.name === 'contracts') return null;
  const perUnit = dec(order.avgFillPrice).minus(position.avgPrice);
  const signed = position.side === 'long' ? perUnit : perUnit.negated();
  return toDecimalString(signed.times(order.filledQuantity).toDecimalPlaces(2));
}

function stateOf(kind: FollowSpec['kind'], order: Order, fill: FillReport): ActionState {
  if (order.open) return 'accepted';
  const anyFilled = !dec(fill.filledQuantity).isZero();
  if (kind === 'cancel_order') return anyFilled && dec(fill.remaining).isZero() ? 'filled' : 'cancelled';
  if (!anyFilled) return 'rejected';
  return dec(fill.remaining).isZero() ? 'filled' : 'partly_filled';
}

function fillMessage(kind: FollowSpec['kind'], order: Order, fill: FillReport, position: Position | null): string {
  const at = fill.avgPrice === null ? '' : ` at ${formatDecimal(fill.avgPrice)}`;
  const filled = `${formatDecimal(fill.filledQuantity)} ${order.symbol}${at}`;
  const pnl = fill.realizedPnl === null ? '' : `; realised P&L ${formatMoney(fill.realizedPnl)}${fill.realizedPnlEstimated ? ' (estimated from the average entry price)' : ''}`;
  if (order.open) return `Order ${order.id} is still ${order.status} after Closeout stopped following it: ${formatDecimal(fill.filledQuantity)} filled so far; check the orders.`;
  if (kind === 'cancel_order') {
    return dec(fill.filledQuantity).isZero() ? `Order ${order.id} is cancelled.` : `Order ${order.id} ended ${order.status} with ${filled} filled before the cancel.`;
  }
  if (dec(fill.filledQuantity).isZero()) return `The closing order ${order.id} ended ${order.status} with nothing filled: ${position ? `${position.symbol} stays open` : 'the position stays open'}.`;
  if (!dec(fill.remaining).isZero()) {
    return `Partly filled: ${filled}${pnl}. ${formatDecimal(fill.remaining)} of the closing order did not fill (order ${order.status}) and stay open.`;
  }
  return `Filled ${filled}${pnl}.`;
}
