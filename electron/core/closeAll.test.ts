import { describe, expect, it } from 'vitest';
import type { CloseAllItem } from '../../shared/actions';
import { toDecimalString } from '../../shared/decimal';
import { closeAllMessage, itemsFromBulkResult } from './closeAll';

function item(symbol: string, state: CloseAllItem['state'], remaining?: string): CloseAllItem {
  return {
    symbol, positionId: symbol, state, httpStatus: 200, orderId: `o-${symbol}`, message: '', brokerCode: null,
    ...(remaining !== undefined ? { remaining: toDecimalString(remaining) } : {}),
  };
}

describe('closeAllMessage', () => {
  it('counts accepted, refused and unknown closes', () => {
    expect(closeAllMessage([item('AAPL', 'accepted'), item('TSLA', 'rejected'), item('GME', 'unknown')])).toBe(
      'Closing accepted for 1 of 3 positions; 1 refused; 1 with no answer (outcome unknown: check before closing again).',
    );
  });

  it('names each position closed only in part and what of it stays open, so a partial close never reads as a full one', () => {
    expect(closeAllMessage([item('AAPL', 'accepted'), item('XOM', 'accepted', '81'), item('HD', 'filled', '0.5')])).toBe(
      'Closing accepted for 3 of 3 positions, 2 of them only in part (XOM: 81 stay open, HD: 0.5 stay open).',
    );
  });
});

describe('itemsFromBulkResult', () => {
  it('carries what stays open of a position over from the broker answer', () => {
    const [partial] = itemsFromBulkResult({
      requestId: 'r',
      items: [{ symbol: 'XOM', positionId: 'XOM', ok: true, httpStatus: 200, order: null, message: 'm', brokerCode: null, remaining: toDecimalString('81') }],
    });
    expect(partial).toMatchObject({ symbol: 'XOM', state: 'accepted', remaining: '81' });
  });
});
