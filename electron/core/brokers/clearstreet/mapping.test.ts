import { describe, expect, it } from 'vitest';
import { toAccount, toBalances, toOrder, toPosition } from './mapping';
import type { ClearStreetOrder, ClearStreetPosition } from './schemas';

const ORDER: ClearStreetOrder = {
  id: '019c0b57-0850-7b0b-8a2c-5ee3fb5a5876',
  client_order_id: 'my-ref-1',
  symbol: 'GOOG',
  instrument_id: 'c3c4c5c6-d3d4-e3e4-f3f4-f5f6f7f8f9fa',
  side: 'SELL',
  quantity: '25',
  filled_quantity: '0',
  order_type: 'MARKET',
  limit_price: null,
  status: 'PENDING_NEW',
  created_at: '2025-10-03T14:01:15.000000000Z',
};

const POSITION: ClearStreetPosition = {
  symbol: 'AAPL',
  instrument_type: 'COMMON_STOCK',
  position_type: 'LONG',
  quantity: '100',
  available_quantity: '100',
  avg_price: '145.00',
  instrument_price: '151.00',
  market_value: '15050.00',
  unrealized_pnl: '550.00',
  unrealized_pnl_pct: '3.79',
};

describe('toAccount', () => {
  it('uses the decimal id as id and number, the full name, else the short name', () => {
    expect(toAccount({ id: 19816, full_name: 'Test Trading Account', short_name: 'TST-01', status: 'ACTIVE' })).toEqual({
      id: '19816', number: '19816', name: 'Test Trading Account', status: 'ACTIVE', statusTone: 'active', currency: null,
    });
    expect(toAccount({ id: '19817', full_name: ' ', short_name: 'TST-02', status: 'CLOSED' })).toMatchObject({ name: 'TST-02', statusTone: 'closed' });
    expect(toAccount({ id: 7, status: 'INACTIVE' })).toMatchObject({ name: '7', statusTone: 'restricted' });
  });
});

describe('toBalances', () => {
  it('takes trade-date cash, else settled cash', () => {
    expect(toBalances('7', { trade_cash: '70000.00', settled_cash: '99775.05', equity: '100000.00', buying_power: '140000.00', daily_pnl: '-125.50', currency: 'USD' })).toEqual({
      accountId: '7', cash: '70000', equity: '100000', buyingPower: '140000', buyingPowerKind: 'buying_power', dayPnl: '-125.5', currency: 'USD',
    });
    expect(toBalances('7', { settled_cash: '12.50' }).cash).toBe('12.5');
  });
});

describe('toPosition', () => {
  it('keeps a long as sent, with the percentage Clear Street already gives', () => {
    expect(toPosition('7', POSITION)).toMatchObject({ id: 'AAPL', side: 'long', quantity: '100', available: '100', unrealizedPnlPct: '3.79', lastPrice: '151' });
  });

  it('takes the side of a short from its sign, or from position_type when the quantity comes unsigned', () => {
    expect(toPosition('7', { ...POSITION, quantity: '-50', available_quantity: '-20', position_type: 'SHORT' })).toMatchObject({ side: 'short', quantity: '50', available: '20' });
    expect(toPosition('7', { ...POSITION, quantity: '50', available_quantity: '100', position_type: 'SHORT' })).toMatchObject({ side: 'short', quantity: '50' });
    expect(toPosition('7', { ...POSITION, available_quantity: null }).available).toBe('100');
  });

  it('marks cash and index holdings as not closable, and leaves stocks, options and types added later closable', () => {
    expect(toPosition('7', { ...POSITION, instrument_type: 'CASH' }).notClosable).toMatch(/cash/);
    expect(toPosition('7', { ...POSITION, instrument_type: 'INDEX' }).notClosable).toMatch(/index/);
    for (const type of ['COMMON_STOCK', 'OPTION', 'WARRANT', null]) expect(toPosition('7', { ...POSITION, instrument_type: type }).notClosable).toBeUndefined();
  });

  it('refuses a quantity that is not a decimal', () => {
    expect(() => toPosition('7', { ...POSITION, quantity: '1e3' })).toThrow(/quantity must be a decimal number/);
  });
});

describe('toOrder', () => {
  it('writes statuses, sides and types in lower case and reads the seed order', () => {
    expect(toOrder('19816', ORDER)).toEqual({
      id: ORDER.id, accountId: '19816', clientOrderId: 'my-ref-1', symbol: 'GOOG', side: 'sell', type: 'market',
      quantity: '25', filledQuantity: '0', limitPrice: null, stopPrice: null, avgFillPrice: null, timeInForce: null, status: 'pending_new', open: true,
      createdAt: ORDER.created_at, updatedAt: null,
    });
  });

  it('reads average_fill_price and filled_quantity as the fill so far', () => {
    expect(toOrder('7', { ...ORDER, status: 'PARTIALLY_FILLED', filled_quantity: '10', average_fill_price: '171.055', updated_at: '2026-01-26T15:01:00Z' }))
      .toMatchObject({ filledQuantity: '10', avgFillPrice: '171.055', status: 'partially_filled', open: true, updatedAt: '2026-01-26T15:01:00Z' });
  });

  it('counts only finished statuses as closed', () => {
    for (const status of ['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'REPLACED']) expect(toOrder('7', { ...ORDER, status }).open).toBe(false);
    for (const status of ['NEW', 'PENDING_CANCEL', 'DONE_FOR_DAY', 'SUSPENDED', 'OTHER']) expect(toOrder('7', { ...ORDER, status }).open).toBe(true);
  });

  it('maps SELL_SHORT and names an order without a symbol by its instrument', () => {
    expect(toOrder('7', { ...ORDER, side: 'SELL_SHORT', symbol: null }).side).toBe('sell_short');
    expect(toOrder('7', { ...ORDER, symbol: null }).symbol).toBe(ORDER.instrument_id);
  });

  it("reads the spec's OTHER and any value added later as it came, in lower case, instead of failing the order", () => {
    expect(toOrder('7', { ...ORDER, side: 'OTHER', order_type: 'OTHER', status: 'OTHER' })).toMatchObject({ side: 'other', type: 'other', status: 'other', open: true });
    expect(toOrder('7', { ...ORDER, side: 'BUY_TO_COVER', order_type: 'PEGGED', status: 'HELD' })).toMatchObject({ side: 'buy_to_cover', type: 'pegged', status: 'held', open: true });
  });
});
