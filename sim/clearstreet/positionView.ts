import { d, text } from '../shared/decimal';
import { money, percentOf, price } from './money';
import { availableMagnitude } from './orders';
import type { HeldQuantities } from './orders';
import type { ClearStreetPosition, PositionRecord, SimInstrument } from './types';

/**
 * The Position Clear Street serves, computed from the signed quantity, the average price and the market. A short keeps
 * its signs: quantity, available_quantity, market_value and cost_basis are negative, and its P&L is negative when the
 * price rose.
 */
export function positionView(accountId: number, record: PositionRecord, instrument: SimInstrument, held: HeldQuantities | undefined): ClearStreetPosition {
  const quantity = d(record.quantity);
  const last = d(instrument.price);
  const closing = d(instrument.closing_price);
  const average = d(record.avg_price);
  const costBasis = quantity.times(average);
  const unrealized = quantity.times(last.minus(average));
  const dailyUnrealized = quantity.times(last.minus(closing));
  const available = availableMagnitude(quantity, held);
  return {
    account_id: accountId,
    symbol: instrument.symbol,
    instrument_id: instrument.instrument_id,
    instrument_type: instrument.instrument_type,
    position_type: quantity.isNegative() ? 'SHORT' : 'LONG',
    quantity: text(quantity),
    available_quantity: text(quantity.isNegative() ? available.negated() : available),
    market_value: money(quantity.times(last)),
    avg_price: price(average),
    instrument_price: price(last),
    closing_price: price(closing),
    closing_price_date: instrument.closing_price_date,
    cost_basis: money(costBasis),
    unrealized_pnl: money(unrealized),
    unrealized_pnl_pct: percentOf(unrealized, costBasis),
    daily_unrealized_pnl: money(dailyUnrealized),
    daily_unrealized_pnl_pct: percentOf(dailyUnrealized, quantity.times(closing)),
    daily_realized_pnl: money(d(record.daily_realized_pnl ?? '0')),
  };
}
