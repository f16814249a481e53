import type { SimInstrument } from './types';

/** Prices from one January 2026 morning, with the digits each market quotes. */
export const INSTRUMENTS: readonly SimInstrument[] = [
  { symbol: 'BTCUSD', code: 'btc', kind: 'crypto', price: '42350.75' },
  { symbol: 'ETHUSD', code: 'eth', kind: 'crypto', price: '2291.38' },
  { symbol: 'SOLUSD', code: 'sol', kind: 'crypto', price: '98.4172' },
  { symbol: 'XRPUSD', code: 'xrp', kind: 'crypto', price: '0.52137' },
  { symbol: 'LTCUSD', code: 'ltc', kind: 'crypto', price: '68.914' },
  { symbol: 'EURUSD', code: 'eurusd', kind: 'fx', price: '1.08423' },
  { symbol: 'GBPUSD', code: 'gbpusd', kind: 'fx', price: '1.27104' },
  { symbol: 'USDJPY', code: 'usdjpy', kind: 'fx', price: '147.862', usdBase: true },
  { symbol: 'AUDUSD', code: 'audusd', kind: 'fx', price: '0.65812' },
  { symbol: 'USDCHF', code: 'usdchf', kind: 'fx', price: '0.86247', usdBase: true },
  { symbol: 'XAUUSD', code: 'xauusd', kind: 'metal', price: '2027.46' },
  { symbol: 'US500', code: 'us500', kind: 'index', price: '4890.3' },
  { symbol: 'US30', code: 'us30', kind: 'index', price: '38109.4' },
  { symbol: 'USTEC', code: 'ustec', kind: 'index', price: '17421.85' },
  { symbol: 'DE30', code: 'de30', kind: 'index', price: '16904.2' },
  { symbol: 'UK100', code: 'uk100', kind: 'index', price: '7628.5' },
  { symbol: 'JP225', code: 'jp225', kind: 'index', price: '36012' },
];
