import { d, SimDecimal, text } from '../shared/decimal';
import { contractSize, positionSymbol } from './assetClasses';
import { closeQuantity } from './closeQuantity';
import { SETTLEMENT_DAYS } from './settlement';
import type { CloseRequest } from './closeQuantity';
import { accountNotFound, fail, notFound, succeed, unprocessable } from './errors';
import type { Outcome } from './errors';
import { buildOrder, cloneOrder, heldFrom, isOpenOrder, openQuantities, remainingQty } from './orders';
import type { AccountBook } from './accountBook';
import type { AlpacaSimState } from './state';
import type { AlpacaErrorBody, AlpacaOrder, PositionRecord } from './types';

/** Hands a new closing order to whatever decides when it fills (the server's fill delay). */
export type ScheduleFill = (accountId: string, orderId: string) => void;

export interface PositionCloseResult {
  symbol: string;
  status: number;
  body: AlpacaOrder | AlpacaErrorBody;
}

export interface OrderCancelResult {
  id: string;
  status: number;
  body: AlpacaOrder | AlpacaErrorBody;
}

type OpenQuantities = ReturnType<typeof openQuantities>;

function placeClosingOrder(
  state: AlpacaSimState,
  book: AccountBook,
  record: PositionRecord,
  request: CloseRequest,
  open: OpenQuantities,
): Outcome<AlpacaOrder> {
  const asset = state.requireAsset(record.symbol);
  const qty = d(record.qty);
  const amount = closeQuantity(request, {
    qty,
    held: heldFrom(open, record.symbol, qty),
    fractionable: asset.fractionable,
    symbol: asset.symbol,
  });
  if (!amount.ok) return amount;
  const order = buildOrder(
    {
      symbol: asset.symbol,
      asset_id: asset.asset_id,
      asset_class: asset.asset_class,
      side: qty.isNegative() ? 'buy' : 'sell',
      qty: text(amount.value),
      type: 'market',
      // Crypto trades around the clock and takes no day orders.
      time_in_force: asset.asset_class === 'crypto' ? 'gtc' : 'day',
      status: 'accepted',
    },
    state.newId,
    state.now(),
  );
  book.orders.push(order);
  state.tradeEvents.record(book.account.id, 'new', order, state.now());
  return succeed(cloneOrder(order));
}

/** DELETE /v1/trading/accounts/{id}/positions/{symbol_or_asset_id}: answers with the closing order, still `accepted`. */
export function closePosition(
  state: AlpacaSimState,
  scheduleFill: ScheduleFill,
  accountId: string,
  symbolOrAssetId: string,
  request: CloseRequest,
): Outcome<AlpacaOrder> {
  const book = state.bookOf(accountId);
  if (book === undefined) return fail(accountNotFound());
  const record = state.findPositionRecord(book, symbolOrAssetId);
  if (record === undefined) return fail(notFound('position not found'));
  const placed = placeClosingOrder(state, book, record, request, openQuantities(book.orders));
  if (placed.ok) scheduleFill(accountId, placed.value.id);
  return placed;
}

/** DELETE /v1/trading/accounts/{id}/positions: one result per position; a position held by open orders fails with 403. */
export function closeAllPositions(
  state: AlpacaSimState,
  scheduleFill: ScheduleFill,
  accountId: string,
  cancelOrders: boolean,
): Outcome<PositionCloseResult[]> {
  const book = state.bookOf(accountId);
  if (book === undefined) return fail(accountNotFound());
  if (cancelOrders) for (const order of book.orders) if (isOpenOrder(order)) markCanceled(state, accountId, order, state.now());
  const results: PositionCloseResult[] = [];
  const placed: string[] = [];
  // Taken once: each symbol is closed once, so the orders placed in this loop never hold another position.
  const open = openQuantities(book.orders);
  for (const record of [...book.positions]) {
    const outcome = placeClosingOrder(state, book, record, { qty: null, percentage: null }, open);
    if (outcome.ok) {
      placed.push(outcome.value.id);
      results.push({ symbol: positionSymbol(state.requireAsset(record.symbol)), status: 200, body: outcome.value });
    } else {
      results.push({ symbol: positionSymbol(state.requireAsset(record.symbol)), status: outcome.failure.status, body: outcome.failure.body });
    }
  }
  for (const orderId of placed) scheduleFill(accountId, orderId);
  return succeed(results);
}

function markCanceled(state: AlpacaSimState, accountId: string, order: AlpacaOrder, now: string): void {
  order.status = 'canceled';
  order.canceled_at = now;
  order.updated_at = now;
  state.tradeEvents.record(accountId, 'canceled', order, now);
}

