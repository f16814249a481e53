import { d, text } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import type { AlpacaPosition, PositionRecord, SimAsset } from './types';

const RATIO_PLACES = 16;

function ratio(numerator: SimDecimal, denominator: SimDecimal): string {
  if (denominator.isZero()) return '0';
  return text(numerator.dividedBy(denominator).toDecimalPlaces(RATIO_PLACES));
}

/**
 * The Position Alpaca serves, computed from qty, entry and market price. Shorts keep Alpaca's signs: qty,
 * qty_available, market_value and cost_basis are negative, and unrealized_pl is negative when the price rose.
 */
export function positionView(record: PositionRecord, asset: SimAsset, heldForOrders: SimDecimal): AlpacaPosition {
  const qty = d(record.qty);
  const price = d(asset.price);
  const lastday = d(asset.lastday_price);
  const marketValue = qty.times(price);
  const costBasis = qty.times(d(record.avg_entry_price));
  const unrealized = marketValue.minus(costBasis);
  const intraday = qty.times(price.minus(lastday));
  const availableMagnitude = atLeastZero(qty.abs().minus(heldForOrders));
  return {
    asset_id: asset.asset_id,
    symbol: record.symbol,
    exchange: asset.exchange,
    asset_class: 'us_equity',
    asset_marginable: true,
    qty: text(qty),
    qty_available: text(qty.isNegative() ? availableMagnitude.negated() : availableMagnitude),
    avg_entry_price: record.avg_entry_price,
    side: qty.isNegative() ? 'short' : 'long',
    market_value: text(marketValue),
    cost_basis: text(costBasis),
    unrealized_pl: text(unrealized),
    unrealized_plpc: ratio(unrealized, costBasis.abs()),
    unrealized_intraday_pl: text(intraday),
    unrealized_intraday_plpc: ratio(intraday, qty.times(lastday).abs()),
    current_price: asset.price,
    lastday_price: asset.lastday_price,
    change_today: ratio(price.minus(lastday), lastday),
  };
}

function atLeastZero(value: SimDecimal): SimDecimal {
  return value.isNegative() ? d(0) : value;
}
