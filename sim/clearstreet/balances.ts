import { d } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import { money } from './money';
import { isWorking, leavesOf } from './orders';
import type { BalancesSod, CashBook, ClearStreetBalances, ClearStreetOrder, PositionRecord, SimInstrument } from './types';

/** Reg T: half of the gross position value to open, a quarter of longs and thirty percent of shorts to keep. */
const INITIAL_MARGIN = d('0.5');
const LONG_MAINTENANCE = d('0.25');
const SHORT_MAINTENANCE = d('0.3');
const MULTIPLIER = '2';
const MARGIN_MULTIPLIER = d(MULTIPLIER);

export interface BalanceInputs {
  accountId: number;
  margin: boolean;
  cash: CashBook;
  positions: readonly PositionRecord[];
  orders: readonly ClearStreetOrder[];
  realizedToday: string;
  sod: BalancesSod;
  instrument: (symbol: string) => SimInstrument;
}

export function tradeCash(cash: CashBook): SimDecimal {
  return d(cash.settled).plus(d(cash.unsettled_credits)).minus(d(cash.unsettled_debits));
}

interface Exposure {
  long: SimDecimal;
  short: SimDecimal;
}

function exposure(positions: readonly PositionRecord[], instrument: (symbol: string) => SimInstrument, priceOf: (i: SimInstrument) => string): Exposure {
  let long = d(0);
  let short = d(0);
  for (const position of positions) {
    const value = d(position.quantity).times(d(priceOf(instrument(position.symbol))));
    if (value.isNegative()) short = short.plus(value.abs());
    else long = long.plus(value);
  }
  return { long, short };
}

function buyingPower(margin: boolean, cash: SimDecimal, equity: SimDecimal, gross: SimDecimal, adjustment: SimDecimal): SimDecimal {
  const power = margin ? equity.minus(gross.times(INITIAL_MARGIN)).times(MARGIN_MULTIPLIER) : cash;
  const adjusted = power.plus(adjustment);
  return adjusted.isNegative() ? d(0) : adjusted;
}

/** The start-of-day snapshot, valued at closing prices; the simulator takes it once, when an account is loaded. */
export function startOfDay(margin: boolean, cash: CashBook, positions: readonly PositionRecord[], instrument: (symbol: string) => SimInstrument): BalancesSod {
  const { long, short } = exposure(positions, instrument, (i) => i.closing_price);
  const cashNow = tradeCash(cash);
  const equity = cashNow.plus(long).minus(short);
  const maintenance = long.times(LONG_MAINTENANCE).plus(short.times(SHORT_MAINTENANCE));
  return {
    asof: positions[0] === undefined ? null : instrument(positions[0].symbol).closing_price_date,
    buying_power: money(buyingPower(margin, cashNow, equity, long.plus(short), d(0))),
    equity: money(equity),
    long_market_value: money(long),
    short_market_value: money(short),
    trade_cash: money(cashNow),
    maintenance_margin_excess: margin ? money(equity.minus(maintenance)) : null,
    maintenance_margin_requirement: margin ? money(maintenance) : null,
  };
}

/** GET /v1/accounts/{id}/balances, computed from cash, positions at the current price and the working orders. */
export function balancesView(inputs: BalanceInputs): ClearStreetBalances {
  const { long, short } = exposure(inputs.positions, inputs.instrument, (i) => i.price);
  const cash = tradeCash(inputs.cash);
  const equity = cash.plus(long).minus(short);
  let unrealized = d(0);
  let dailyUnrealized = d(0);
  for (const position of inputs.positions) {
    const instrument = inputs.instrument(position.symbol);
    const quantity = d(position.quantity);
    unrealized = unrealized.plus(quantity.times(d(instrument.price).minus(d(position.avg_price))));
    dailyUnrealized = dailyUnrealized.plus(quantity.times(d(instrument.price).minus(d(instrument.closing_price))));
  }
  // Working buys will spend cash when they fill, so they already count against buying power.
  const adjustment = inputs.orders
    .filter((order) => isWorking(order) && order.side === 'BUY' && order.symbol !== null)
    .reduce((sum, order) => sum.minus(leavesOf(order).times(d(order.limit_price ?? inputs.instrument(order.symbol as string).price))), d(0));
  const power = buyingPower(inputs.margin, cash, equity, long.plus(short), adjustment);
  const initial = long.plus(short).times(INITIAL_MARGIN);
  const maintenance = long.times(LONG_MAINTENANCE).plus(short.times(SHORT_MAINTENANCE));
  const realized = d(inputs.realizedToday);
  const withdrawable = d(inputs.cash.settled).minus(d(inputs.cash.unsettled_debits));
  return {
    account_id: inputs.accountId,
    currency: 'USD',
    margin_type: inputs.margin ? 'REG_T' : 'NONE',
    multiplier: inputs.margin ? MULTIPLIER : null,
    buying_power: money(power),
    equity: money(equity),
    long_market_value: money(long),
    short_market_value: money(short),
    settled_cash: money(d(inputs.cash.settled)),
    trade_cash: money(cash),
    withdrawable_cash: money(withdrawable.isNegative() ? d(0) : withdrawable),
    unsettled_credits: money(d(inputs.cash.unsettled_credits)),
    unsettled_debits: money(d(inputs.cash.unsettled_debits)),
    open_order_adjustment: money(adjustment),
    unrealized_pnl: money(unrealized),
    daily_unrealized_pnl: money(dailyUnrealized),
    daily_realized_pnl: money(realized),
    daily_pnl: money(realized.plus(dailyUnrealized)),
    daily_total_pnl: money(realized.plus(dailyUnrealized)),
    daily_change: money(equity.minus(d(inputs.sod.equity))),
    margin_details: inputs.margin
      ? {
          pattern_day_trader: false,
          day_trade_count: 0,
          intraday_details: { buying_power: money(power), multiplier: MULTIPLIER },
          overnight_details: { buying_power: money(power), multiplier: MULTIPLIER },
          initial_margin_requirement: money(initial),
          initial_margin_excess: money(equity.minus(initial)),
          maintenance_margin_requirement: money(maintenance),
          maintenance_margin_excess: money(equity.minus(maintenance)),
          usage: { used: money(initial), total: money(equity.isNegative() ? d(0) : equity) },
        }
      : null,
    sod: inputs.sod,
  };
}
