import { describe, expect, it } from 'vitest';
import { d } from '../shared/decimal';
import { demoData, largeDemoData } from './demoData';
import { ExnessSimState, profitAt } from './state';

describe('demoData', () => {
  it('is the same on every call', () => {
    expect(JSON.stringify(demoData())).toBe(JSON.stringify(demoData()));
  });

  it('gives the first user 20 tickets across crypto, FX and indices, long and short, whole and fractional', () => {
    const data = demoData();
    const first = data.users[0];
    expect(first?.email).toBe('maya.okafor@example.com');
    const tickets = data.openOrders.filter((order) => order.userId === first?.userId);
    expect(tickets).toHaveLength(20);
    const kinds = new Set(tickets.map((order) => data.instruments.find((instrument) => instrument.symbol === order.symbol)?.kind));
    expect([...kinds].sort()).toEqual(['crypto', 'fx', 'index', 'metal']);
    expect(new Set(tickets.map((order) => order.type))).toEqual(new Set(['buy', 'sell']));
    expect(tickets.map((order) => order.quantity)).toEqual(expect.arrayContaining(['0.25', '1.5', '1000']));
    expect(new Set(tickets.map((order) => order.orderId)).size).toBe(20);
  });

  it('has close history whose profit follows from its prices, and a second user with their own tickets', () => {
    const data = demoData();
    const state = new ExnessSimState(data);
    const [maya, noor] = state.listUsers();
    const history = state.closedOrdersOf(maya?.userId ?? '');
    expect(history.length).toBeGreaterThanOrEqual(5);
    for (const order of history) {
      expect(profitAt(order, state.requireInstrument(order.symbol), order.closePrice)).toBe(order.profit);
      expect(Date.parse(order.closeTime)).toBeGreaterThan(Date.parse(order.openTime));
    }
    expect(state.openOrdersOf(noor?.userId ?? '').length).toBeGreaterThan(0);
  });

  it('keeps USD-based pairs\' profit in dollars: 10000 USDJPY bought 1.5 yen lower at 150 made 100', () => {
    const instrument = { symbol: 'USDJPY', code: 'usdjpy', kind: 'fx' as const, price: '150', usdBase: true };
    const order = { orderId: 'o', userId: 'u', symbol: 'USDJPY', type: 'buy' as const, quantity: '10000', leverage: 1, openPrice: '148.5', openTime: '', takeProfit: null, stopLoss: null };
    expect(profitAt(order, instrument, '150')).toBe('100.00');
    expect(profitAt({ ...order, type: 'sell' }, instrument, '150')).toBe('-100.00');
  });

  it('quotes every open price with its market\'s decimals', () => {
    const data = demoData();
    for (const order of data.openOrders) {
      const instrument = data.instruments.find((candidate) => candidate.symbol === order.symbol);
      expect(d(order.openPrice).decimalPlaces()).toBeLessThanOrEqual(d(instrument?.price ?? '0').decimalPlaces());
    }
  });
});

describe('largeDemoData', () => {
  it('gives one user exactly n open tickets with distinct ids', () => {
    const data = largeDemoData(500);
    expect(data.users).toHaveLength(1);
    expect(data.openOrders).toHaveLength(500);
    expect(new Set(data.openOrders.map((order) => order.orderId)).size).toBe(500);
    expect(() => new ExnessSimState(data)).not.toThrow();
  });
});
