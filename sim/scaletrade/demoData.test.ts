import { describe, expect, it } from 'vitest';
import { d } from '../shared/decimal';
import { demoData, largeDemoData } from './demoData';
import { ScaleTradeSimState } from './state';
import { CMD, TRADE_TYPE } from './types';

describe('demoData', () => {
  it('is the same on every call', () => {
    expect(JSON.stringify(demoData())).toBe(JSON.stringify(demoData()));
  });

  it('holds one login with about 25 open trades: FX, metals and indices, buys and sells, the usual volumes', () => {
    const data = demoData();
    expect(data.users).toHaveLength(1);
    const open = data.trades.filter((trade) => trade.status === 'open');
    expect(open).toHaveLength(25);
    const symbols = new Set(open.map((trade) => trade.symbol));
    for (const symbol of ['EURUSD', 'USDJPY', 'XAUUSD', 'US30', 'GER40']) expect(symbols.has(symbol)).toBe(true);
    expect(new Set(open.map((trade) => trade.cmd))).toEqual(new Set([CMD.buy, CMD.sell]));
    expect(new Set(open.map((trade) => trade.volume))).toEqual(new Set([10, 50, 100, 250, 1000]));
    expect(open.some((trade) => trade.comment !== '')).toBe(true);
  });

  it('has one pending trade of each kind, priced on the right side of the market', () => {
    const data = demoData();
    const state = new ScaleTradeSimState(data, Date.now);
    const pending = state.tradesOf(data.users[0]!.login, TRADE_TYPE.pending);
    expect(pending.map((trade) => trade.cmd).sort()).toEqual([CMD.buyLimit, CMD.sellLimit, CMD.buyStop, CMD.sellStop]);
    for (const trade of pending) {
      const instrument = state.instrument(trade.symbol)!;
      const below = d(trade.open_price).lessThan(instrument.bid);
      expect(below).toBe(trade.cmd === CMD.buyLimit || trade.cmd === CMD.sellStop);
    }
  });

  it('keeps closed history with a cancelled pending order, and a balance that is the deposit plus every closed net result', () => {
    const data = demoData();
    const state = new ScaleTradeSimState(data, Date.now);
    const login = data.users[0]!.login;
    const history = state.tradesOf(login, TRADE_TYPE.closed);
    expect(history.filter((trade) => trade.status === 'closed').length).toBeGreaterThanOrEqual(10);
    expect(history.some((trade) => trade.status === 'deleted')).toBe(true);
    const finance = state.tradesOf(login, TRADE_TYPE.finance);
    const settled = [...history, ...finance].reduce((sum, trade) => sum.plus(trade.net_profit), d(0));
    expect(state.balanceOf(login)).toBe(settled.toFixed());
  });

  it('numbers tickets in time order without gaps', () => {
    const tickets = demoData().trades.map((trade) => trade.order);
    expect(tickets).toEqual(tickets.map((_, index) => (tickets[0] as number) + index));
  });
});

describe('largeDemoData', () => {
  it('gives one login exactly n open trades and loads into the simulator', () => {
    const data = largeDemoData(600);
    const state = new ScaleTradeSimState(data, Date.now);
    expect(state.tradesOf(data.users[0]!.login, TRADE_TYPE.open)).toHaveLength(600);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => largeDemoData(2.5)).toThrow('whole number');
  });
});
