import { dec, toDecimalString, type DecimalString } from '../../../../shared/decimal';
import type { Account, AccountBalances, AccountStatusTone, Order, OrderSide, Position } from '../../../../shared/domain';
import type { AlpacaAccount, AlpacaOrder, AlpacaPosition, AlpacaTradeAccount } from './schemas';

const WHOLE_SHARE = toDecimalString('1');
// Alpaca trades fractional shares to nine decimal places.
const FRACTIONAL_SHARE_STEP = toDecimalString('0.000000001');

/**
 * Alpaca's terminal statuses. Everything else counts as open, including done_for_day, stopped, suspended and
 * calculated, and any status added later: an order that still exists at the broker must block an account close
 * and stay visible rather than be hidden by a guess.
 */
const CLOSED_ORDER_STATUSES: ReadonlySet<string> = new Set(['filled', 'canceled', 'expired', 'replaced', 'rejected']);

const ORDER_SIDES: Readonly<Record<string, OrderSide>> = {
  buy: 'buy',
  buy_minus: 'buy',
  sell: 'sell',
  sell_plus: 'sell',
  sell_short: 'sell_short',
  sell_short_exempt: 'sell_short',
  cross_short: 'sell_short',
};

export function toAccount(raw: AlpacaAccount): Account {
  const number = raw.account_number ?? raw.id;
  return {
    id: raw.id,
    number,
    name: personName(raw) ?? raw.account_name ?? number,
    status: raw.status,
    statusTone: statusTone(raw.status),
    currency: raw.currency ?? null,
  };
}

function personName(raw: AlpacaAccount): string | null {
  const parts = [raw.identity?.given_name, raw.identity?.family_name].map((part) => part?.trim()).filter((part) => !!part);
  return parts.length > 0 ? parts.join(' ') : null;
}

function statusTone(status: string): AccountStatusTone {
  if (status === 'ACTIVE') return 'active';
  if (status === 'ACCOUNT_CLOSED') return 'closed';
  return 'restricted';
}

export function toBalances(accountId: string, raw: AlpacaTradeAccount): AccountBalances {
  return {
    accountId,
    cash: optionalDecimal(raw.cash, 'cash'),
    equity: optionalDecimal(raw.equity, 'equity'),
    currency: raw.currency ?? null,
  };
}

export function toPosition(accountId: string, raw: AlpacaPosition): Position {
  // Alpaca sends a short with a negative qty; the side carries the direction, the quantity is its size.
  const quantity = absolute(raw.qty, 'qty');
  const available = raw.qty_available ? absolute(raw.qty_available, 'qty_available') : quantity;
  const fractional = !dec(quantity).isInteger();
  const plpc = optionalDecimal(raw.unrealized_plpc, 'unrealized_plpc');
  return {
    id: raw.symbol,
    accountId,
    symbol: raw.symbol,
    side: raw.side,
    quantity,
    available,
    unit: { name: 'shares', step: fractional ? FRACTIONAL_SHARE_STEP : WHOLE_SHARE },
    fractional,
    avgPrice: optionalDecimal(raw.avg_entry_price, 'avg_entry_price'),
    lastPrice: optionalDecimal(raw.current_price, 'current_price'),
    marketValue: optionalDecimal(raw.market_value, 'market_value'),
    unrealizedPnl: optionalDecimal(raw.unrealized_pl, 'unrealized_pl'),
    // Alpaca gives the ratio (0.2 for 20 %); the domain speaks percent.
    unrealizedPnlPct: plpc === null ? null : toDecimalString(dec(plpc).times(100)),
    assetClass: raw.asset_class ?? null,
  };
}

export function toOrder(accountId: string, raw: AlpacaOrder): Order {
  const side = ORDER_SIDES[raw.side];
  if (!side) throw new Error(`order ${raw.id} has side "${raw.side}", which Closeout does not know`);
  return {
    id: raw.id,
    accountId,
    clientOrderId: raw.client_order_id || null,
    symbol: raw.symbol,
    side,
    type: raw.type ?? raw.order_type ?? 'unknown',
    // Null for a notional (dollar amount) order.
    quantity: optionalDecimal(raw.qty, 'qty'),
    filledQuantity: optionalDecimal(raw.filled_qty, 'filled_qty') ?? toDecimalString('0'),
    limitPrice: optionalDecimal(raw.limit_price, 'limit_price'),
    status: raw.status,
    open: !CLOSED_ORDER_STATUSES.has(raw.status),
    createdAt: raw.created_at,
  };
}

function optionalDecimal(value: string | null | undefined, field: string): DecimalString | null {
  return value === null || value === undefined || value === '' ? null : toDecimalString(value, field);
}

function absolute(value: string, field: string): DecimalString {
  return toDecimalString(dec(toDecimalString(value, field)).abs());
}
