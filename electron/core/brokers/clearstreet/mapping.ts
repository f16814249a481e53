import { absoluteDecimal, toDecimalString } from '../../../../shared/decimal';
import { fillOfOrder } from '../orderFill';
import { readOptionalDecimal } from '../rowFields';
import { isFractional, shareUnit } from '../shareUnits';
import type { Account, AccountBalances, AccountStatusTone, ClosedTrade, Order, OrderSide, Position } from '../../../../shared/domain';
import type { ClearStreetAccount, ClearStreetBalances, ClearStreetOrder, ClearStreetPosition } from './schemas';
import { stockPriceScale } from '../priceScales';


/**
 * Statuses after which an order can no longer fill. Everything else counts as working, DONE_FOR_DAY, STOPPED,
 * SUSPENDED, CALCULATED and OTHER included: an order that still exists at the broker must stay visible and cancelable
 * rather than be hidden by a guess.
 */
export const FINISHED_ORDER_STATUSES: readonly string[] = ['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'REPLACED'];
export const WORKING_ORDER_STATUSES: readonly string[] = [
  'PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'PENDING_CANCEL', 'PENDING_REPLACE', 'DONE_FOR_DAY', 'STOPPED', 'SUSPENDED', 'CALCULATED', 'OTHER',
];
const FINISHED = new Set(FINISHED_ORDER_STATUSES);
/** Statuses of an order something of which has filled: a partly filled order that was then cancelled ends CANCELED. */
export const FILLED_ORDER_STATUSES: readonly string[] = ['FILLED', 'PARTIALLY_FILLED', 'CANCELED', 'DONE_FOR_DAY'];

/**
 * Instrument types Clear Street lists among the positions but no order can trade away: a cash balance and an index.
 * A type the spec adds later is left closable, for Clear Street to refuse if it must.
 */
const NOT_CLOSABLE: Readonly<Record<string, string>> = {
  CASH: 'it is cash (instrument type CASH), which no order closes',
  INDEX: 'it is an index (instrument type INDEX), which no order trades',
};

const ORDER_SIDES: Readonly<Record<string, OrderSide>> = { BUY: 'buy', SELL: 'sell', SELL_SHORT: 'sell_short' };

export function toAccount(raw: ClearStreetAccount): Account {
  const number = String(raw.id);
  return {
    id: number,
    number,
    name: raw.full_name?.trim() || raw.short_name?.trim() || number,
    status: raw.status,
    statusTone: statusTone(raw.status),
    currency: null,
  };
}

function statusTone(status: string): AccountStatusTone {
  if (status === 'ACTIVE') return 'active';
  if (status === 'CLOSED') return 'closed';
  return 'restricted';
}

/** Cash is trade-date cash (what today's closes already moved), else settled cash. */
export function toBalances(accountId: string, raw: ClearStreetBalances): AccountBalances {
  return {
    accountId,
    cash: readOptionalDecimal(raw.trade_cash, 'trade_cash') ?? readOptionalDecimal(raw.settled_cash, 'settled_cash'),
    equity: readOptionalDecimal(raw.equity, 'equity'),
    buyingPower: readOptionalDecimal(raw.buying_power, 'buying_power'),
    buyingPowerKind: 'buying_power',
    dayPnl: readOptionalDecimal(raw.daily_pnl, 'daily_pnl'),
    currency: raw.currency ?? null,
  };
}

export function toPosition(accountId: string, raw: ClearStreetPosition): Position {
  // A short comes with a negative quantity; the side carries the direction, the quantity is its size.
  const signed = toDecimalString(raw.quantity, 'quantity');
  const quantity = absoluteDecimal(signed);
  const available = raw.available_quantity ? absoluteDecimal(toDecimalString(raw.available_quantity, 'available_quantity')) : quantity;
  const fractional = isFractional(quantity);
  return {
    id: raw.symbol,
    accountId,
    symbol: raw.symbol,
    side: signed.startsWith('-') || raw.position_type === 'SHORT' ? 'short' : 'long',
    quantity,
    available,
    unit: shareUnit(quantity),
    fractional,
    avgPrice: readOptionalDecimal(raw.avg_price, 'avg_price'),
    lastPrice: readOptionalDecimal(raw.instrument_price, 'instrument_price'),
    marketValue: readOptionalDecimal(raw.market_value, 'market_value'),
    unrealizedPnl: readOptionalDecimal(raw.unrealized_pnl, 'unrealized_pnl'),
    // Already a percentage at Clear Street ("3.79" for 3.79 %), as the domain wants it.
    unrealizedPnlPct: readOptionalDecimal(raw.unrealized_pnl_pct, 'unrealized_pnl_pct'),
    assetClass: raw.instrument_type ?? null,
    ...stockPriceScale(raw.instrument_type),
    ...(raw.instrument_type && NOT_CLOSABLE[raw.instrument_type] ? { notClosable: NOT_CLOSABLE[raw.instrument_type] } : {}),
  };
}

/**
 * Sides, statuses and types in lower case, as the domain writes them for every broker ("pending_new", "limit"). A value
 * the spec adds later is kept as it came, so one unfamiliar order cannot empty the whole list.
 */
export function toOrder(accountId: string, raw: ClearStreetOrder): Order {
  return {
    id: raw.id,
    accountId,
    clientOrderId: raw.client_order_id || null,
    symbol: raw.symbol || raw.instrument_id || 'unknown instrument',
    side: ORDER_SIDES[raw.side] ?? raw.side.toLowerCase(),
    type: raw.order_type?.toLowerCase() ?? 'unknown',
    quantity: readOptionalDecimal(raw.quantity, 'quantity'),
    filledQuantity: readOptionalDecimal(raw.filled_quantity, 'filled_quantity') ?? toDecimalString('0'),
    limitPrice: readOptionalDecimal(raw.limit_price, 'limit_price'),
    stopPrice: readOptionalDecimal(raw.stop_price, 'stop_price'),
    avgFillPrice: readOptionalDecimal(raw.average_fill_price, 'average_fill_price'),
    timeInForce: raw.time_in_force?.toLowerCase() ?? null,
    status: raw.status.toLowerCase(),
    open: !FINISHED.has(raw.status.toUpperCase()),
    createdAt: raw.created_at,
    updatedAt: raw.updated_at ?? null,
    ...stockPriceScale(raw.instrument_type),
  };
}

/** A filled (or partly filled) order as a line of the Fills tab; null for an order nothing of which has filled. */
export function toFill(accountId: string, raw: ClearStreetOrder): ClosedTrade | null {
  const order = toOrder(accountId, raw);
  return fillOfOrder(order, order.updatedAt);
}
