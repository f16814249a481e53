import type { Order, Position } from '../../../shared/domain';

const NAMED_LIMIT = 10;

/** "2 positions (AAPL long 10, TSLA short 5)". */
export function describePositions(positions: readonly Position[]): string {
  return `${counted(positions.length, 'position')} (${named(positions.map((p) => `${p.symbol} ${p.side} ${p.quantity}`))})`;
}

/** "1 open order (MSFT sell 5)". */
export function describeOrders(orders: readonly Order[]): string {
  return `${counted(orders.length, 'open order')} (${named(orders.map((o) => `${o.symbol} ${o.side} ${o.quantity ?? ''}`.trim()))})`;
}

export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Milliseconds as a person reads a wait: "800 ms", "1.5 s", "60 s". */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

function named(items: readonly string[]): string {
  const shown = items.slice(0, NAMED_LIMIT).join(', ');
  return items.length > NAMED_LIMIT ? `${shown} and ${items.length - NAMED_LIMIT} more` : shown;
}
