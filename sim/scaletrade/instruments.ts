import type { SimInstrument } from './types';

/**
 * A USD account's market: FX majors and crosses, metals and index CFDs. quoteToAccount turns a quote-currency amount
 * into dollars (JPY, CHF, CAD, GBP and EUR quotes at a fixed rate), marginPerLot is the 1:500 margin in dollars.
 */
export const INSTRUMENTS: readonly SimInstrument[] = [
  { symbol: 'EURUSD', digits: 5, bid: '1.08412', ask: '1.08426', contractSize: '100000', quoteToAccount: '1', marginPerLot: '216.84' },
  { symbol: 'GBPUSD', digits: 5, bid: '1.27134', ask: '1.27152', contractSize: '100000', quoteToAccount: '1', marginPerLot: '254.29' },
  { symbol: 'USDJPY', digits: 3, bid: '157.214', ask: '157.231', contractSize: '100000', quoteToAccount: '0.0063605', marginPerLot: '200' },
  { symbol: 'AUDUSD', digits: 5, bid: '0.66071', ask: '0.66085', contractSize: '100000', quoteToAccount: '1', marginPerLot: '132.16' },
  { symbol: 'USDCHF', digits: 5, bid: '0.90512', ask: '0.9053', contractSize: '100000', quoteToAccount: '1.1047', marginPerLot: '200' },
  { symbol: 'USDCAD', digits: 5, bid: '1.36512', ask: '1.36528', contractSize: '100000', quoteToAccount: '0.7325', marginPerLot: '200' },
  { symbol: 'NZDUSD', digits: 5, bid: '0.61152', ask: '0.61168', contractSize: '100000', quoteToAccount: '1', marginPerLot: '122.32' },
  { symbol: 'EURGBP', digits: 5, bid: '0.85271', ask: '0.85289', contractSize: '100000', quoteToAccount: '1.2714', marginPerLot: '216.84' },
  { symbol: 'XAUUSD', digits: 2, bid: '2341.15', ask: '2341.45', contractSize: '100', quoteToAccount: '1', marginPerLot: '468.26' },
  { symbol: 'XAGUSD', digits: 3, bid: '29.512', ask: '29.542', contractSize: '5000', quoteToAccount: '1', marginPerLot: '295.27' },
  { symbol: 'US30', digits: 1, bid: '39112.4', ask: '39114.4', contractSize: '1', quoteToAccount: '1', marginPerLot: '78.23' },
  { symbol: 'US500', digits: 2, bid: '5281.35', ask: '5281.85', contractSize: '1', quoteToAccount: '1', marginPerLot: '10.56' },
  { symbol: 'NAS100', digits: 1, bid: '18560.2', ask: '18561.7', contractSize: '1', quoteToAccount: '1', marginPerLot: '37.12' },
  { symbol: 'GER40', digits: 1, bid: '18710.5', ask: '18712', contractSize: '1', quoteToAccount: '1.0842', marginPerLot: '40.57' },
  { symbol: 'UK100', digits: 1, bid: '8231.2', ask: '8232.4', contractSize: '1', quoteToAccount: '1.2714', marginPerLot: '20.93' },
];

const INDEX_SYMBOLS: ReadonlySet<string> = new Set(['US30', 'US500', 'NAS100', 'GER40', 'UK100']);

export function isIndex(symbol: string): boolean {
  return INDEX_SYMBOLS.has(symbol);
}
