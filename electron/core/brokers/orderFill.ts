import { dec } from '../../../shared/decimal';
import type { ClosedTrade, Order } from '../../../shared/domain';

/**
 * A filled (or partly filled) order as a line of the Fills tab; null for an order nothing of which has filled. A sell
 * closed a long position and a buy a short one; brokers that read fills from orders give no entry price or profit.
 */
export function fillOfOrder(order: Order, closedAt: string | null): ClosedTrade | null {
  if (dec(order.filledQuantity).isZero()) return null;
  return {
    id: order.id,
    accountId: order.accountId,
    symbol: order.symbol,
    side: order.side === 'sell' ? 'long' : 'short',
    orderSide: order.side,
    quantity: order.filledQuantity,
    openPrice: null,
    closePrice: order.avgFillPrice,
    profit: null,
    closedAt,
    ...(order.priceScale ? { priceScale: order.priceScale } : {}),
  };
}
