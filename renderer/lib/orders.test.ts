import { describe, expect, it } from 'vitest';
import type { DecimalString } from '../../shared/decimal';
import type { Order } from '../../shared/domain';
import { aPosition } from '../../shared/domain.testkit';
import { holdingOrders, orderPhrase, sideTone } from './orders';

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: 'o-1',
    accountId: 'acc-1',
    clientOrderId: null,
    symbol: 'AAPL',
    side: 'sell',
    type: 'limit',
    quantity: '1200' as DecimalString,
    filledQuantity: '0' as DecimalString,
    limitPrice: '190.50' as DecimalString,
    stopPrice: null,
    avgFillPrice: null,
    timeInForce: 'day',
    status: 'new',
    open: true,
    createdAt: '2024-05-01T14:03:22Z',
    updatedAt: null,
    ...overrides,
  };
}

describe('orderPhrase', () => {
  it('says side, quantity, symbol, type and limit price', () => {
    expect(orderPhrase(order())).toBe('sell 1,200 AAPL limit at 190.50');
  });

  it('leaves out what a market order without a quantity does not have', () => {
    expect(orderPhrase(order({ side: 'sell_short', type: 'MARKET', quantity: null, limitPrice: null }))).toBe('sell short AAPL market');
  });
});

describe('sideTone', () => {
  it('shows buys as positive, sells as negative, and a side it does not know as neutral', () => {
    expect(['buy', 'sell', 'sell_short', 'other'].map(sideTone)).toEqual(['positive', 'negative', 'negative', 'neutral']);
  });
});

describe('holdingOrders', () => {
  const orders = [
    order({ id: 'sell-aapl' }),
    order({ id: 'buy-aapl', side: 'buy' }),
    order({ id: 'sell-msft', symbol: 'MSFT' }),
    order({ id: 'done-aapl', open: false }),
  ];

  it('are the working sells on the symbol of a long position', () => {
    expect(holdingOrders(aPosition({ symbol: 'AAPL', side: 'long' }), orders).map((held) => held.id)).toEqual(['sell-aapl']);
  });

  it('are the working buys on the symbol of a short position', () => {
    expect(holdingOrders(aPosition({ symbol: 'AAPL', side: 'short' }), orders).map((held) => held.id)).toEqual(['buy-aapl']);
  });
});
