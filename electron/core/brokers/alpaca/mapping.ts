import { absoluteDecimal, dec, shiftDecimalPoint, toDecimalString, type DecimalString } from '../../../../shared/decimal';
import { fillOfOrder } from '../orderFill';
import { readDecimal, readOneOf, readOptionalDecimal, readOptionalText, readText, type Row } from '../rowFields';
import type { Account, AccountBalances, AccountStatusTone, ClosedTrade, Order, OrderSide, Position, QuantityUnit } from '../../../../shared/domain';
import { stockPriceScale } from '../priceScales';
import { isFractional, shareUnit } from '../shareUnits';
import type { AlpacaAccount, AlpacaOrder, AlpacaTradeAccount } from './schemas';

const POSITION_SIDES = ['long', 'short'] as const;

/** Coins trade to nine decimals whatever the holding, so a crypto position is fractional even when it is whole. */
const COINS: QuantityUnit = { name: 'units', step: toDecimalString('0.000000001') };
/** Option contracts close in whole contracts; each stands for 100 shares, which Alpaca's values already count. */
const CONTRACTS: QuantityUnit = { name: 'contracts', step: toDecimalString('1') };

function unitOf(assetClass: string | null, quantity: DecimalString): { unit: QuantityUnit; fractional: boolean } {
  if (assetClass === 'crypto') return { unit: COINS, fractional: true };
  if (assetClass === 'us_option') return { unit: CONTRACTS, fractional: false };
  return { unit: shareUnit(quantity), fractional: isFractional(quantity) };
}

/**
 * Alpaca names a crypto pair "BTC/USD" in its orders and "BTCUSD" in its positions, and only "BTCUSD" finds the
 * position in a path. Everything Closeout keys by symbol uses the position form, so an order and its position match.
 */
export function positionSymbol(symbol: string): string {
  return symbol.replace('/', '');
}

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

function optionalBalance<K extends 'withdrawable' | 'pendingOut'>(key: K, value: DecimalString | null): Partial<Record<K, DecimalString>> {
  return value === null ? {} : ({ [key]: value } as Record<K, DecimalString>);
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
  const equity = readOptionalDecimal(raw.equity, 'equity');
  const lastEquity = readOptionalDecimal(raw.last_equity, 'last_equity');
  return {
    accountId,
    cash: readOptionalDecimal(raw.cash, 'cash'),
    equity,
    buyingPower: readOptionalDecimal(raw.buying_power, 'buying_power'),
    buyingPowerKind: 'buying_power',
    // Alpaca's own dashboards show the day's change as equity against last_equity, the equity at the previous close.
    dayPnl: equity === null || lastEquity === null ? null : toDecimalString(dec(equity).minus(dec(lastEquity))),
    currency: raw.currency ?? null,
    // A journal moves cash_transferable; cash_withdrawable is what a bank transfer may take, which a sweep never uses.
    ...optionalBalance('withdrawable', readOptionalDecimal(raw.cash_transferable, 'cash_transferable')),
    ...optionalBalance('pendingOut', readOptionalDecimal(raw.pending_transfer_out, 'pending_transfer_out')),
  };
}

/** Reads one row of Alpaca's positions list, checking each field it reads (see rowFields.ts for why not zod). */
export function toPosition(accountId: string, row: Row): Position {
  const symbol = positionSymbol(readText(row.symbol, 'symbol'));
  // Alpaca sends a short with a negative qty; the side carries the direction, the quantity is its size.
  const quantity = absoluteDecimal(readDecimal(row.qty, 'qty'));
  const availableText = readOptionalDecimal(row.qty_available, 'qty_available');
  const assetClass = readOptionalText(row.asset_class, 'asset_class');
  const { unit, fractional } = unitOf(assetClass, quantity);
  const plpc = readOptionalDecimal(row.unrealized_plpc, 'unrealized_plpc');
  return {
    id: symbol,
    accountId,
    symbol,
    side: readOneOf(row.side, POSITION_SIDES, 'side'),
    quantity,
    available: availableText === null ? quantity : absoluteDecimal(availableText),
    unit,
    fractional,
    avgPrice: readOptionalDecimal(row.avg_entry_price, 'avg_entry_price'),
    lastPrice: readOptionalDecimal(row.current_price, 'current_price'),
    marketValue: readOptionalDecimal(row.market_value, 'market_value'),
    unrealizedPnl: readOptionalDecimal(row.unrealized_pl, 'unrealized_pl'),
    // Alpaca gives the ratio (0.2 for 20 %); the domain speaks percent.
    unrealizedPnlPct: plpc === null ? null : shiftDecimalPoint(plpc, 2),
    assetClass,
    ...stockPriceScale(assetClass),
  };
}

export function toOrder(accountId: string, raw: AlpacaOrder): Order {
  return {
    id: raw.id,
    accountId,
    clientOrderId: raw.client_order_id || null,
    symbol: positionSymbol(raw.symbol),
    // A side Alpaca adds later is kept as it came, so one unfamiliar order cannot empty the whole list.
    side: ORDER_SIDES[raw.side] ?? raw.side.toLowerCase(),
    type: raw.type ?? raw.order_type ?? 'unknown',
    // Null for a notional (dollar amount) order.
    quantity: readOptionalDecimal(raw.qty, 'qty'),
    filledQuantity: readOptionalDecimal(raw.filled_qty, 'filled_qty') ?? toDecimalString('0'),
    limitPrice: readOptionalDecimal(raw.limit_price, 'limit_price'),
    stopPrice: readOptionalDecimal(raw.stop_price, 'stop_price'),
    avgFillPrice: readOptionalDecimal(raw.filled_avg_price, 'filled_avg_price'),
    timeInForce: raw.time_in_force?.toLowerCase() ?? null,
    status: raw.status,
    open: !CLOSED_ORDER_STATUSES.has(raw.status),
    createdAt: raw.created_at,
    updatedAt: raw.updated_at ?? null,
    ...stockPriceScale(raw.asset_class),
  };
}

/** A filled (or partly filled) order as a line of the Fills tab; null for an order nothing of which has filled. */
export function toFill(accountId: string, raw: AlpacaOrder): ClosedTrade | null {
  const order = toOrder(accountId, raw);
  return fillOfOrder(order, raw.filled_at ?? order.updatedAt);
}
