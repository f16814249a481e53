import { Decimal, toDecimalString, type DecimalString } from '../../../../shared/decimal';
import type { Account, AccountBalances, ClosedTrade, Order, Position, PositionSide } from '../../../../shared/domain';
import { digitsScale, type PriceScale } from '../../../../shared/numberFormat';
import { decimalFromNumberText } from '../numberTextJson';
import type { Balance, ClosedOrder, ClosedSummary, OpenOrder } from './schemas';

/** Room for quantity x price of any size without the 20-digit default rounding a market value. */
const Exact = Decimal.clone({ precision: 80 });
const DEFAULT_UNIT_STEP = toDecimalString('0.00000001');

export interface TokenUser {
  userId: string;
  email: string | null;
}

/** The one account a token stands for: the platform has no account object, so the token's user is the account. */
export function toAccount(user: TokenUser, currency: string | null): Account {
  return {
    id: user.userId,
    number: user.userId,
    name: user.email ?? user.userId,
    status: 'ACTIVE',
    statusTone: 'active',
    currency,
  };
}

export function toBalances(accountId: string, raw: Balance): AccountBalances {
  // The platform reports its balance alone: equity, free margin and the day's result are not in its API.
  return {
    accountId,
    cash: decimalFromNumberText(raw.message, 'balance'),
    equity: null,
    buyingPower: null,
    buyingPowerKind: 'free_margin',
    dayPnl: null,
    currency: raw.currency ?? null,
  };
}

/** The docs write "BUY"/"SELL", the reference code "buy"/"sell". */
export function sideOf(type: string, orderId: string): PositionSide {
  const normalized = type.trim().toLowerCase();
  if (normalized === 'buy') return 'long';
  if (normalized === 'sell') return 'short';
  throw new Error(`order ${orderId} has type "${type}", which is neither buy nor sell`);
}

function optionalDecimal(value: string | null | undefined, field: string): DecimalString | null {
  return value === null || value === undefined || value.trim() === '' ? null : decimalFromNumberText(value, field);
}

/** The docs call the profit `profit`, the reference code `profitLoss`. */
function profitOf(raw: { profit?: string | null | undefined; profitLoss?: string | null | undefined }): DecimalString | null {
  const hasProfit = raw.profit !== null && raw.profit !== undefined;
  return optionalDecimal(hasProfit ? raw.profit : raw.profitLoss, hasProfit ? 'profit' : 'profitLoss');
}

function quantityOf(raw: OpenOrder): DecimalString {
  return toDecimalString(new Decimal(decimalFromNumberText(raw.quantity, 'quantity')).abs());
}

/** Times arrive as ISO text (the docs) or epoch numbers (the reference code); numbers become ISO, text stays as sent. */
export function timeText(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return trimmed;
  // Ten digits or fewer is seconds: milliseconds that small would be 1970.
  const ms = trimmed.length <= 10 ? Number(trimmed) * 1000 : Number(trimmed);
  return new Date(ms).toISOString();
}

/** The platform does not say how finely a symbol trades: the quantity's own decimals, or a fine default for whole ones. */
function unitStep(quantity: DecimalString): DecimalString {
  const places = new Decimal(quantity).decimalPlaces();
  return places > 0 ? toDecimalString(new Decimal(10).pow(-places)) : DEFAULT_UNIT_STEP;
}

export function toPosition(accountId: string, raw: OpenOrder): Position {
  const quantity = quantityOf(raw);
  const lastPrice = optionalDecimal(raw.currentPrice, 'currentPrice');
  const side = sideOf(raw.type, raw.orderId);
  return {
    id: raw.orderId,
    accountId,
    symbol: raw.symbol,
    side,
    quantity,
    available: quantity,
    unit: { name: 'units', step: unitStep(quantity) },
    fractional: new Decimal(quantity).decimalPlaces() > 0,
    avgPrice: optionalDecimal(raw.openPrice, 'openPrice'),
    lastPrice,
    marketValue: lastPrice === null ? null : toDecimalString(new Exact(quantity).times(lastPrice).times(side === 'short' ? -1 : 1).toFixed()),
    unrealizedPnl: profitOf(raw),
    unrealizedPnlPct: null,
    assetClass: null,
    // Units times price is in the quote currency (yen for JP225, USD for BTCUSD); the platform names no account currency.
    quoteValued: true,
    // The platform has no swap or commission figures.
    ticket: {
      openedAt: timeText(raw.openTime),
      stopLoss: optionalDecimal(raw.stopLoss, 'stopLoss'),
      takeProfit: optionalDecimal(raw.takeProfit, 'takeProfit'),
      swap: null,
      commission: null,
    },
  };
}

