import { d, text } from '../shared/decimal';
import { badRequest, fail, forbidden, notFound, orderNotFound, riskCheckFailed, succeed } from './errors';
import type { Outcome } from './errors';
import type { ScheduleOrder } from './fills';
import { availableMagnitude, buildOrder, cloneOrder, heldQuantities, isCancelable, isWorking, touch } from './orders';
import type { HeldQuantities } from './orders';
import type { AccountBook, ClearStreetSimState } from './state';
import { accountRefusal } from './submitOrders';
import { UNTRADABLE_INSTRUMENT_TYPES } from './types';
import type { ClearStreetOrder, PositionRecord, SimInstrument } from './types';

const CANCELED_TO_CLOSE = 'Canceled before closing the position (cancel_orders)';

/** cancel_orders: the working orders on these symbols are canceled outright, so the closing orders can take the whole position. */
function cancelWorkingOn(book: AccountBook, symbols: ReadonlySet<string>, now: string): void {
  for (const order of book.orders) {
    if (!isWorking(order) || order.symbol === null || !symbols.has(order.symbol)) continue;
    touch(order, 'CANCELED', now);
    order.details = [CANCELED_TO_CLOSE];
  }
}

/** A MARKET DAY order for the part of the position no working order already reduces; null when nothing is free. */
function closingOrder(state: ClearStreetSimState, book: AccountBook, record: PositionRecord, held: HeldQuantities | undefined): ClearStreetOrder | null {
  const quantity = d(record.quantity);
  const free = availableMagnitude(quantity, held);
  if (free.isZero()) return null;
  const order = buildOrder(
    book.account.id,
    state.requireInstrument(record.symbol),
    { symbol: record.symbol, side: quantity.isNegative() ? 'BUY' : 'SELL', quantity: text(free), order_type: 'MARKET', time_in_force: 'DAY', status: 'PENDING_NEW' },
    state.newId,
    state.now(),
  );
  book.orders.push(order);
  return order;
}

function tradable(instrument: SimInstrument): boolean {
  return !UNTRADABLE_INSTRUMENT_TYPES.includes(instrument.instrument_type);
}

/**
 * DELETE /v1/accounts/{id}/positions/{symbol or instrument_id}: the closing orders, PENDING_NEW. No position means no
 * order (an empty list); a position wholly held by working orders is refused by the risk check.
 */
export function closePosition(
  state: ClearStreetSimState,
  schedule: ScheduleOrder,
  accountId: number,
  symbolOrId: string,
  cancelOrders: boolean,
): Outcome<ClearStreetOrder[]> {
  const book = state.bookOf(accountId);
  if (book === undefined) return fail(forbidden());
  const instrument = state.getInstrument(symbolOrId);
  if (instrument === undefined) return fail(badRequest(`Instrument ${symbolOrId} could not be resolved`));
  const refusal = accountRefusal(book);
  if (refusal !== null) return fail(refusal);
  const record = book.positions.find((position) => position.symbol === instrument.symbol);
  if (record === undefined) return succeed([]);
  // The spec is silent on a cash or index holding: the simulator refuses it as an instrument no order can trade.
  if (!tradable(instrument)) return fail(badRequest(`Instrument ${instrument.symbol} is ${instrument.instrument_type} and cannot be closed by an order`));
  if (cancelOrders) cancelWorkingOn(book, new Set([record.symbol]), state.now());
  const order = closingOrder(state, book, record, heldQuantities(book.orders).get(record.symbol));
  if (order === null) {
    return fail(
      riskCheckFailed([
        {
          type: 'INSUFFICIENT_POSITION',
          description: 'Position: the whole quantity is held by working orders',
          subject: `position:${record.symbol}`,
          metadata: { account_id: String(accountId), symbol: record.symbol, quantity: record.quantity, available: '0' },
        },
      ]),
    );
  }
  // Copied before scheduling: with no fill delay the order fills at once, but the answer shows it as accepted.
  const answer = [cloneOrder(order)];
  schedule(accountId, order.id);
  return succeed(answer);
}

/**
 * DELETE /v1/accounts/{id}/positions: one closing order per position with a free quantity; wholly held ones get none,
 * and so do cash and index holdings, which no order can trade.
 */
export function closeAllPositions(state: ClearStreetSimState, schedule: ScheduleOrder, accountId: number, cancelOrders: boolean): Outcome<ClearStreetOrder[]> {
  const book = state.bookOf(accountId);
  if (book === undefined) return fail(forbidden());
  const refusal = accountRefusal(book);
  if (refusal !== null) return fail(refusal);
  if (cancelOrders) cancelWorkingOn(book, new Set(book.positions.map((position) => position.symbol)), state.now());
  const placed: ClearStreetOrder[] = [];
  // Taken once: each symbol gets one closing order, which never holds another symbol's position.
  const held = heldQuantities(book.orders);
  for (const record of [...book.positions].sort((a, b) => a.symbol.localeCompare(b.symbol))) {
    if (!tradable(state.requireInstrument(record.symbol))) continue;
    const order = closingOrder(state, book, record, held.get(record.symbol));
    if (order !== null) placed.push(order);
  }
  const answer = placed.map(cloneOrder);
  for (const order of placed) schedule(accountId, order.id);
  return succeed(answer);
}

/**
 * DELETE /v1/accounts/{id}/orders/{order_id}: the order comes back PENDING_CANCEL and is CANCELED shortly after. Asking
 * again while it is pending answers the same; an order that no longer works is not found among the open orders.
 */
export function cancelOrder(state: ClearStreetSimState, schedule: ScheduleOrder, accountId: number, orderId: string): Outcome<ClearStreetOrder> {
  const book = state.bookOf(accountId);
  if (book === undefined) return fail(forbidden());
  const order = book.orders.find((candidate) => candidate.id === orderId);
  if (order === undefined || !isWorking(order)) return fail(orderNotFound(orderId, accountId));
  const pending = order.status === 'PENDING_CANCEL';
  if (!pending) touch(order, 'PENDING_CANCEL', state.now());
  const answer = cloneOrder(order);
  if (!pending) schedule(accountId, order.id);
  return succeed(answer);
}

export interface CancelFilters {
  side: string | null;
  type: string | null;
  instrumentType: string | null;
  /** Symbols or instrument ids, any of which matches. */
  instruments: readonly string[];
}

/** DELETE /v1/accounts/{id}/orders: every cancelable order matching the filters, or 404 when there is none. */
export function cancelAllOrders(state: ClearStreetSimState, schedule: ScheduleOrder, accountId: number, filters: CancelFilters): Outcome<ClearStreetOrder[]> {
  const book = state.bookOf(accountId);
  if (book === undefined) return fail(forbidden());
  const wanted = new Set(filters.instruments.map((reference) => state.getInstrument(reference)?.symbol ?? reference.toUpperCase()));
  const matching = book.orders.filter(
    (order) =>
      isCancelable(order) &&
      (filters.side === null || order.side === filters.side) &&
      (filters.type === null || order.order_type === filters.type) &&
      (filters.instrumentType === null || order.instrument_type === filters.instrumentType) &&
      (wanted.size === 0 || (order.symbol !== null && wanted.has(order.symbol))),
  );
  if (matching.length === 0) return fail(notFound('No orders match the specified filters'));
  const now = state.now();
  for (const order of matching) touch(order, 'PENDING_CANCEL', now);
  const answer = matching.map(cloneOrder);
  for (const order of matching) schedule(accountId, order.id);
  return succeed(answer);
}
