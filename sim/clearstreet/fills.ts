import { d, SimDecimal, text } from '../shared/decimal';
import { money, price } from './money';
import { touch } from './orders';
import type { AccountBook, ClearStreetSimState } from './state';
import type { ClearStreetOrder, PositionRecord } from './types';

/** Hands a newly accepted order to whatever decides when the engine moves it on (the server's fill delay). */
export type ScheduleOrder = (accountId: number, orderId: string) => void;

function signOf(value: SimDecimal): number {
  return value.isZero() ? 0 : value.isNegative() ? -1 : 1;
}

/**
 * Applies a fill of `quantity` at `fillPrice` to the book: the position grows, shrinks, disappears or flips; realized P&L
 * is booked on the part that reduced it; the cash moves as an unsettled credit (sale) or debit (purchase).
 */
function applyFill(book: AccountBook, order: ClearStreetOrder, quantity: SimDecimal, fillPrice: SimDecimal): void {
  const symbol = order.symbol as string;
  const trade = order.side === 'BUY' ? quantity : quantity.negated();
  const record = book.positions.find((position) => position.symbol === symbol);
  const before = record === undefined ? d(0) : d(record.quantity);
  const average = record === undefined ? d(0) : d(record.avg_price);
  const after = before.plus(trade);

  let realized = d(0);
  if (signOf(before) !== 0 && signOf(before) !== signOf(trade)) {
    const closed = smaller(trade.abs(), before.abs());
    realized = closed.times(fillPrice.minus(average)).times(signOf(before));
  }
  let nextAverage = average;
  if (signOf(after) !== signOf(before)) nextAverage = fillPrice;
  else if (after.abs().greaterThan(before.abs())) nextAverage = before.times(average).plus(trade.times(fillPrice)).dividedBy(after);

  const realizedBefore = record?.daily_realized_pnl ?? '0';
  if (after.isZero()) {
    book.positions = book.positions.filter((position) => position !== record);
  } else if (record === undefined) {
    book.positions.push({ symbol, quantity: text(after), avg_price: price(nextAverage) });
  } else {
    record.quantity = text(after);
    record.avg_price = text(nextAverage.toDecimalPlaces(6));
    record.daily_realized_pnl = text(d(realizedBefore).plus(realized));
  }
  book.realizedToday = text(d(book.realizedToday).plus(realized));

  const amount = d(money(quantity.times(fillPrice)));
  if (order.side === 'BUY') book.cash.unsettled_debits = text(d(book.cash.unsettled_debits).plus(amount));
  else book.cash.unsettled_credits = text(d(book.cash.unsettled_credits).plus(amount));
}

function smaller(a: SimDecimal, b: SimDecimal): SimDecimal {
  return a.lessThan(b) ? a : b;
}

/** A sell the long can no longer cover (it was sold meanwhile) would open a short the client never asked for. */
function uncoveredSell(book: AccountBook, order: ClearStreetOrder, quantity: SimDecimal): boolean {
  if (order.side !== 'SELL') return false;
  const record: PositionRecord | undefined = book.positions.find((position) => position.symbol === order.symbol);
  return record === undefined || d(record.quantity).lessThan(quantity);
}

/**
 * What the engine does once an accepted order is routed: a market order fills in full at the instrument's price; any
 * other order goes live as NEW and works until canceled. An order canceled meanwhile is left to its cancel.
 */
export function advanceOrder(state: ClearStreetSimState, accountId: number, orderId: string): void {
  const book = state.bookOf(accountId);
  const order = book?.orders.find((candidate) => candidate.id === orderId);
  if (book === undefined || order === undefined || order.status !== 'PENDING_NEW') return;
  const now = state.now();
  if (order.order_type !== 'MARKET' || order.symbol === null) {
    touch(order, 'NEW', now);
    return;
  }
  const wanted = d(order.leaves_quantity);
  const quantity = state.fillShare === null ? wanted : wanted.times(d(state.fillShare)).toDecimalPlaces(0, SimDecimal.ROUND_DOWN);
  if (uncoveredSell(book, order, quantity)) {
    touch(order, 'REJECTED', now);
    order.details = ['Rejected at execution: the position no longer covers the sell quantity'];
    return;
  }
  const fillPrice = d(state.requireInstrument(order.symbol).price);
  applyFill(book, order, quantity, fillPrice);
  order.filled_quantity = text(d(order.filled_quantity).plus(quantity));
  order.average_fill_price = price(fillPrice);
  touch(order, quantity.equals(wanted) ? 'FILLED' : 'CANCELED', now);
}

/** The second half of a cancel: a PENDING_CANCEL order becomes CANCELED and stops holding its quantity. */
export function finishCancel(state: ClearStreetSimState, accountId: number, orderId: string): void {
  const order = state.bookOf(accountId)?.orders.find((candidate) => candidate.id === orderId);
  if (order === undefined || order.status !== 'PENDING_CANCEL') return;
  touch(order, 'CANCELED', state.now());
}