/**
 * The platform does not say how many decimals a symbol is quoted with, and its JSON numbers drop trailing zeros
 * (1.0842 for 1.08420): the most places any of the symbol's prices shows in the list stands for them. The open
 * positions and the close history each take theirs from their own prices.
 */
function withQuotedPlaces<T extends { symbol: string; priceScale?: PriceScale }>(items: T[], pricesOf: (item: T) => readonly (string | null)[]): T[] {
  const places = new Map<string, number>();
  for (const item of items) {
    for (const price of pricesOf(item)) {
      if (price === null) continue;
      places.set(item.symbol, Math.max(places.get(item.symbol) ?? 0, new Decimal(price).decimalPlaces()));
    }
  }
  return items.map((item) => {
    const digits = places.get(item.symbol);
    return digits === undefined ? item : { ...item, priceScale: digitsScale(digits) };
  });
}

export function withQuotedScales(positions: Position[]): Position[] {
  return withQuotedPlaces(positions, (position) => [position.avgPrice, position.lastPrice]);
}

export function withQuotedHistoryScales(trades: ClosedTrade[]): ClosedTrade[] {
  return withQuotedPlaces(trades, (trade) => [trade.openPrice, trade.closePrice]);
}

export function toClosedTrade(accountId: string, raw: ClosedOrder): ClosedTrade {
  return {
    id: raw.orderId,
    accountId,
    symbol: raw.symbol,
    side: sideOf(raw.type, raw.orderId),
    orderSide: null,
    quantity: quantityOf(raw),
    openPrice: optionalDecimal(raw.openPrice, 'openPrice'),
    closePrice: optionalDecimal(raw.closePrice, 'closePrice'),
    profit: profitOf(raw),
    closedAt: timeText(raw.closeTime ?? raw.closedAt),
  };
}

/** What a close answer told about the deal; a value that cannot be read counts as not told, since the close is done either way. */
export interface CloseDetails {
  closePrice: DecimalString | null;
  profit: DecimalString | null;
  closedAt: string | null;
}

function told<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

export function closeDetails(summary: ClosedSummary | null): CloseDetails {
  return {
    closePrice: told(() => optionalDecimal(summary?.closePrice, 'closePrice')),
    profit: told(() => (summary === null ? null : profitOf(summary))),
    closedAt: timeText(summary?.closeTime ?? summary?.closedAt),
  };
}

/**
 * A close the platform answered 200 to has happened: the engine closed the whole ticket. The order stands for that
 * closing deal, opposite to the position, filled in full.
 */
export function closingOrder(position: Position, closedAt: string, closePrice: DecimalString | null): Order {
  return {
    id: position.id,
    accountId: position.accountId,
    clientOrderId: null,
    symbol: position.symbol,
    side: position.side === 'long' ? 'sell' : 'buy',
    type: 'market',
    quantity: position.quantity,
    filledQuantity: position.quantity,
    limitPrice: null,
    stopPrice: null,
    avgFillPrice: closePrice,
    timeInForce: null,
    status: 'filled',
    open: false,
    createdAt: closedAt,
    updatedAt: closedAt,
  };
}

/** "Closed BTCUSD at 42350.75, profit 125.5", with whatever of price and profit the answer gave. */
export function closeMessage(position: Position, details: CloseDetails): string {
  const { closePrice, profit } = details;
  if (closePrice === null) {
    return `Closed ${position.symbol} (ticket ${position.id}); the platform did not say at what price, so check the close history.`;
  }
  return profit === null ? `Closed ${position.symbol} at ${closePrice}` : `Closed ${position.symbol} at ${closePrice}, profit ${profit}`;
}
