import { dec, type DecimalString } from '../../../../shared/decimal';
import type { ClosingOrder, ClosingOrderReading } from '../broker';
import { CMD_BUY, isoTime, lotsOf } from './mapping';
import type { TradeRecord } from './tradeTable';

/**
 * Finds the closed trade each close left in ScaleTrade's history. A full close closes the ticket itself; a partial one
 * books the closed part as a new ticket with the same symbol, side and open price, closed for the lots asked, no
 * earlier than the close was sent (the history keeps whole seconds). The close answer names no price: this trade does.
 */
export function readClosingTrades(closing: readonly ClosingOrder[], closedTrades: readonly TradeRecord[]): ClosingOrderReading[] {
  const claimed = new Set<string>();
  return closing.map(({ order, position }) => {
    const sentAt = Math.floor(Date.parse(order.createdAt) / 1000);
    const sameTicket = closedTrades.find((trade) => trade.order === order.id);
    const splitOff = closedTrades
      .filter(
        (trade) =>
          !claimed.has(trade.order) &&
          trade.symbol === position.symbol &&
          (trade.cmd === CMD_BUY) === (position.side === 'long') &&
          position.avgPrice !== null &&
          dec(trade.openPrice).equals(position.avgPrice) &&
          dec(lotsOf(trade.volume)).equals(order.quantity ?? position.quantity) &&
          (trade.closeTime ?? 0) >= sentAt,
      )
      .sort((a, b) => (b.closeTime ?? 0) - (a.closeTime ?? 0))[0];
    const trade = sameTicket ?? splitOff;
    if (trade === undefined || trade.closePrice === null) return { order, realizedPnl: null };
    claimed.add(trade.order);
    const filled: DecimalString = lotsOf(trade.volume);
    return {
      order: { ...order, status: 'filled', open: false, filledQuantity: filled, avgFillPrice: trade.closePrice, updatedAt: isoTime(trade.closeTime) ?? order.updatedAt },
      realizedPnl: trade.netProfit ?? trade.profit,
    };
  });
}
