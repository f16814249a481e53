import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../../shared/decimal';
import type { Position } from '../../shared/domain';
import { positionTotals } from './positionTotals';

function position(symbol: string, marketValue: string | null, unrealizedPnl: string | null, quoteValued = false): Position {
  return {
    id: symbol, accountId: 'a', symbol, side: marketValue?.startsWith('-') ? 'short' : 'long', quantity: toDecimalString('1'), available: toDecimalString('1'),
    unit: { name: 'shares', step: toDecimalString('1') }, fractional: false, avgPrice: null, lastPrice: null,
    marketValue: marketValue === null ? null : toDecimalString(marketValue), unrealizedPnl: unrealizedPnl === null ? null : toDecimalString(unrealizedPnl),
    unrealizedPnlPct: null, assetClass: null, ...(quoteValued ? { quoteValued: true as const } : {}),
  };
}

describe('positionTotals', () => {
  it('adds longs and shorts apart, signed, and the unrealised P&L exactly in tenths', () => {
    const totals = positionTotals([position('A', '1000.1', '0.1'), position('B', '-250.2', '0.2'), position('C', '0.3', '-10')]);
    expect(totals).toEqual({ count: 3, long: '1000.4', short: '-250.2', unrealizedPnl: '-9.7', quoteValued: 0, unvalued: 0 });
  });

  it('keeps a value in the quote currency out of the account totals and counts it aside, and counts positions with no value', () => {
    const totals = positionTotals([position('JP225', '3601200', '12.5', true), position('X', null, null), position('A', '10', '1')]);
    expect(totals).toMatchObject({ count: 3, long: '10', short: '0', unrealizedPnl: '13.5', quoteValued: 1, unvalued: 1 });
  });

  it('adds up nothing to zero', () => {
    expect(positionTotals([])).toEqual({ count: 0, long: '0', short: '0', unrealizedPnl: '0', quoteValued: 0, unvalued: 0 });
  });
});
