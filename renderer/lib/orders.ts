import type { Order } from '../../shared/domain';
import { formatDecimal, humanise } from './format';

/** "sell 10 AAPL limit at 190.00": an order the way a trader says it. */
export function orderPhrase(order: Order): string {
  const quantity = order.quantity === null ? '' : `${formatDecimal(order.quantity)} `;
  const limit = order.limitPrice === null ? '' : ` at ${formatDecimal(order.limitPrice)}`;
  return `${humanise(order.side)} ${quantity}${order.symbol} ${humanise(order.type)}${limit}`;
}
