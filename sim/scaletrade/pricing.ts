import { d, text } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import { CMD } from './types';
import type { SimInstrument } from './types';

const MINIMAL_LOTS_PER_LOT = 100;

/** Buys are bought at the ask and closed at the bid; sells the other way round. Pending kinds follow their direction. */
export function isBuy(cmd: number): boolean {
  return cmd % 2 === CMD.buy;
}

export function closingPrice(instrument: SimInstrument, cmd: number): string {
  return isBuy(cmd) ? instrument.bid : instrument.ask;
}

export function openingPrice(instrument: SimInstrument, cmd: number): string {
  return isBuy(cmd) ? instrument.ask : instrument.bid;
}

export function lots(volume: number): SimDecimal {
  return d(volume).dividedBy(MINIMAL_LOTS_PER_LOT);
}

/** Money in the account currency, rounded half up to cents as the platform books it. */
export function money(value: SimDecimal): string {
  return text(value.toDecimalPlaces(2));
}

/** Profit of `volume` minimal lots moved from the open to the close price, in the account currency. */
export function tradeProfit(instrument: SimInstrument, cmd: number, volume: number, openPrice: string, closePrice: string): string {
  const move = isBuy(cmd) ? d(closePrice).minus(openPrice) : d(openPrice).minus(closePrice);
  return money(move.times(lots(volume)).times(instrument.contractSize).times(instrument.quoteToAccount));
}

/** The share of a commission or swap that goes with `part` of `whole` minimal lots on a partial close. */
export function prorate(amount: string, part: number, whole: number): string {
  return money(d(amount).times(part).dividedBy(whole));
}

export function margin(instrument: SimInstrument, volume: number): SimDecimal {
  return lots(volume).times(instrument.marginPerLot);
}
