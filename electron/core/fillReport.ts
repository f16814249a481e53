import type { ActionState, FillReport } from '../../shared/actions';
import { dec, toDecimalString, type DecimalString } from '../../shared/decimal';
import type { Order, Position } from '../../shared/domain';
import { fillPricePhrase, realisedPnlText } from '../../shared/fillText';
import { formatDecimal } from '../../shared/numberFormat';

export type FollowedKind = 'close_position' | 'cancel_order';

/**
 * What an order did, for the fill report. `brokerPnl` is the close's profit where the broker states it (Exness,
 * ScaleTrade); otherwise a close's realised P&L is estimated from the fill price and the average entry price.
 */
export function fillOf(order: Order, position: Position | null, kind: FollowedKind, brokerPnl: DecimalString | null = null, currency: string | null = null): FillReport {
  const filled = order.filledQuantity;
  const remaining = order.quantity === null ? toDecimalString('0') : toDecimalString(dec(order.quantity).minus(filled));
  const estimate = kind === 'close_position' && brokerPnl === null ? estimatedPnl(order, position) : null;
  const realizedPnl = kind === 'close_position' ? (brokerPnl ?? estimate) : null;
  return {
    orderId: order.id,
    status: order.status,
    filledQuantity: filled,
    remaining,
    avgPrice: order.avgFillPrice,
    realizedPnl,
    realizedPnlEstimated: estimate !== null,
    ended: !order.open,
    ...priceScaleOf(order, position),
    currency,
  };
}

function priceScaleOf(order: Order, position: Position | null): Pick<FillReport, 'priceScale'> {
  const scale = position?.priceScale ?? order.priceScale;
  return scale ? { priceScale: scale } : {};
}

/**
 * Realised P&L of the filled part, from the fill price and the average entry price: brokers that fill orders report
 * no profit per order. Shares and units only: a lot's or a contract's size is not in the position.
 */
function estimatedPnl(order: Order, position: Position | null): DecimalString | null {
  if (!position || position.avgPrice === null || order.avgFillPrice === null) return null;
  if (position.unit.name === 'contracts' || position.unit.name === 'lots') return null;
  const perUnit = dec(order.avgFillPrice).minus(position.avgPrice);
  const signed = position.side === 'long' ? perUnit : perUnit.negated();
  return toDecimalString(signed.times(order.filledQuantity).toDecimalPlaces(2));
}

export function stateOfFill(kind: FollowedKind, order: Order, fill: FillReport): ActionState {
  if (order.open) return 'accepted';
  const anyFilled = !dec(fill.filledQuantity).isZero();
  if (kind === 'cancel_order') return anyFilled && dec(fill.remaining).isZero() ? 'filled' : 'cancelled';
  if (!anyFilled) return 'rejected';
  return dec(fill.remaining).isZero() ? 'filled' : 'partly_filled';
}

export function fillMessage(kind: FollowedKind, order: Order, fill: FillReport, position: Position | null): string {
  const filled = `${formatDecimal(fill.filledQuantity)} ${order.symbol}${fillPricePhrase(fill)}`;
  const realised = realisedPnlText(fill);
  const pnl = realised === null ? '' : `; realised P&L ${realised}${fill.realizedPnlEstimated ? ' (estimated from the average entry price)' : ''}`;
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
