import { Decimal, toDecimalString, type DecimalString } from '../../../../shared/decimal';
import type { Account, AccountBalances, ClosedTrade, Order, OrderSide, Position, QuantityUnit } from '../../../../shared/domain';
import { digitsScale } from '../../../../shared/numberFormat';
import type { ScaleTradeAccountMe } from './schemas';
import type { TradeRecord } from './tradeTable';

/** MetaTrader's convention: volume counts minimal lots, 100 of them to the lot. */
export const MINIMAL_LOTS_PER_LOT = 100;
export const LOT_UNIT: QuantityUnit = { name: 'lots', step: toDecimalString('0.01') };

export const CMD_BUY = 0;
const CMD_SELL = 1;
const PENDING_KINDS: Readonly<Record<number, { side: OrderSide; type: string }>> = {
  2: { side: 'buy', type: 'buy_limit' },
  3: { side: 'sell', type: 'sell_limit' },
  4: { side: 'buy', type: 'buy_stop' },
  5: { side: 'sell', type: 'sell_stop' },
};

export function isMarketTrade(trade: TradeRecord): boolean {
  return trade.cmd === CMD_BUY || trade.cmd === CMD_SELL;
}

export function lotsOf(volume: Decimal): DecimalString {
  return toDecimalString(volume.dividedBy(MINIMAL_LOTS_PER_LOT));
}

export function isoTime(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

/** One account per login: its id and number are the login. */
/** Account numbers may arrive in exponent form ("1.5e3"): decimal.js reads those exactly, toDecimalString alone would not. */
function exact(value: string): DecimalString {
  return toDecimalString(new Decimal(value));
}

export function toAccount(me: ScaleTradeAccountMe, profileName: string | null): Account {
  const login = exact(me.login);
  const status = me.enable === '0' ? 'DISABLED' : me.enable_read_only === '1' ? 'READ_ONLY' : 'ACTIVE';
  return {
    id: login,
    number: login,
    name: me.name?.trim() || profileName || `ScaleTrade ${login}`,
    status,
    statusTone: status === 'ACTIVE' ? 'active' : 'restricted',
    currency: me.currency ?? null,
  };
}

export function toBalances(accountId: string, me: ScaleTradeAccountMe): AccountBalances {
  return {
    accountId,
    cash: me.balance === null || me.balance === undefined ? null : exact(me.balance),
    equity: me.equity === null || me.equity === undefined ? null : exact(me.equity),
    buyingPower: me.margin_free === null || me.margin_free === undefined ? null : exact(me.margin_free),
    buyingPowerKind: 'free_margin',
    // The profile has no day result: prevbalance leaves out the open tickets' swing, so no figure is made up from it.
    dayPnl: null,
    currency: me.currency ?? null,
  };
}

/**
 * An open trade as a position: the ticket is its id, the size is in lots (volume / 100). unrealizedPnl is net_profit,
 * not profit: profit + commission + swap is what closing the ticket books to the balance, and equity minus balance is
 * the sum of these, so the close dialog's estimate matches what the account will show afterwards.
 */
export function toPosition(accountId: string, trade: TradeRecord): Position {
  if (!isMarketTrade(trade)) throw new Error(`trade ${trade.order} has cmd ${trade.cmd}, which is not an open buy or sell`);
  const quantity = lotsOf(trade.volume);
  return {
    id: trade.order,
    accountId,
    symbol: trade.symbol,
    side: trade.cmd === CMD_BUY ? 'long' : 'short',
    quantity,
    available: quantity,
    unit: LOT_UNIT,
    fractional: !new Decimal(quantity).isInteger(),
    avgPrice: trade.openPrice,
    lastPrice: trade.closePrice,
    marketValue: null,
    unrealizedPnl: trade.netProfit ?? trade.profit,
    unrealizedPnlPct: null,
    assetClass: null,
    ...scaleOf(trade),
    ticket: {
      openedAt: isoTime(trade.openTime),
      stopLoss: trade.stopLoss,
      takeProfit: trade.takeProfit,
      swap: trade.storage,
      commission: trade.commission,
    },
  };
}

function scaleOf(trade: TradeRecord): Pick<Position, 'priceScale'> {
  return trade.digits === null ? {} : { priceScale: digitsScale(trade.digits) };
}

/** A pending trade as a working order; its open price is the price it waits for. */
export function toOrder(accountId: string, trade: TradeRecord): Order {
  const kind = PENDING_KINDS[trade.cmd];
  if (kind === undefined) throw new Error(`trade ${trade.order} has cmd ${trade.cmd}, which is not a pending kind Closeout knows`);
  return {
    id: trade.order,
    accountId,
    clientOrderId: null,
    symbol: trade.symbol,
    side: kind.side,
    type: kind.type,
    quantity: lotsOf(trade.volume),
    filledQuantity: toDecimalString('0'),
    limitPrice: kind.type.endsWith('_limit') ? trade.openPrice : null,
    stopPrice: kind.type.endsWith('_stop') ? trade.openPrice : null,
    avgFillPrice: null,
    timeInForce: null,
    status: 'pending',
    open: true,
    createdAt: isoTime(trade.openTime) ?? '',
    updatedAt: null,
    ...scaleOf(trade),
  };
}

/** A closed buy or sell; profit is net of commission and swap, as it was booked to the balance. */
export function toClosedTrade(accountId: string, trade: TradeRecord): ClosedTrade {
  if (!isMarketTrade(trade)) throw new Error(`trade ${trade.order} has cmd ${trade.cmd}, which is not a closed buy or sell`);
  return {
    id: trade.order,
    accountId,
    symbol: trade.symbol,
    side: trade.cmd === CMD_BUY ? 'long' : 'short',
    orderSide: null,
    quantity: lotsOf(trade.volume),
    openPrice: trade.openPrice,
    closePrice: trade.closePrice,
    profit: trade.netProfit ?? trade.profit,
    closedAt: isoTime(trade.closeTime),
    ...scaleOf(trade),
  };
}