/** DELETE /v1/trading/accounts/{id}/orders/{order_id}: canceled at once; a filled or canceled order is refused with 422. */
export function cancelOrder(state: AlpacaSimState, accountId: string, orderId: string): Outcome<AlpacaOrder> {
  const book = state.bookOf(accountId);
  if (book === undefined) return fail(accountNotFound());
  const order = book.orders.find((candidate) => candidate.id === orderId);
  if (order === undefined) return fail(notFound('order not found'));
  if (!isOpenOrder(order) || state.uncancelable.has(order.id)) return fail(unprocessable('order is not cancelable'));
  markCanceled(state, accountId, order, state.now());
  return succeed(cloneOrder(order));
}

/**
 * DELETE /v1/trading/accounts/{id}/orders: tries every open order and answers 207 with one line each, its HTTP status
 * and the order (or, for one it could not cancel, the error it would have answered alone).
 */
export function cancelAllOrders(state: AlpacaSimState, accountId: string): Outcome<OrderCancelResult[]> {
  const book = state.bookOf(accountId);
  if (book === undefined) return fail(accountNotFound());
  const now = state.now();
  const results: OrderCancelResult[] = [];
  for (const order of book.orders) {
    if (!isOpenOrder(order)) continue;
    if (state.uncancelable.has(order.id)) {
      const refusal = unprocessable('order is not cancelable');
      results.push({ id: order.id, status: refusal.status, body: refusal.body });
      continue;
    }
    markCanceled(state, accountId, order, now);
    results.push({ id: order.id, status: 200, body: cloneOrder(order) });
  }
  return succeed(results);
}

/**
 * Executes a closing order at the asset's current price: the position shrinks (and disappears when flat) and cash
 * moves by qty x price. An order canceled meanwhile does nothing; one the position can no longer cover is rejected.
 */
export function fillOrder(state: AlpacaSimState, accountId: string, orderId: string): void {
  const book = state.bookOf(accountId);
  const order = book?.orders.find((candidate) => candidate.id === orderId);
  if (book === undefined || order === undefined || !isOpenOrder(order)) return;
  const now = state.now();
  const wanted = remainingQty(order);
  const qty = state.fillShare === null ? wanted : wanted.times(d(state.fillShare)).toDecimalPlaces(0, SimDecimal.ROUND_DOWN);
  const record = book.positions.find((position) => position.symbol === order.symbol);
  const held = record === undefined ? d(0) : d(record.qty);
  const covers = order.side === 'sell' ? held.greaterThanOrEqualTo(qty) : held.negated().greaterThanOrEqualTo(qty);
  if (record === undefined || !covers) {
    order.status = 'rejected';
    order.failed_at = now;
    order.updated_at = now;
    state.tradeEvents.record(accountId, 'rejected', order, now);
    return;
  }
  const asset = state.requireAsset(order.symbol);
  const price = d(asset.price);
  const signedTrade = order.side === 'sell' ? qty.negated() : qty;
  const remaining = held.plus(signedTrade);
  if (remaining.isZero()) book.positions = book.positions.filter((position) => position !== record);
  else record.qty = text(remaining);
  const cashChange = signedTrade.times(price).times(contractSize(asset)).negated().toDecimalPlaces(2);
  book.cash = text(d(book.cash).plus(cashChange));
  // A sale's proceeds count as cash at once but may leave the account only once they settle.
  if (cashChange.greaterThan(0)) book.unsettled.push({ amount: text(cashChange), settlesOnDay: state.day + SETTLEMENT_DAYS });
  order.filled_qty = text(d(order.filled_qty).plus(qty));
  order.filled_avg_price = text(price);
  order.filled_at = now;
  order.updated_at = now;
  if (qty.equals(wanted)) {
    order.status = 'filled';
    state.tradeEvents.record(accountId, 'fill', order, now);
  } else {
    order.status = 'canceled';
    order.canceled_at = now;
    state.tradeEvents.record(accountId, 'partial_fill', order, now);
    state.tradeEvents.record(accountId, 'canceled', order, now);
  }
}

/**
 * POST /v1/accounts/{id}/actions/close. Alpaca documents no precondition error, so neither does the simulator: it
 * closes an account that still holds positions or cash, and records what was left for tests to check.
 */
export function closeAccount(state: AlpacaSimState, accountId: string): Outcome<null> {
  const book = state.bookOf(accountId);
  if (book === undefined) return fail(accountNotFound());
  state.closures.push({
    accountId,
    at: state.now(),
    previousStatus: book.account.status,
    cash: book.cash,
    positionCount: book.positions.length,
    openOrderCount: book.orders.filter(isOpenOrder).length,
  });
  book.account.status = 'ACCOUNT_CLOSED';
  return succeed(null);
}
