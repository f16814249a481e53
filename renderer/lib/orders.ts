import type { Order, OrderSide } from '../../shared/domain';
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
