import type { DecimalString } from '../../shared/decimal';
import type { Position } from '../../shared/domain';
import { ExactSum } from './exactSum';

/** What the positions footer adds up, in the account currency. */
export interface PositionTotals {
  count: number;
  /** Sum of the positive market values. */
  long: DecimalString;
  /** Sum of the negative market values (shorts), so negative itself. */
  short: DecimalString;
  unrealizedPnl: DecimalString;
  /** Positions whose market value is in the instrument's quote currency: shown in their rows, left out of `long`/`short`. */
  quoteValued: number;
  /** Positions the broker gave no market value for. */
  unvalued: number;
}

/**
 * Adds up the given positions (the ones the filter shows). Market value is signed, short negative; a position valued in
 * its quote currency cannot be added to account-currency values and is counted aside instead.
 */
export function positionTotals(positions: readonly Position[]): PositionTotals {
  const long = new ExactSum();
  const short = new ExactSum();
  const pnl = new ExactSum();
  let quoteValued = 0;
  let unvalued = 0;
  for (const position of positions) {
    if (position.unrealizedPnl !== null) pnl.add(position.unrealizedPnl);
    if (position.marketValue === null) {
      unvalued += 1;
    } else if (position.quoteValued) {
      quoteValued += 1;
    } else if (position.marketValue.startsWith('-')) {
      short.add(position.marketValue);
    } else {
      long.add(position.marketValue);
    }
  }
  return {
    count: positions.length,
    long: long.total(),
    short: short.total(),
    unrealizedPnl: pnl.total(),
    quoteValued,
    unvalued,
  };
}
