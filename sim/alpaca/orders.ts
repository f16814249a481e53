import { d } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import type { AlpacaOrder, AssetClass, OrderSide, OrderStatus, OrderType, TimeInForce } from './types';

/** Statuses after which an order can no longer fill or be canceled; every other status is "open" in Alpaca's sense. */
const CLOSED_STATUSES: ReadonlySet<OrderStatus> = new Set(['filled', 'canceled', 'expired', 'rejected', 'replaced', 'done_for_day']);

export function isOpenOrder(order: AlpacaOrder): boolean {
  return !CLOSED_STATUSES.has(order.status);
}

export interface NewOrderInput {
  symbol: string;
  asset_id: string;
  asset_class: AssetClass;
  side: OrderSide;
  qty: string;
  type?: OrderType;
  time_in_force?: TimeInForce;
  limit_price?: string | null;
  stop_price?: string | null;
  status?: OrderStatus;
  filled_qty?: string;
  filled_avg_price?: string | null;
  created_at?: string;
  client_order_id?: string;
  id?: string;
}

/** A complete Alpaca order with every field Alpaca sends, timestamps set to match the status. */
export function buildOrder(input: NewOrderInput, newId: () => string, now: string): AlpacaOrder {
  const createdAt = input.created_at ?? now;
  const status = input.status ?? 'accepted';
  const type = input.type ?? 'market';
  const id = input.id ?? newId();
  const filledQty = input.filled_qty ?? (status === 'filled' ? input.qty : '0');
  return {
    id,
    client_order_id: input.client_order_id ?? newId(),
    created_at: createdAt,
    updated_at: createdAt,
    submitted_at: createdAt,
    filled_at: status === 'filled' ? createdAt : null,
    expired_at: status === 'expired' ? createdAt : null,
    canceled_at: status === 'canceled' ? createdAt : null,
    failed_at: status === 'rejected' ? createdAt : null,
    replaced_at: null,
    replaced_by: null,
    replaces: null,
    asset_id: input.asset_id,
    symbol: input.symbol,
    asset_class: input.asset_class,
    notional: null,
    qty: input.qty,
    filled_qty: filledQty,
    filled_avg_price: input.filled_avg_price ?? null,
    order_class: '',
    order_type: type,
    type,
    side: input.side,
    time_in_force: input.time_in_force ?? 'day',
    limit_price: input.limit_price ?? null,
    stop_price: input.stop_price ?? null,
    status,
    extended_hours: false,
    legs: null,
    trail_percent: null,
    trail_price: null,
    hwm: null,
    commission: '0',
    source: null,
  };
}

export function remainingQty(order: AlpacaOrder): SimDecimal {
  return d(order.qty ?? '0').minus(d(order.filled_qty));
}

/** Open quantity per symbol and side, computed in one pass for views over many positions. */
export function openQuantities(orders: readonly AlpacaOrder[]): Map<string, Record<OrderSide, SimDecimal>> {
  const totals = new Map<string, Record<OrderSide, SimDecimal>>();
  for (const order of orders) {
    if (!isOpenOrder(order)) continue;
    const entry = totals.get(order.symbol) ?? { buy: d(0), sell: d(0) };
    entry[order.side] = entry[order.side].plus(remainingQty(order));
    totals.set(order.symbol, entry);
  }
  return totals;
}

/**
 * Shares of a position reserved by open orders that would reduce it: sells against a long, buys against a short.
 * Alpaca subtracts these from qty_available and refuses a close that needs them.
 */
export function heldFrom(totals: ReadonlyMap<string, Record<OrderSide, SimDecimal>>, symbol: string, positionQty: SimDecimal): SimDecimal {
  return totals.get(symbol)?.[positionQty.isNegative() ? 'buy' : 'sell'] ?? d(0);
}

export function cloneOrder(order: AlpacaOrder): AlpacaOrder {
  return { ...order };
}
