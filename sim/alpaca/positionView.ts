import { d, text } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import { contractSize, positionSymbol } from './assetClasses';
import type { AlpacaPosition, PositionRecord, SimAsset } from './types';

const RATIO_PLACES = 16;

function ratio(numerator: SimDecimal, denominator: SimDecimal): string {
  if (denominator.isZero()) return '0';
  return text(numerator.dividedBy(denominator).toDecimalPlaces(RATIO_PLACES));
}

/**
 * The Position Alpaca serves, computed from qty, entry and market price. Shorts keep Alpaca's signs: qty,
 * qty_available, market_value and cost_basis are negative, and unrealized_pl is negative when the price rose. An option's
 * prices are per share and its values per contract of 100; a crypto position is listed without the pair's slash.
 */
export function positionView(record: PositionRecord, asset: SimAsset, heldForOrders: SimDecimal): AlpacaPosition {
  const qty = d(record.qty);
  const size = contractSize(asset);
  const price = d(asset.price);
  const lastday = d(asset.lastday_price);
  const marketValue = qty.times(price).times(size);
  const costBasis = qty.times(d(record.avg_entry_price)).times(size);
  const unrealized = marketValue.minus(costBasis);
  const intraday = qty.times(price.minus(lastday)).times(size);
  const availableMagnitude = atLeastZero(qty.abs().minus(heldForOrders));
  return {
    asset_id: asset.asset_id,
    symbol: positionSymbol(asset),
    exchange: asset.exchange,
    asset_class: asset.asset_class,
    asset_marginable: asset.asset_class === 'us_equity',
    qty: text(qty),
    qty_available: text(qty.isNegative() ? availableMagnitude.negated() : availableMagnitude),
    avg_entry_price: record.avg_entry_price,
    side: qty.isNegative() ? 'short' : 'long',
    market_value: text(marketValue),
    cost_basis: text(costBasis),
    unrealized_pl: text(unrealized),
    unrealized_plpc: ratio(unrealized, costBasis.abs()),
    unrealized_intraday_pl: text(intraday),
    unrealized_intraday_plpc: ratio(intraday, qty.times(lastday).times(size).abs()),
    current_price: asset.price,
    lastday_price: asset.lastday_price,
    change_today: ratio(price.minus(lastday), lastday),
  };
}

function atLeastZero(value: SimDecimal): SimDecimal {
  return value.isNegative() ? d(0) : value;
}
