import type { Order, OrderSide, Position } from '../../shared/domain';
import { formatDecimal, formatPrice, humanise } from './format';

/** Buys green, sells red; a side Closeout does not know (Clear Street's OTHER) claims neither direction. */
export function sideTone(side: OrderSide): 'positive' | 'negative' | 'neutral' {
  if (side === 'buy') return 'positive';
  if (side === 'sell' || side === 'sell_short') return 'negative';
  return 'neutral';
}

/** "sell 10 AAPL limit at 190.00": an order the way a trader says it. */
export function orderPhrase(order: Order): string {
  const quantity = order.quantity === null ? '' : `${formatDecimal(order.quantity)} `;
  const limit = order.limitPrice === null ? '' : ` at ${formatPrice(order.limitPrice, order.priceScale)}`;
  return `${humanise(order.side)} ${quantity}${order.symbol} ${humanise(order.type)}${limit}`;
}

/**
 * The working orders that hold part of a position: those on its symbol that would reduce it (sells against a long,
 * buys against a short). Brokers set their quantity aside, so a full close waits until they are cancelled.
 */
export function holdingOrders(position: Position, orders: readonly Order[]): Order[] {
  const reducing = position.side === 'long' ? (side: OrderSide) => side === 'sell' || side === 'sell_short' : (side: OrderSide) => side === 'buy';
  return orders.filter((order) => order.open && order.symbol === position.symbol && reducing(order.side));
}
