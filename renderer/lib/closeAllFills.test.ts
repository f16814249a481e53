import { describe, expect, it } from 'vitest';
import type { CloseAllItem, FillReport } from '../../shared/actions';
import { toDecimalString } from '../../shared/decimal';
import { fillLine, followedItems } from './closeAllFills';

const fill = (overrides: Partial<FillReport>): FillReport => ({
  orderId: 'o1',
  status: 'filled',
  filledQuantity: toDecimalString('12'),
  remaining: toDecimalString('0'),
  avgPrice: toDecimalString('1187.2'),
  realizedPnl: toDecimalString('120'),
  realizedPnlEstimated: true,
  ended: true,
  ...overrides,
});

const item = (overrides: Partial<CloseAllItem>): CloseAllItem => ({
  symbol: 'AAPL', positionId: 'AAPL', state: 'filled', httpStatus: 200, orderId: 'o1', message: 'Filled', brokerCode: null, ...overrides,
});

describe('a followed close all, position by position', () => {
  it('gives the fill price with separators, the quantity and the P&L marked as estimated', () => {
    expect(fillLine(item({ fill: fill({}) }))).toBe('AAPL filled 12 at 1,187.2, P&L 120.00 (estimated)');
  });

  it("gives the broker's own P&L unmarked, and says what stays open after a partial fill", () => {
    const partial = item({ state: 'partly_filled', remaining: toDecimalString('7'), fill: fill({ filledQuantity: toDecimalString('3'), remaining: toDecimalString('7'), realizedPnlEstimated: false, realizedPnl: toDecimalString('-4.5') }) });
    expect(fillLine(partial)).toBe('AAPL partly filled 3 at 1,187.2, P&L -4.50; 7 stay open');
  });

  it('lists only the positions that were followed', () => {
    const refused = item({ symbol: 'TSLA', state: 'rejected' });
    const followed = item({ fill: fill({}) });
    expect(followedItems([refused, followed])).toEqual([followed]);
  });
});
