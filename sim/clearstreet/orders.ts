import { randomBytes } from 'node:crypto';
import { d, text } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import type { ClearStreetOrder, OrderSide, OrderStatus, OrderType, SimInstrument, TimeInForce } from './types';

/** Statuses in which an order can still fill or be canceled, and so holds the quantity of the position it reduces. */
const WORKING_STATUSES: ReadonlySet<OrderStatus> = new Set(['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'PENDING_CANCEL', 'PENDING_REPLACE']);

export function isWorking(order: ClearStreetOrder): boolean {
  return WORKING_STATUSES.has(order.status);
}

/** Working and not already on its way out: what a cancel may still act on. */
export function isCancelable(order: ClearStreetOrder): boolean {
  return isWorking(order) && order.status !== 'PENDING_CANCEL';
}

/** A version-7 UUID (time-ordered), the form of Clear Street's engine-assigned order ids. */
export function timeOrderedId(atMs: number, randomHex: (count: number) => string): string {
  const time = Math.max(0, Math.floor(atMs)).toString(16).padStart(12, '0').slice(-12);
  const variant = '89ab'[parseInt(randomHex(1), 16) % 4] as string;
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomHex(3)}-${variant}${randomHex(3)}-${randomHex(12)}`;
}

export function cryptoHex(count: number): string {
  return randomBytes(Math.ceil(count / 2)).toString('hex').slice(0, count);
}

export interface OrderInput {
  symbol: string;
  side: OrderSide;
  quantity: string;
  order_type?: OrderType;
  time_in_force?: TimeInForce;
  limit_price?: string | null;
  stop_price?: string | null;
  status?: OrderStatus;
  filled_quantity?: string;
  average_fill_price?: string | null;
  created_at?: string;
  client_order_id?: string;
  id?: string;
}

/** A complete order with every field Clear Street sends; without a client id, the engine's id is echoed there. */
export function buildOrder(accountId: number, instrument: SimInstrument, input: OrderInput, newId: () => string, now: string): ClearStreetOrder {
  const id = input.id ?? newId();
  const status = input.status ?? 'PENDING_NEW';
  const filled = input.filled_quantity ?? (status === 'FILLED' ? input.quantity : '0');
  const createdAt = input.created_at ?? now;
  return {
    id,
    client_order_id: input.client_order_id ?? id,
    account_id: accountId,
    symbol: instrument.symbol,
    instrument_id: instrument.instrument_id,
    instrument_type: instrument.instrument_type,
    side: input.side,
    quantity: input.quantity,
    filled_quantity: filled,
    leaves_quantity: isWorkingStatus(status) ? text(d(input.quantity).minus(d(filled))) : '0',
    order_type: input.order_type ?? 'MARKET',
    time_in_force: input.time_in_force ?? 'DAY',
    status,
    limit_price: input.limit_price ?? null,
    stop_price: input.stop_price ?? null,
    average_fill_price: input.average_fill_price ?? null,
    venue: instrument.venue,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

function isWorkingStatus(status: OrderStatus): boolean {
  return WORKING_STATUSES.has(status);
}

export function leavesOf(order: ClearStreetOrder): SimDecimal {
  return d(order.leaves_quantity);
}

/** Quantity working orders hold per symbol: sells against a long, buys against a short. */
export interface HeldQuantities {
  sell: SimDecimal;
  buy: SimDecimal;
}

export function heldQuantities(orders: readonly ClearStreetOrder[]): Map<string, HeldQuantities> {
  const held = new Map<string, HeldQuantities>();
  for (const order of orders) {
    if (!isWorking(order) || order.symbol === null || order.side === 'OTHER' || order.side === 'SELL_SHORT') continue;
    const entry = held.get(order.symbol) ?? { sell: d(0), buy: d(0) };
    if (order.side === 'SELL') entry.sell = entry.sell.plus(leavesOf(order));
    else entry.buy = entry.buy.plus(leavesOf(order));
    held.set(order.symbol, entry);
  }
  return held;
}

/** The part of a signed position no working order already reduces, as a magnitude. */
export function availableMagnitude(quantity: SimDecimal, held: HeldQuantities | undefined): SimDecimal {
  const reserved = held === undefined ? d(0) : quantity.isNegative() ? held.buy : held.sell;
  const free = quantity.abs().minus(reserved);
  return free.isNegative() ? d(0) : free;
}

export function cloneOrder(order: ClearStreetOrder): ClearStreetOrder {
  return { ...order, ...(order.details === undefined ? {} : { details: [...order.details] }) };
}

export function touch(order: ClearStreetOrder, status: OrderStatus, now: string): void {
  order.status = status;
  order.updated_at = now;
  if (!isWorkingStatus(status)) order.leaves_quantity = '0';
}
