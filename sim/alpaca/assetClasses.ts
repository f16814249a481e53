import { d } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import type { SimAsset } from './types';

/** Shares one US option contract stands for: its price is per share, its value per contract. */
const OPTION_CONTRACT_SIZE = d(100);

/** What one unit of the position is worth in prices: 100 for an option contract, 1 for a share or a coin. */
export function contractSize(asset: SimAsset): SimDecimal {
  return asset.asset_class === 'us_option' ? OPTION_CONTRACT_SIZE : d(1);
}

/**
 * The symbol a position is listed and addressed by. A crypto asset is "BTC/USD" and so are its orders, but its position
 * is "BTCUSD", and only that form (or the asset id) names it in a path.
 */
export function positionSymbol(asset: SimAsset): string {
  return asset.asset_class === 'crypto' ? asset.symbol.replace('/', '') : asset.symbol;
}
