import type { CloseAmount } from '../../shared/actions';
import { quantityToClose } from '../../shared/closeAmount';
import { Decimal, dec } from '../../shared/decimal';
import type { Position } from '../../shared/domain';

/**
 * An estimate, or why there is none: a confirmation shows every line, never silently drops one. `note` says when the
 * amount is not in the account's currency.
 */
export type Estimate = { amount: string; missing: null; note: string | null } | { amount: null; missing: string; note: null };

export interface CloseEstimate {
  /** What the closing trade is worth at the last price: proceeds of a sale, or the cost of buying back a short. */
  value: Estimate;
  realisedPnl: Estimate;
}

const MONEY_PLACES = 2;

function estimateValue(position: Position, quantity: Decimal, fraction: Decimal): Estimate {
  const { lastPrice, marketValue, unit } = position;
  if (unit.name === 'shares' && lastPrice !== null) return { amount: quantity.times(dec(lastPrice)).toFixed(MONEY_PLACES), missing: null, note: null };
  // An option's value counts its contract size, which only the broker's market value holds.
  if ((unit.name === 'shares' || unit.name === 'contracts') && marketValue !== null) {
    return { amount: dec(marketValue).abs().times(fraction).toFixed(MONEY_PLACES), missing: null, note: null };
  }
  // Units times price is an amount of the quote currency (yen for USDJPY), not of the account's.
  if (unit.name === 'units' && lastPrice !== null) {
    return { amount: quantity.times(dec(lastPrice)).toFixed(MONEY_PLACES), missing: null, note: `in the currency ${position.symbol} is quoted in` };
  }
  if (unit.name === 'lots' || unit.name === 'contracts') return { amount: null, missing: `the broker gives no contract size for ${unit.name}`, note: null };
  return { amount: null, missing: 'no last price', note: null };
}

function estimatePnl(position: Position, quantity: Decimal, fraction: Decimal): Estimate {
  // The broker's own unrealised figure already holds contract size, currency and charges: the closed share of it is
  // what the account books.
  if (position.unrealizedPnl !== null) return { amount: dec(position.unrealizedPnl).times(fraction).toFixed(MONEY_PLACES), missing: null, note: null };
  // Price differences times lots or contracts miss the contract size, which only the broker's own figure holds.
  if (position.unit.name === 'lots' || position.unit.name === 'contracts') {
    return { amount: null, missing: `the broker gives no unrealised P&L for these ${position.unit.name}`, note: null };
  }
  if (position.avgPrice !== null && position.lastPrice !== null) {
    const direction = position.side === 'long' ? 1 : -1;
    const amount = dec(position.lastPrice).minus(dec(position.avgPrice)).times(quantity).times(direction).toFixed(MONEY_PLACES);
    // Price difference times units is again in the quote currency.
    return { amount, missing: null, note: position.unit.name === 'units' ? `in the currency ${position.symbol} is quoted in` : null };
  }
  return { amount: null, missing: position.avgPrice === null ? 'no average price' : 'no last price', note: null };
}

/** Estimates at the last price for any unit: shares and units by price, lots by the broker's own figures. */
export function estimateClose(position: Position, amount: CloseAmount): CloseEstimate {
  const quantity = quantityToClose(position, amount);
  const open = dec(position.quantity);
  const fraction = open.isZero() ? new Decimal(0) : quantity.dividedBy(open);
  return { value: estimateValue(position, quantity, fraction), realisedPnl: estimatePnl(position, quantity, fraction) };
}

/** "Est. proceeds" for a sale, "Est. cost to buy back" for a short. */
export function valueLabel(side: Position['side']): string {
  return side === 'long' ? 'Est. proceeds' : 'Est. cost to buy back';
}

export interface CloseAllEstimate {
  positions: number;
  /** Sum over long positions; null when none of them has an estimate. */
  proceeds: string | null;
  /** Sum over short positions; null when none of them has an estimate. */
  buyBackCost: string | null;
  realisedPnl: string | null;
  /** Positions left out of the sums: no estimate, or one in another currency than the account's. */
  withoutValue: number;
  withoutPnl: number;
}

/** The single-close estimates of every position in the account's currency, summed: what a close all books at the last prices. */
export function estimateCloseAll(positions: readonly Position[]): CloseAllEstimate {
  let proceeds: Decimal | null = null;
  let buyBack: Decimal | null = null;
  let pnl: Decimal | null = null;
  let withoutValue = 0;
  let withoutPnl = 0;
  for (const position of positions) {
    const estimate = estimateClose(position, { kind: 'all' });
    if (estimate.value.amount === null || estimate.value.note !== null) withoutValue += 1;
    else if (position.side === 'long') proceeds = (proceeds ?? new Decimal(0)).plus(estimate.value.amount);
    else buyBack = (buyBack ?? new Decimal(0)).plus(estimate.value.amount);
    if (estimate.realisedPnl.amount === null || estimate.realisedPnl.note !== null) withoutPnl += 1;
    else pnl = (pnl ?? new Decimal(0)).plus(estimate.realisedPnl.amount);
  }
  const text = (sum: Decimal | null) => (sum === null ? null : sum.toFixed(MONEY_PLACES));
  return { positions: positions.length, proceeds: text(proceeds), buyBackCost: text(buyBack), realisedPnl: text(pnl), withoutValue, withoutPnl };
}
