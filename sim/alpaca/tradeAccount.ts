import { d, text } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import { transferableCash } from './settlement';
import type { AccountBook } from './accountBook';
import { contractSize } from './assetClasses';
import type { SimAsset } from './types';

export interface TradeAccount {
  id: string;
  account_number: string;
  status: string;
  crypto_status: string;
  currency: 'USD';
  buying_power: string;
  regt_buying_power: string;
  daytrading_buying_power: string;
  non_marginable_buying_power: string;
  cash: string;
  cash_withdrawable: string;
  cash_transferable: string;
  accrued_fees: string;
  pending_transfer_out: string;
  pending_transfer_in: string;
  portfolio_value: string;
  pattern_day_trader: boolean;
  trading_blocked: boolean;
  transfers_blocked: boolean;
  account_blocked: boolean;
  created_at: string;
  trade_suspended_by_user: boolean;
  multiplier: string;
  shorting_enabled: boolean;
  equity: string;
  last_equity: string;
  long_market_value: string;
  short_market_value: string;
  initial_margin: string;
  maintenance_margin: string;
  last_maintenance_margin: string;
  sma: string;
  daytrade_count: number;
  previous_close: string;
  last_long_market_value: string;
  last_short_market_value: string;
  last_cash: string;
  last_initial_margin: string;
  last_regt_buying_power: string;
  last_daytrading_buying_power: string;
  last_buying_power: string;
  last_daytrade_count: number;
  clearing_broker: string;
}

const MULTIPLIER = d(2);
const DAYTRADE_MULTIPLIER = d(4);
const INITIAL_MARGIN_RATE = d('0.5');
const MAINTENANCE_MARGIN_RATE = d('0.3');

function nonNegative(value: SimDecimal): SimDecimal {
  return value.isNegative() ? d(0) : value;
}

function marketValues(book: AccountBook, assetOf: (symbol: string) => SimAsset, priceOf: (asset: SimAsset) => string) {
  let long = d(0);
  let short = d(0);
  for (const position of book.positions) {
    const asset = assetOf(position.symbol);
    const value = d(position.qty).times(d(priceOf(asset))).times(contractSize(asset));
    if (value.isNegative()) short = short.plus(value);
    else long = long.plus(value);
  }
  return { long, short };
}

/** The last weekday's 16:00 New York close before `now` (winter time: markets close at 21:00 UTC). */
function previousClose(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, 21));
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().replace('.000Z', 'Z');
}

/** Reg-T-style numbers derived from cash and positions: not Alpaca's exact risk engine, but consistent with each other. */
export function tradeAccountView(book: AccountBook, assetOf: (symbol: string) => SimAsset, now: Date, pendingOut: SimDecimal): TradeAccount {
  const cash = d(book.cash);
  // Cash may leave once it has settled and is not already promised to a pending journal; the rest stays in cash.
  const free = text(transferableCash(book.cash, book.unsettled, pendingOut));
  const current = marketValues(book, assetOf, (asset) => asset.price);
  const lastDay = marketValues(book, assetOf, (asset) => asset.lastday_price);
  const equity = cash.plus(current.long).plus(current.short);
  const gross = current.long.plus(current.short.abs());
  const lastGross = lastDay.long.plus(lastDay.short.abs());
  const initialMargin = gross.times(INITIAL_MARGIN_RATE);
  const maintenanceMargin = gross.times(MAINTENANCE_MARGIN_RATE);
  const lastInitialMargin = lastGross.times(INITIAL_MARGIN_RATE);
  const lastEquity = d(book.account.last_equity);
  const buyingPower = nonNegative(equity.minus(initialMargin)).times(MULTIPLIER);
  const lastBuyingPower = nonNegative(lastEquity.minus(lastInitialMargin)).times(MULTIPLIER);
  const status = book.account.status;
  const blocked = status === 'DISABLED' || status === 'ACCOUNT_CLOSED';
  return {
    id: book.account.id,
    account_number: book.account.account_number,
    status,
    crypto_status: book.account.crypto_status,
    currency: 'USD',
    buying_power: text(buyingPower),
    regt_buying_power: text(buyingPower),
    daytrading_buying_power: text(nonNegative(equity.minus(maintenanceMargin)).times(DAYTRADE_MULTIPLIER)),
    non_marginable_buying_power: text(nonNegative(cash)),
    cash: text(cash),
    cash_withdrawable: free,
    cash_transferable: free,
    accrued_fees: '0',
    pending_transfer_out: text(pendingOut),
    pending_transfer_in: '0',
    portfolio_value: text(equity),
    pattern_day_trader: false,
    trading_blocked: status !== 'ACTIVE',
    transfers_blocked: blocked,
    account_blocked: blocked,
    created_at: book.account.created_at,
    trade_suspended_by_user: false,
    multiplier: text(MULTIPLIER),
    shorting_enabled: true,
    equity: text(equity),
    last_equity: book.account.last_equity,
    long_market_value: text(current.long),
    short_market_value: text(current.short),
    initial_margin: text(initialMargin),
    maintenance_margin: text(maintenanceMargin),
    last_maintenance_margin: text(lastGross.times(MAINTENANCE_MARGIN_RATE)),
    sma: text(nonNegative(lastEquity.minus(lastInitialMargin))),
    daytrade_count: 0,
    previous_close: previousClose(now),
    last_long_market_value: text(lastDay.long),
    last_short_market_value: text(lastDay.short),
    last_cash: text(cash),
    last_initial_margin: text(lastInitialMargin),
    last_regt_buying_power: text(lastBuyingPower),
    last_daytrading_buying_power: text(lastBuyingPower.times(2)),
    last_buying_power: text(lastBuyingPower),
    last_daytrade_count: 0,
    clearing_broker: 'VELOX',
  };
}
