import type { Position } from '../../../shared/domain';
import { digitsScale, US_EQUITY_SCALE, type PriceScale } from '../../../shared/numberFormat';

const OPTION_CENTS = digitsScale(2);

/**
 * How the stock brokers' instruments are priced, by Alpaca's asset_class or Clear Street's instrument_type: stocks by
 * the sub-penny convention, option premiums in cents. Coins, indexes and cash have no convention and show as sent.
 */
const SCALES: Readonly<Record<string, PriceScale>> = {
  us_equity: US_EQUITY_SCALE,
  COMMON_STOCK: US_EQUITY_SCALE,
  us_option: OPTION_CENTS,
  OPTION: OPTION_CENTS,
};

export function stockPriceScale(kind: string | null | undefined): Pick<Position, 'priceScale'> {
  const scale = kind ? SCALES[kind] : undefined;
  return scale === undefined ? {} : { priceScale: scale };
}
